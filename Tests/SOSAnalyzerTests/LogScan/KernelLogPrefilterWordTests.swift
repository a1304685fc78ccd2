import Foundation
import Testing
@testable import SOSAnalyzer

/// The prefilter reads a syslog date at fixed offsets first and a host name eight bytes at a time;
/// these tests hold it to the byte-by-byte loops it replaced, on real syslog lines and on those lines with a blank, a tab or a non-ASCII
/// byte put at every position of their first 80 bytes (where the host name and tag lie).
@Suite struct KernelLogPrefilterWordTests {
    /// Where a `Mon DD HH:MM:SS[.frac] ` date ends, read as the prefilter did before its fixed-offset
    /// and word steps: one byte at a time.
    static func referenceDateEnd(_ line: [UInt8]) -> Int? {
        let count = line.count
        guard count >= 15 else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map { Array($0.utf8) }
        guard months.contains(Array(line[0..<3])), line[3] == 0x20 else { return nil }
        func digit(_ i: Int) -> Bool { line[i] >= 0x30 && line[i] <= 0x39 }
        var index = 4
        while index < count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        let dayStart = index
        while index < count, digit(index) { index += 1 }
        guard (1...2).contains(index - dayStart), index < count, line[index] == 0x20 else { return nil }
        index += 1
        guard index + 8 <= count, line[index + 2] == 0x3A, line[index + 5] == 0x3A, digit(index), digit(index + 1),
              digit(index + 3), digit(index + 4), digit(index + 6), digit(index + 7) else { return nil }
        index += 8
        if index + 1 < count, line[index] == 0x2E, digit(index + 1) {
            index += 1
            while index < count, digit(index) { index += 1 }
        }
        guard index < count, line[index] == 0x20 else { return nil }
        return index + 1
    }

    /// The test as it read before the word loop: one byte at a time.
    static func byteLoopAnswer(_ line: [UInt8]) -> Bool {
        guard var index = referenceDateEnd(line) else { return false }
        guard index < line.count, line[index] < 0x80 else { return false }
        func tag(at offset: Int) -> Bool {
            offset + 7 <= line.count && Array(line[offset..<(offset + 7)]) == Array("kernel:".utf8)
        }
        if tag(at: index) { return false }
        while index < line.count, line[index] != 0x20 {
            if line[index] >= 0x80 { return false }
            index += 1
        }
        while index < line.count, line[index] == 0x20 { index += 1 }
        if index < line.count, line[index] >= 0x80 { return false }
        return !tag(at: index)
    }

    static func dateAnswer(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { KernelLogPrefilter.startsWithSyslogDate($0) }
    }

    static func referenceDateAnswer(_ line: [UInt8]) -> Bool {
        guard let end = referenceDateEnd(line) else { return false }
        return end >= line.count || line[end] < 0x80
    }

    static func wordAnswer(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { KernelLogPrefilter.isOtherProgramSyslogLine($0) }
    }

    /// Syslog lines of the real fixtures (the corpus samples and the kernel-event logs).
    static let realLines: [[UInt8]] = {
        var lines: [[UInt8]] = []
        for folder in ["Fixtures/corpus", "Fixtures/events"] {
            guard let url = Bundle.module.url(forResource: folder, withExtension: nil),
                  let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
            for name in names.sorted() {
                guard let data = try? Data(contentsOf: url.appendingPathComponent(name)) else { continue }
                for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
                    let bytes = Array(line)
                    if bytes.withUnsafeBufferPointer({ KernelLogPrefilter.startsWithSyslogDate($0) }) { lines.append(bytes) }
                }
            }
        }
        return lines
    }()

    @Test func fixturesHoldSyslogLines() {
        #expect(Self.realLines.count >= 100)
    }

    @Test func realLinesGetTheByteLoopsAnswer() {
        var disagreements: [String] = []
        for line in Self.realLines where Self.wordAnswer(line) != Self.byteLoopAnswer(line) {
            disagreements.append(String(decoding: line, as: UTF8.self))
        }
        #expect(disagreements.isEmpty)
    }

    @Test func editedLinesGetTheByteLoopsAnswer() {
        var tried = 0, disagreements = 0, skipped = 0
        for line in Self.realLines.prefix(200) {
            for position in 0..<min(80, line.count) {
                for byte: UInt8 in [0x20, 0x09, 0xC3, 0x80, 0xFF, UInt8(ascii: "k"), UInt8(ascii: "5"), UInt8(ascii: ":"), UInt8(ascii: ".")] {
                    var edited = line
                    edited[position] = byte
                    tried += 1
                    let answer = Self.wordAnswer(edited)
                    if answer { skipped += 1 }
                    if answer != Self.byteLoopAnswer(edited) { disagreements += 1 }
                    if Self.dateAnswer(edited) != Self.referenceDateAnswer(edited) { disagreements += 1 }
                }
            }
        }
        #expect(tried > 10_000)
        #expect(skipped > 0)
        #expect(disagreements == 0)
    }

    /// Host names of every length around the eight-byte step, each followed by a blank, a
    /// non-ASCII byte or the end of the line.
    @Test func hostNameLengthsAroundTheWord() {
        for length in 1...40 {
            for end: [UInt8] in [Array(" sshd[1]: x".utf8), [0xC3, 0xB6], [], Array(" kernel: x".utf8)] {
                let line = Array("Nov 14 22:13:20 ".utf8) + Array(repeating: UInt8(ascii: "h"), count: length) + end
                #expect(Self.wordAnswer(line) == Self.byteLoopAnswer(line), "host of \(length) bytes")
            }
        }
    }

    @Test func asciiTestOfMessages() {
        let ascii = "NETDEV WATCHDOG: eth0 (e1000e): transmit queue 0 timed out"
        #expect(Substring(ascii).utf8.isASCII)
        #expect(!Substring(ascii + " \u{F6}").utf8.isASCII)
        #expect(!Substring("\u{F6}" + ascii).utf8.isASCII)
        #expect(Substring("").utf8.isASCII)
    }
}
