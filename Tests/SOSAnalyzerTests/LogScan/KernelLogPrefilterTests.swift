import Foundation
import Testing
@testable import SOSAnalyzer

/// The byte prefilter of the kernel log scan must never change what the scan finds: every
/// `allocfail-*` sample, alone and buried in other programs' syslog lines and unrelated kernel
/// lines, yields through `KernelLogScan` exactly what `AllocationFailureParser` finds in it, and
/// lines the scan keeps for other reasons (taint, banner, zone ranges, rule literals) are kept.
@Suite struct KernelLogPrefilterTests {
    static let samples: [String] = {
        let folder = Bundle.module.url(forResource: "corpus", withExtension: nil, subdirectory: "Fixtures")
        let names = folder.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
        return names.filter { $0.hasPrefix("allocfail-") && $0.hasSuffix(".txt") }.sorted()
    }()

    static func text(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: String(name.dropLast(4)), withExtension: "txt",
                                                 subdirectory: "Fixtures/corpus"))
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    /// Feeds `text` the way `MemberCapture` does: raw line bytes, 1-based numbers.
    static func scan(_ text: String) -> (failures: [AllocationFailure], scan: KernelLogScan) {
        var scan = KernelLogScan(member: "var/log/messages")
        for line in TextLines(text) {
            var bytes = Array(line.text.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                scan.feed(UnsafeBufferPointer(buffer), number: line.number)
            }
        }
        return (scan.finishFailures(), scan)
    }

    @Test func corpusHasSamples() {
        #expect(Self.samples.count >= 30)
    }

    @Test(arguments: samples)
    func scanMatchesParser(_ name: String) throws {
        let text = try Self.text(name)
        #expect(Self.scan(text).failures == AllocationFailureParser.parse(text))
    }

    /// Real-looking noise around each sample: the prefilter skips it, the parser reads it, same result.
    @Test(arguments: samples)
    func scanMatchesParserAmidNoise(_ name: String) throws {
        let noise = [
            "Sep  5 17:23:40 box3 freshclam[10631]: main.cvd database is up-to-date (version: 55, sigs: 0)",
            "Nov 14 22:13:20 app01 sshd[4121]: Accepted publickey for deploy from 10.1.2.3 port 52144 ssh2",
            "Nov 14 22:13:21 app01 kernel: EXT4-fs (sda1): re-mounted. Opts: (null)",
            "Nov 14 22:13:21 app01 systemd[1]: Started Session 4 of user root.",
        ]
        var lines: [String] = noise
        for line in try Self.text(name).split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(String(line))
        }
        lines += noise
        let text = lines.joined(separator: "\n")
        let scanned = Self.scan(text).failures
        #expect(scanned == AllocationFailureParser.parse(text))
    }

    @Test func otherProgramsAreRecognisedOnTheirBytes() {
        func other(_ line: String) -> Bool {
            var bytes = Array(line.utf8)
            return bytes.withUnsafeMutableBufferPointer { KernelLogPrefilter.isOtherProgramSyslogLine(UnsafeBufferPointer($0)) }
        }
        // From KernelLogLineParser's doc comment (corpus lines): only the freshclam line is another program.
        #expect(other("Sep  5 17:23:40 box3 freshclam[10631]: main.cvd database is up-to-date"))
        #expect(!other("Dec  1 06:57:51 hostname kernel: swapper: page allocation failure. order:1, mode:0x20"))
        #expect(!other("[49212.455709] txg_sync: page allocation failure. order:0, mode:0x20"))
        #expect(!other("server1 kernel: [3640039.236414] novfsd: page allocation failure: order:4, mode:0xd0"))
        #expect(!other("kernel: bma: page allocation failure. order:0, mode:0x20"))
        // Only the parser's spot for the tag counts: a `kernel:` later in the message is another program's text.
        #expect(other("Sep  5 17:23:40 box3 sudo[77]: admin : COMMAND=/usr/bin/grep kernel: /var/log/messages"))
        // A non-ASCII host name is left to the parser.
        #expect(!other("Sep  5 17:23:40 b\u{F6}x3 freshclam[10631]: up-to-date"))
        // A combining mark on the space after the date would change the parser's character view: not skipped.
        #expect(!other("Sep  5 17:23:40 \u{301}box3 freshclam[10631]: up-to-date"))
        // Leading blanks, printk levels and ISO dates take the parser's slow path.
        #expect(!other(" Sep  5 17:23:40 box3 freshclam[10631]: up-to-date"))
        #expect(!other("2020-04-20T15:08:07.123+02:00 box3 freshclam[10631]: up-to-date"))
        // Whatever the prefilter skips, the parser calls another program's.
        for line in ["Sep  5 17:23:40 box3 freshclam[10631]: main.cvd database is up-to-date",
                     "Nov 14 22:13:20.123456 app01 sshd[4121]: Accepted publickey for deploy",
                     "Jan  1 00:00:00 h CROND[1]: (root) CMD (run-parts /etc/cron.hourly)"] {
            #expect(other(line))
            #expect(!KernelLogLineParser.parse(Substring(line)).isKernel)
        }
    }

    /// Rules look at the kernel's lines: a daemon that says the same words is not the kernel.
    @Test func ruleLiteralsSeeTheKernelsLinesOnly() {
        let text = """
            Nov 14 22:13:20 app01 sshd[4121]: Accepted publickey for deploy from 10.1.2.3 port 52144 ssh2
            Nov 14 22:13:21 app01 kernel: nfsd: page allocation stall seen by the kernel
            Nov 14 22:13:22 app01 nfsd[77]: nfsd: page allocation stall seen by userspace
            """
        var scan = KernelLogScan(member: "var/log/messages",
                                 patterns: [KernelLogPattern(rule: "demo", contains: "allocation stall")])
        for line in TextLines(text) {
            var bytes = Array(line.text.utf8)
            bytes.withUnsafeMutableBufferPointer { scan.feed(UnsafeBufferPointer($0), number: line.number) }
        }
        #expect(scan.logMatches.map(\.rule) == ["demo"])
        #expect(scan.logMatches.map(\.source.line) == [2])
        #expect(scan.lineCount == 3)
    }

    /// A rule book bigger than one `LiteralSet` holds: the rules past it are searched one by one,
    /// and each rule still keeps at most `matchesPerPattern` lines.
    @Test func moreRulesThanOneLiteralSetHolds() {
        let patterns = (0..<80).map { KernelLogPattern(rule: "rule\($0)", contains: "marker\($0)x") }
        let text = (0..<12).map { "Nov 14 22:13:\(10 + $0) app01 kernel: seen marker79x and marker3x and marker51x" }
            .joined(separator: "\n") + "\nNov 14 22:13:40 app01 kernel: marker60x"
        var scan = KernelLogScan(member: "var/log/messages", patterns: patterns)
        for line in TextLines(text) {
            var bytes = Array(line.text.utf8)
            bytes.withUnsafeMutableBufferPointer { scan.feed(UnsafeBufferPointer($0), number: line.number) }
        }
        let counts = Dictionary(grouping: scan.logMatches, by: \.rule).mapValues(\.count)
        #expect(counts == ["rule3": 10, "rule51": 10, "rule79": 10, "rule60": 1])
        #expect(scan.logMatches.filter { $0.rule == "rule60" }.map(\.source.line) == [13])
    }

    @Test func taintMessagesAndBannerStillFound() {
        let text = """
            Nov 14 22:13:19 app01 kernel: Linux version 2.6.32-358.el6.x86_64 (mockbuild@x86-022.build.eng.bos.redhat.com) #1 SMP
            Nov 14 22:13:20 app01 sshd[4121]: Accepted publickey for deploy from 10.1.2.3 port 52144 ssh2
            Nov 14 22:13:21 app01 kernel: vxfs: module license 'Proprietary' taints kernel.
            """
        let scan = Self.scan(text).scan
        #expect(scan.banner == LinuxVersionBanner(release: "2.6.32-358.el6.x86_64", line: 1))
        #expect(scan.taintMessages.map(\.module) == ["vxfs"])
        #expect(scan.taintMessages.map(\.line) == [3])
        #expect(scan.lineCount == 3)
    }

    /// A write cut short by a crash glues the next boot's first kernel line onto another program's:
    /// the parser calls the whole line another program's, but the banner and taint messages in it
    /// are still the kernel's. Staging modules taint without saying "taint".
    @Test func kernelMessagesGluedToAnotherProgramsLine() {
        let glued = "Jan 10 03:10:00 huge systJan 10 03:11:00 huge kernel: Linux version 2.6.32-504.el6.x86_64 (mockbuild@x86-023.build.eng.bos.redhat.com) #1 SMP"
        #expect(!KernelLogLineParser.parse(Substring(glued)).isKernel)
        let text = """
            Jan 10 03:09:59 huge systemd[1]: Started Session 1 of user root.
            \(glued)
            Jan 10 03:11:05 huge kernel: r8188eu: module is from the staging directory, the quality is unknown, you have been warned.
            Jan 10 03:11:06 huge sshd[4121]: Linux version 9.9 is what the banner of this ssh server says, taint: none
            """
        let scan = Self.scan(text).scan
        #expect(scan.banner == LinuxVersionBanner(release: "2.6.32-504.el6.x86_64", line: 2))
        #expect(scan.taintMessages.map(\.module) == ["r8188eu"])
        #expect(scan.lineCount == 4)
    }

    /// The slash-counting shortcut of `BundledReport.isInnerArchive` keeps its meaning.
    @Test func innerArchivesAreFoundAtTheTopOfABundle() {
        #expect(BundledReport.isInnerArchive("sosreport-node1-2024-01-10-abcdefg.tar.xz"))
        #expect(BundledReport.isInnerArchive("collect/sosreport-node1-2024-01-10-abcdefg.tar.xz"))
        #expect(BundledReport.isInnerArchive("collect//sosreport-node1.tar.gz"))
        #expect(BundledReport.isInnerArchive("a/b/sosreport-node1-2024-01-10-abcdefg.tar.xz"))
        #expect(!BundledReport.isInnerArchive("a/b/c/d/e/f/g/sosreport-node1-2024-01-10-abcdefg.tar.xz"))
        #expect(!BundledReport.isInnerArchive("sys/fs/cgroup/memory/system.slice/tasks"))
        #expect(!BundledReport.isInnerArchive("sosreport-node1/version.txt"))
        #expect(BundledReport.isInnerArchive("caf\u{E9}/sosreport-node1.tar"))
    }
}
