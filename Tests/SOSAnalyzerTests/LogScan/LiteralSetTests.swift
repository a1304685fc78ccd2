import Foundation
import Testing
@testable import SOSAnalyzer

/// ``LiteralSet`` answers, for every literal, what ``ByteNeedle`` answers alone: it replaced a
/// dozen searches per kernel line, so any difference would change what the log scan keeps.
@Suite struct LiteralSetTests {
    /// What `KernelLogScan` looks for: its own literals, the failure scanner's signs, rule literals.
    static let literals = ["taint", "staging", "Linux version ", "Zone "] + AllocationFailureScanner.signs.map(\.text.description)
        + ["possible memory allocation deadlock", "vmxnet3_rq_rx_complete", "Large kmem_alloc(", "Possible memory allocation deadlock: size="]

    static func scan(_ set: LiteralSet, _ line: String) -> UInt64 {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { set.scan(UnsafeBufferPointer($0)) }
    }

    static func needles(_ literals: [String], _ line: String) -> UInt64 {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            var bits: UInt64 = 0
            for (index, literal) in literals.enumerated() where ByteNeedle(literal).occurs(in: UnsafeBufferPointer(buffer)) {
                bits |= 1 << UInt64(index)
            }
            return bits
        }
    }

    @Test("the doc comment's sample")
    func docSample() {
        let set = LiteralSet(["taint", "mode:0x", "Zone "])
        #expect(Self.scan(set, "swapper/0: page allocation failure: order:2, mode:0x4020") == 0b010)
        #expect(Self.scan(set, "") == 0)
    }

    @Test("every line of the real allocation-failure samples: the same bits as one search per literal")
    func agreesWithNeedlesOnRealLogs() throws {
        let set = LiteralSet(Self.literals)
        var lines = 0
        var hits = 0
        for name in KernelLogPrefilterTests.samples {
            for line in try KernelLogPrefilterTests.text(name).split(separator: "\n", omittingEmptySubsequences: false) {
                let text = String(line)
                let bits = Self.scan(set, text)
                #expect(bits == Self.needles(Self.literals, text), "\(name): \(text)")
                lines += 1
                if bits != 0 { hits += 1 }
            }
        }
        // A real Ubuntu dmesg (no failures; zone ranges, the banner, module lines).
        let dmesg = try #require(Bundle.module.url(forResource: "dmesg-excerpt", withExtension: nil, subdirectory: "Fixtures/real"))
        for line in String(decoding: try Data(contentsOf: dmesg), as: UTF8.self).split(separator: "\n") {
            let text = String(line)
            #expect(Self.scan(set, text) == Self.needles(Self.literals, text), "dmesg: \(text)")
            lines += 1
        }
        #expect(lines > 500)
        #expect(hits > 100, "the samples hold the signs")
    }

    @Test("literals at the ends of a line, overlapping, repeated, sharing an anchor byte, and bytes past ASCII")
    func edges() {
        let literals = ["kB", "KB", "aa", "aaa", "Zone ", "Zones", "é", "\u{FF}"]
        let set = LiteralSet(literals)
        for line in ["kB", "xkB", "KBkB", "aa", "a", "aaaa", "Zone", "Zone ", "Zones Zone ", "café", "\u{FF}x", "",
                     "Mem-Info: Node 0 DMA free:15908kB", "ZZZZone  Zones"] {
            #expect(Self.scan(set, line) == Self.needles(literals, line), "\(line)")
        }
    }

    /// The C loop against one search per literal on random text of a small alphabet, where
    /// literals overlap, share anchors, sit at both ends and repeat: every bit the same.
    @Test("random literal sets on random lines: the same bits as one search per literal")
    func randomSetsAgreeWithNeedles() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "b", "k", ":", " ", "é", "0"]
        func text(_ length: Int) -> String {
            String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
        }
        for _ in 0..<300 {
            let literals = (0..<Int.random(in: 1...LiteralSet.capacity, using: &generator)).map { _ in text(Int.random(in: 1...5, using: &generator)) }
            let set = LiteralSet(literals)
            for _ in 0..<20 {
                let line = text(Int.random(in: 0...40, using: &generator))
                #expect(Self.scan(set, line) == Self.needles(literals, line), "\(literals) in \(line)")
            }
        }
    }

    @Test("sixty-four literals, every bit reachable")
    func fullSet() {
        let literals = (0..<LiteralSet.capacity).map { "w\($0)#" }
        let set = LiteralSet(literals)
        let line = literals.reversed().joined(separator: " ")
        #expect(Self.scan(set, line) == ~0)
        #expect(Self.scan(set, "w63# w0#") == (UInt64(1) << 63 | 1))
    }
}
