import Foundation
import Testing
@testable import SOSAnalyzer

/// The prefilter reads a host name eight bytes at a time; these tests hold it to the byte-by-byte
/// loop it replaced, on real syslog lines and on those lines with a blank, a tab or a non-ASCII
/// byte put at every position of their first 80 bytes (where the host name and tag lie).
@Suite struct KernelLogPrefilterWordTests {
    /// The test as it read before the word loop: one byte at a time.
    static func byteLoopAnswer(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { buffer in
            guard KernelLogPrefilter.startsWithSyslogDate(buffer) else { return false }
            // date end: the index past the date's closing blank, found the slow way
            var index = 3
            while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
            while index < line.count, line[index] >= 0x30, line[index] <= 0x39 { index += 1 }
            index += 1 + 8
            if index < line.count, line[index] == UInt8(ascii: "."), index + 1 < line.count,
               line[index + 1] >= 0x30, line[index + 1] <= 0x39 {
                index += 1
                while index < line.count, line[index] >= 0x30, line[index] <= 0x39 { index += 1 }
            }
            index += 1
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
                for byte: UInt8 in [0x20, 0x09, 0xC3, 0x80, 0xFF, UInt8(ascii: "k")] {
                    var edited = line
                    edited[position] = byte
                    tried += 1
                    let answer = Self.wordAnswer(edited)
                    if answer { skipped += 1 }
                    if answer != Self.byteLoopAnswer(edited) { disagreements += 1 }
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
