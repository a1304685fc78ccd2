import Foundation
import Testing
@testable import SOSAnalyzer

/// The byte reader of the two common kernel-line shapes (`parseASCII`) is held to the character
/// reader (`parseCharacters`) on every line of the real fixtures, and on those lines with a
/// blank, a bracket, a colon, a digit, a CR or a non-ASCII byte put at each of their first 72
/// positions (where the stamps, host, tag and caller id lie), and with a stamp or tag put in.
@Suite struct KernelLogLineASCIITests {
    /// Every line of the real fixture folders (corpus samples, kernel-event logs, field and network captures).
    static let realLines: [Substring] = {
        var lines: [Substring] = []
        for folder in ["Fixtures/corpus", "Fixtures/events", "Fixtures/field", "Fixtures/network"] {
            guard let url = Bundle.module.url(forResource: folder, withExtension: nil),
                  let names = FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String] else { continue }
            for name in names.sorted() {
                guard let data = try? Data(contentsOf: url.appendingPathComponent(name)) else { continue }
                for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
                    lines.append(Substring(String(decoding: line, as: UTF8.self)))
                }
            }
        }
        return lines
    }()

    static func agrees(_ line: Substring) -> Bool {
        KernelLogLineParser.parse(line) == KernelLogLineParser.parseCharacters(line)
    }

    @Test func realLinesGetTheCharacterReadersAnswer() {
        var disagreements: [String] = []
        var read = 0
        for line in Self.realLines {
            if KernelLogLineParser.parseASCII(line) != nil { read += 1 }
            if !Self.agrees(line) { disagreements.append(String(line)) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        // Many fixture lines are bare (a trace's frames, `dmesg -T`); the byte reader must still read
        // a good share, or the test holds nothing to it (629 of 4,704 when written).
        #expect(read > 500, "\(read) of \(Self.realLines.count) lines read on bytes")
    }

    @Test func editedLinesGetTheCharacterReadersAnswer() {
        let bytes: [UInt8] = [0x20, 0x09, UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ":"), UInt8(ascii: "."),
                              UInt8(ascii: "7"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "T"),
                              UInt8(ascii: "C"), UInt8(ascii: "k"), 0x0D, 0xC3, 0x80]
        let stride = max(1, Self.realLines.count / 400)
        var tried = 0, disagreements: [String] = [], fast = 0
        for (number, line) in Self.realLines.enumerated() where number % stride == 0 {
            let original = Array(line.utf8)
            for position in 0..<min(72, original.count) {
                for byte in bytes {
                    var edited = original
                    edited[position] = byte
                    let text = Substring(String(decoding: edited, as: UTF8.self))
                    tried += 1
                    if KernelLogLineParser.parseASCII(text) != nil { fast += 1 }
                    if !Self.agrees(text), disagreements.count < 5 { disagreements.append(String(text)) }
                }
                for insert in [" kernel: ", "[ T42]", "[  12.5] ", "<4>", "#011", "]: ", "  "] {
                    var edited = original
                    edited.insert(contentsOf: insert.utf8, at: position)
                    let text = Substring(String(decoding: edited, as: UTF8.self))
                    tried += 1
                    if !Self.agrees(text), disagreements.count < 5 { disagreements.append(String(text)) }
                }
            }
        }
        #expect(tried > 100_000)
        #expect(fast > 20_000)  // 37,723 of 349,965 when written
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    /// The doc comment's samples (real lines: events/soft-lockup-2.6.32-syslog.txt and the
    /// corpus), parsed on bytes.
    @Test func docSamples() {
        let syslog = KernelLogLineParser.parseASCII("Jan 24 17:18:54 orca1 kernel: [1063056.652012] BUG: soft lockup - CPU#6 stuck for 67s! [z_wr_iss/6:5856]")
        #expect(syslog?.format == .syslog && syslog?.host == "orca1" && syslog?.wallClock == "Jan 24 17:18:54")
        #expect(syslog?.timestamp == .monotonic(1063056.652012))
        #expect(syslog?.message == "BUG: soft lockup - CPU#6 stuck for 67s! [z_wr_iss/6:5856]")
        let dmesg = KernelLogLineParser.parseASCII("[49212.455709] txg_sync: page allocation failure. order:0, mode:0x20")
        #expect(dmesg?.format == .dmesg && dmesg?.timestamp == .monotonic(49212.455709))
        #expect(dmesg?.message == "txg_sync: page allocation failure. order:0, mode:0x20")
    }

    /// Lines the byte reader leaves to the character reader.
    @Test func otherShapesAreLeftToTheCharacterReader() {
        for line: Substring in ["[Mon Apr 20 15:08:07 2020] CPU: 1 PID: 1333536", "kernel: bma: page allocation failure. order:0",
                                "Nov 14 06:57:51 web01 kernel: caf\u{E9}", "Nov 14 06:57:51 web01 kernel: x\r",
                                "[  12.5] web01 kernel: x", "Mon Jul 19 05:58:52 2019 kern.warn kernel: x"] {
            #expect(KernelLogLineParser.parseASCII(line) == nil, "\(line)")
            #expect(Self.agrees(line))
        }
    }
}
