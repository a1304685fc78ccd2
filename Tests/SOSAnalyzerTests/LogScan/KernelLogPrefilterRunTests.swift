import Foundation
import Testing
@testable import SOSAnalyzer

/// The chunk-at-a-time pass over other programs' syslog lines (`otherProgramRun`, C with 16-byte
/// compares) may pass over a line only where the line-by-line scan drops it at once
/// (`isOtherProgramSyslogLine` and no `kernel:` anywhere), and its byte-by-byte build answers the
/// same. Held on real syslog and kern.log lines, on those lines edited at every position of their
/// first 80 bytes, and on runs of them cut at every length.
@Suite struct KernelLogPrefilterRunTests {
    /// Real lines: other programs' (`real/syslog-lxd-5-0-lines1-600.txt`), the kernel's
    /// (`real/kern.log-k8stest-4-lines1-400.txt`) and the syslog-dated lines of the corpus and events.
    static let realLines: [[UInt8]] = {
        var lines: [[UInt8]] = []
        var files: [URL] = []
        if let real = Bundle.module.url(forResource: "Fixtures/real", withExtension: nil) {
            files += ["syslog-lxd-5-0-lines1-600.txt", "kern.log-k8stest-4-lines1-400.txt"].map { real.appendingPathComponent($0) }
        }
        for folder in ["Fixtures/corpus", "Fixtures/events"] {
            guard let url = Bundle.module.url(forResource: folder, withExtension: nil),
                  let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
            files += names.sorted().map { url.appendingPathComponent($0) }
        }
        for file in files {
            guard let data = try? Data(contentsOf: file) else { continue }
            lines += data.split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0) }
        }
        return lines
    }()

    /// What the line-by-line scan does with a line: true when it drops it before reading it.
    static func dropped(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { KernelLogPrefilter.isOtherProgramSyslogLine($0) && !KernelLogPrefilter.holdsKernelTag($0) }
    }

    static func run(_ bytes: [UInt8], lineLimit: Int = 16 << 10, bytewise: Bool = false) -> (bytes: Int, lines: Int) {
        bytes.withUnsafeBufferPointer { KernelLogPrefilter.otherProgramRun($0, lineLimit: lineLimit, bytewise: bytewise) }
    }

    /// Checks one buffer of lines: the run passes over whole lines only, each dropped by the
    /// line-by-line scan, and the byte-by-byte build gives the same answer. Returns the lines passed.
    static func check(_ lines: [[UInt8]], cutAt cut: Int? = nil, lineLimit: Int = 16 << 10, problems: inout [String]) -> Int {
        var buffer: [UInt8] = lines.flatMap { line -> [UInt8] in line + [0x0A] }
        if let cut { buffer = Array(buffer.prefix(cut)) }
        let fast = run(buffer, lineLimit: lineLimit)
        let slow = run(buffer, lineLimit: lineLimit, bytewise: true)
        if fast != slow { problems.append("vector \(fast) vs bytewise \(slow): \(String(decoding: buffer.prefix(200), as: UTF8.self))") }
        var offset = 0
        for line in lines.prefix(fast.lines) {
            if !dropped(line) || line.count > lineLimit { problems.append("passed over: \(String(decoding: line, as: UTF8.self))") }
            offset += line.count + 1
        }
        if offset != fast.bytes { problems.append("\(fast.bytes) bytes for \(fast.lines) lines of \(offset) bytes") }
        return fast.lines
    }

    /// The doc comment's sample: line 2 of real/syslog-lxd-5-0-lines1-600.txt, then line 2 of
    /// real/kern.log-k8stest-4-lines1-400.txt; the run stops at the kernel's line.
    @Test func docSample() {
        let systemd = Array("Feb 10 00:00:32 juju-04f1e3-0-lxd-5 systemd[1]: logrotate.service: Succeeded.".utf8)
        let kernel = Array("Feb 11 18:58:28 juju-110cc2-k8stest-4 kernel: [    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz-5.4.0-99-generic root=LABEL=cloudimg-rootfs ro console=tty1 console=ttyS0".utf8)
        let passed = Self.run(systemd + [0x0A] + kernel + [0x0A])
        #expect(passed.bytes == 78 && passed.bytes == systemd.count + 1 && passed.lines == 1)
        #expect(Self.realLines.contains(systemd) && Self.realLines.contains(kernel))
    }

    @Test func realLinesOneByOne() {
        var problems: [String] = []
        var passed = 0
        for line in Self.realLines { passed += Self.check([line], problems: &problems) }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        // Nearly all of the real syslog file's lines are other programs': if few pass, the run
        // holds nothing to the definition (603 lines passed when written: the 600 of the syslog file and 3 more).
        #expect(passed > 500, "\(passed) of \(Self.realLines.count)")
    }

    @Test func realLinesInRunsCutAtEveryLength() {
        var problems: [String] = []
        let lines = Array(Self.realLines.prefix(40))
        let total = lines.reduce(0) { $0 + $1.count + 1 }
        var longest = 0
        for cut in stride(from: 0, through: total, by: 7) {
            longest = max(longest, Self.check(lines, cutAt: cut, problems: &problems))
        }
        // The whole syslog file in one buffer (more than one 2 KiB window of the C loop).
        let all = Self.check(Array(Self.realLines.prefix(600)), problems: &problems)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(longest > 10 && all > 400, "\(longest), \(all)")
    }

    @Test func editedLines() {
        var problems: [String] = []
        var tried = 0, passed = 0
        let bytes: [UInt8] = [0x20, 0x09, 0x0D, 0xC3, 0x80, 0xFF, UInt8(ascii: "k"), UInt8(ascii: ":"), UInt8(ascii: "5"), UInt8(ascii: "x")]
        let stride = max(1, Self.realLines.count / 150)
        for (number, line) in Self.realLines.enumerated() where number % stride == 0 {
            for position in 0..<min(80, line.count) {
                for byte in bytes {
                    var edited = line
                    edited[position] = byte
                    tried += 1
                    passed += Self.check([edited, line], problems: &problems)
                }
                for insert in [" kernel: ", "kernel:", "kernel", "\u{E9}", "  "] {
                    var edited = line
                    edited.insert(contentsOf: insert.utf8, at: position)
                    tried += 1
                    passed += Self.check([edited, line], problems: &problems)
                }
            }
        }
        #expect(tried > 50_000)
        #expect(passed > 10_000, "\(passed) of \(tried)")  // 31,942 of 101,490 when written
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    /// Lines longer than the limit are left to the line reader, which cuts them and says so.
    @Test func linesOverTheLimitAreLeft() {
        var problems: [String] = []
        let line = Array("Feb 10 00:00:32 juju-04f1e3-0-lxd-5 systemd[1]: logrotate.service: Succeeded.".utf8)
        #expect(Self.check([line, line], lineLimit: line.count, problems: &problems) == 2)
        #expect(Self.check([line, line], lineLimit: line.count - 1, problems: &problems) == 0)
        // A line longer than the 2 KiB window, between two short ones.
        let long = Array("Feb 10 00:00:32 host cron[1]: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 5000)
        #expect(Self.check([line, long, line], problems: &problems) == 1)
        #expect(problems.isEmpty, "\(problems)")
    }
}
