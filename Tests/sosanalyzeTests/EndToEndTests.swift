import Foundation
import Testing
@testable import SOSAnalyzer

/// The executable on archives of every format, an extracted folder, a collect bundle, and
/// inputs that cannot be read.
@Suite struct EndToEndTests {
    static let formats: [(flag: String, suffix: String, format: String)] = [
        ("J", "tar.xz", "tar.xz"), ("z", "tar.gz", "tar.gz"), ("j", "tar.bz2", "tar.bz2"),
        ("--zstd", "tar.zst", "tar.zst"), ("", "tar", "tar"),
    ]

    @Test(arguments: formats.map(\.suffix))
    func everyCompressionGivesTheSameFacts(suffix: String) throws {
        let entry = try #require(Self.formats.first { $0.suffix == suffix })
        let folder = try TemporaryFolder()
        let tree = try FixtureReport(in: folder.url.appendingPathComponent("tree"))
        // A misleading name: the format comes from the bytes.
        let archive = folder.url.appendingPathComponent("report.bin")
        try tree.archive(to: archive, compression: entry.flag)

        let result = try Command.sosanalyze(["inspect", "--format", "json", archive.path])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.source.format == entry.format)
        #expect(report.source.topFolder == "sosreport-foo-2024-01-10-abcdefg")
        #expect(report.hostname == "foo.example.com")
        #expect(report.evidence["hostname"]?.description == "sos_commands/host/hostname:1")
        #expect(report.sosVersion == "3.9")
        #expect(report.sosGeneration == "3.x")
        #expect(report.os?.id == "rhel")
        #expect(report.os?.version == "6.7")
        #expect(report.kernel?.release == "2.6.32-504.el6.x86_64")
        #expect(report.kernel?.distroRelease == "6.6")
        #expect(report.kernel?.matchesOSRelease == false)
        #expect(report.findings.contains { $0.id == "kernel-release-mismatch" })
        #expect(report.taint?.value == 12289)
        #expect(report.taint?.flags == ["P", "O", "E"] || report.taint?.flags.first == "P")
        #expect(report.nics.map(\.interface) == ["ib0"])
        #expect(report.nics.first?.driver == "mlx4_en")
        #expect(report.nics.first?.firmware == "2.42.5000")
        #expect(report.memory?.memTotalKiB == 8_164_548)
        #expect(report.sysctl["vm.min_free_kbytes"] == 67584)
        #expect(report.factStates["vm.zone_reclaim_mode"] == .notCollected)
        #expect(report.buddyinfo.map(\.zone) == ["DMA", "DMA32", "Normal"])
        #expect(report.factStates["modules"] == .notCollected)
    }

    @Test func extractedFolderNeverFollowsLinksOutOfTheReport() throws {
        let folder = try TemporaryFolder()
        let tree = try FixtureReport(in: folder.url)
        let fm = FileManager.default
        // An analyst's own machine must never leak into a customer's report.
        try fm.removeItem(at: tree.root.appendingPathComponent("proc/meminfo"))
        try fm.createSymbolicLink(atPath: tree.root.appendingPathComponent("proc/meminfo").path,
                                  withDestinationPath: "/proc/meminfo")
        try Data("outsider\n".utf8).write(to: folder.url.appendingPathComponent("outside-hostname"))
        try fm.removeItem(at: tree.root.appendingPathComponent("sos_commands/host/hostname"))
        try fm.createSymbolicLink(atPath: tree.root.appendingPathComponent("sos_commands/host/hostname").path,
                                  withDestinationPath: "../../../outside-hostname")

        let result = try Command.sosanalyze(["inspect", "--format", "json", tree.root.path])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.source.format == "directory")
        #expect(report.memory == nil)
        #expect(report.factStates["memory"] == .notCollected)
        #expect(report.hostname == "foo.example.com", "falls back to uname, never the outside file")
        #expect(!result.stdout.contains("outsider"))
    }

    @Test func collectBundleYieldsOneReportPerInnerArchive() throws {
        let folder = try TemporaryFolder()
        let bundleTop = folder.url.appendingPathComponent("sos-collector-2024-01-10-abcde")
        try FileManager.default.createDirectory(at: bundleTop, withIntermediateDirectories: true)
        for (index, host) in ["node1.example.com", "node2.example.com"].enumerated() {
            let tree = try FixtureReport(in: folder.url.appendingPathComponent("t\(index)"),
                                         top: "sosreport-node\(index + 1)-2024-01-10-abcdefg", hostname: host)
            try tree.archive(to: bundleTop.appendingPathComponent("sosreport-node\(index + 1)-2024-01-10-abcdefg.tar.xz"),
                             compression: "J")
        }
        try Data("collector log\n".utf8).write(to: bundleTop.appendingPathComponent("sos-collector.log"))
        let bundle = folder.url.appendingPathComponent("sos-collector-2024-01-10-abcde.tar")
        let tar = try Command.run("/usr/bin/tar", ["-cf", bundle.path, "-C", folder.url.path, bundleTop.lastPathComponent])
        #expect(tar.status == 0)

        let result = try Command.sosanalyze(["summarize", "--format", "json", bundle.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONDecoder().decode(BatchDocument.self, from: Data(result.stdout.utf8))
        #expect(document.reports.map(\.hostname) == ["node1.example.com", "node2.example.com"])
        #expect(document.reports.first?.source.path == bundle.path + "/sosreport-node1-2024-01-10-abcdefg.tar.xz")
        #expect(document.problems.isEmpty)
    }

    @Test func brokenInputsAreNamedAndTheRestOfTheBatchIsRead() throws {
        let folder = try TemporaryFolder()
        let batch = folder.url.appendingPathComponent("case")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        let tree = try FixtureReport(in: folder.url.appendingPathComponent("tree"))
        let good = batch.appendingPathComponent("sosreport-foo-2024-01-10-abcdefg.tar.xz")
        try tree.archive(to: good, compression: "J")
        try Data("0123abcd  sosreport-foo-2024-01-10-abcdefg.tar.xz\n".utf8)
            .write(to: batch.appendingPathComponent("sosreport-foo-2024-01-10-abcdefg.tar.xz.sha256"))

        // A truncated xz: a big random member makes the cut land inside the data.
        let big = try FixtureReport(in: folder.url.appendingPathComponent("big"), top: "sosreport-big-2024-01-10-abcdefg")
        var random = SystemRandomNumberGenerator()
        try Data((0..<400_000).map { _ in UInt8.random(in: 0...255, using: &random) })
            .write(to: big.root.appendingPathComponent("sos_commands/noise"))
        let whole = folder.url.appendingPathComponent("whole.tar.xz")
        try big.archive(to: whole, compression: "J")
        let bytes = try Data(contentsOf: whole)
        let truncated = batch.appendingPathComponent("sosreport-big-2024-01-10-abcdefg.tar.xz")
        try bytes.prefix(bytes.count / 2).write(to: truncated)

        let textFile = batch.appendingPathComponent("sosreport-text-2024-01-10-abcdefg.tar.gz")
        try Data("this is not an archive, just a note someone saved with the wrong name\n".utf8).write(to: textFile)
        let encrypted = batch.appendingPathComponent("secured-sosreport-bar-2024-01-10-abcdefg.tar.xz.gpg")
        try Data("-----BEGIN PGP MESSAGE-----\n\njA0ECQMCexample\n-----END PGP MESSAGE-----\n".utf8).write(to: encrypted)

        let result = try Command.sosanalyze(["summarize", "--format", "json", "--jobs", "2", batch.path])
        #expect(result.status == 2)
        let document = try JSONDecoder().decode(BatchDocument.self, from: Data(result.stdout.utf8))
        let hosts = document.reports.compactMap(\.hostname).sorted()
        #expect(hosts.contains("foo.example.com"))
        let problemPaths = Set(document.problems.map(\.path))
        #expect(problemPaths.contains(textFile.path))
        #expect(problemPaths.contains(encrypted.path))
        #expect(!problemPaths.contains { $0.hasSuffix(".sha256") })
        let encryptedError = try #require(document.problems.first { $0.path == encrypted.path }).error
        #expect(encryptedError.contains("gpg"))
        #expect(result.stderr.contains(textFile.path))
        #expect(result.stderr.contains(encrypted.path))
        // The truncated archive is either reported whole as a problem or read in part with the damage said.
        let truncatedReport = document.reports.first { $0.source.path == truncated.path }
        if let truncatedReport {
            #expect(truncatedReport.problems.contains { $0.message.hasPrefix("archive is damaged") })
        } else {
            #expect(problemPaths.contains(truncated.path))
        }
    }

    @Test func nothingUsableExitsWithOne() throws {
        let folder = try TemporaryFolder()
        let result = try Command.sosanalyze(["summarize", "--format", "json", folder.url.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no sosreport found"))
    }

    @Test func sameOutputWhateverTheJobs() throws {
        let folder = try TemporaryFolder()
        for index in 0..<3 {
            let tree = try FixtureReport(in: folder.url.appendingPathComponent("t\(index)"),
                                         top: "sosreport-n\(index)-2024-01-10-abcdefg", hostname: "n\(index)")
            try tree.archive(to: folder.url.appendingPathComponent("sosreport-n\(index).tar.xz"), compression: "J")
        }
        let one = try Command.sosanalyze(["summarize", "--format", "json", "--jobs", "1", folder.url.path])
        let two = try Command.sosanalyze(["summarize", "--format", "json", "--jobs", "2", folder.url.path])
        #expect(one.status == 0)
        #expect(one.stdout == two.stdout)
    }
}

/// Rotated logs that sos copied compressed are streamed through their decompressor.
@Suite struct CompressedRotationTests {
    // GitHub darold/squidanalyzer issue #69, first failure (RHEL/CentOS 6.3, 2.6.32-279.9.1.el6)
    static let failure = """
        Dec  1 06:57:51 hostname kernel: swapper: page allocation failure. order:1, mode:0x20
        Dec  1 06:57:51 hostname kernel: Pid: 0, comm: swapper Tainted: G           --------------- H  2.6.32-279.9.1.el6.x86_64 #1
        Dec  1 06:57:51 hostname kernel: Call Trace:
        Dec  1 06:57:51 hostname kernel: <IRQ>  [<ffffffff8112789f>] ? __alloc_pages_nodemask+0x77f/0x940
        Dec  1 06:57:51 hostname kernel: [<ffffffff811620a2>] ? kmem_getpages+0x62/0x170
        Dec  1 06:57:51 hostname kernel: [<ffffffff81162cba>] ? fallback_alloc+0x1ba/0x270

        """

    @Test func failuresInAGzipRotationAreFoundWithTheirLine() throws {
        let folder = try TemporaryFolder()
        let tree = try FixtureReport(in: folder.url.appendingPathComponent("tree"))
        let log = tree.root.appendingPathComponent("var/log/messages-20131201")
        try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(("Dec  1 06:57:50 hostname sshd[811]: Accepted publickey for root\n" + Self.failure).utf8).write(to: log)
        let gzip = try Command.run("/bin/gzip", ["-n", log.path])
        #expect(gzip.status == 0)
        let archive = folder.url.appendingPathComponent("report.tar.xz")
        try tree.archive(to: archive, compression: "J")

        let result = try Command.sosanalyze(["inspect", "--format", "json", archive.path])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        let failure = try #require(report.allocationFailures.first)
        #expect(report.allocationFailures.count == 1)
        #expect(failure.process == "swapper")
        #expect(failure.order == 1)
        #expect(failure.gfpMask == "0x20")
        #expect(failure.source.description == "var/log/messages-20131201.gz:2")
        #expect(report.problems.isEmpty)
    }

    @Test func aBrokenRotationCostsThatFileOnly() throws {
        let folder = try TemporaryFolder()
        let tree = try FixtureReport(in: folder.url.appendingPathComponent("tree"))
        let log = tree.root.appendingPathComponent("var/log/messages-20131201.gz")
        try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([0x1F, 0x8B, 0x08, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x03, 0x01, 0x02]).write(to: log)
        let archive = folder.url.appendingPathComponent("report.tar.xz")
        try tree.archive(to: archive, compression: "J")

        let result = try Command.sosanalyze(["inspect", "--format", "json", archive.path])
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.hostname == "foo.example.com")
        #expect(report.problems.contains { $0.member == "var/log/messages-20131201.gz" })
    }
}
