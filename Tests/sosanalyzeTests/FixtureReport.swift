import Foundation

/// A small sos 3.x-layout report written to a temporary folder, from real text (provenance on
/// each piece), and packed into archives of every format with the system's own tools.
struct FixtureReport {
    // insights-core tests, test_uname.py UNAME1 (a RHEL 6.6 kernel)
    static let uname = "Linux foo.example.com 2.6.32-504.el6.x86_64 #1 SMP Tue Sep 16 01:56:35 EDT 2014 x86_64 x86_64 x86_64 GNU/Linux\n"
    // insights-core tests, test_redhat_release.py REDHAT_RELEASE1
    static let redhatRelease = "Red Hat Enterprise Linux Server release 6.7 (Santiago)\n"
    // GitHub isc-projects/ethq issue #21
    static let ethtoolMlx4 = """
        driver: mlx4_en
        version: 4.0-0
        firmware-version: 2.42.5000
        expansion-rom-version: \n\
        bus-info: 0000:83:00.0
        supports-statistics: yes

        """
    // GitHub canonical/hotsos tests/unit/fake_data_root/proc/buddyinfo (commit 8d4d7018)
    static let buddyinfo = """
        Node 0, zone      DMA      1      1      1      1      1      1      1      0      1      2      2 
        Node 0, zone    DMA32   2900   1994   2422   4791   3090   1788    886    290     21      0      0 
        Node 0, zone   Normal 792860 123004   9930    699     54      8      0      0      0      0      0 

        """
    // GitHub jds2001/coreos-sosreport-master1 proc/meminfo (first lines)
    static let meminfo = """
        MemTotal:        8164548 kB
        MemFree:          851960 kB
        MemAvailable:    1950080 kB
        Buffers:            4304 kB
        Cached:          1235532 kB

        """
    // GitHub tclahr/uac #262
    static let tainted = "12289\n"

    let top: String
    let root: URL

    /// Writes the tree under `parent/top`.
    init(in parent: URL, top: String = "sosreport-foo-2024-01-10-abcdefg", hostname: String = "foo.example.com") throws {
        self.top = top
        root = parent.appendingPathComponent(top)
        let files: [String: String] = [
            "version.txt": "sosreport: 3.9\nkernel: unversioned",
            "sos_commands/host/hostname": hostname + "\n",
            "sos_commands/kernel/uname_-a": Self.uname,
            "sos_commands/networking/ethtool_-i_ib0": Self.ethtoolMlx4,
            "sos_commands/networking/ethtool_-i_lo": "Cannot get driver information: Operation not supported\n",
            "etc/redhat-release": Self.redhatRelease,
            "proc/meminfo": Self.meminfo,
            "proc/buddyinfo": Self.buddyinfo,
            "proc/sys/kernel/tainted": Self.tainted,
            "proc/sys/vm/min_free_kbytes": "67584\n",
            "sos_logs/sos.log": "",
        ]
        let fm = FileManager.default
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("uname").path,
                                  withDestinationPath: "sos_commands/kernel/uname_-a")
    }

    /// Packs the tree with tar and the given compressor flag ("J", "z", "j", "--zstd", or "" for plain).
    func archive(to url: URL, compression: String) throws {
        var arguments = ["-c"]
        if compression.hasPrefix("--") { arguments.append(compression) } else if !compression.isEmpty { arguments.append("-\(compression)") }
        arguments += ["-f", url.path, "-C", root.deletingLastPathComponent().path, top]
        let result = try Command.run("/usr/bin/tar", arguments)
        guard result.status == 0 else { throw FixtureError.tool("tar \(arguments): \(result.stderr)") }
    }
}

enum FixtureError: Error {
    case tool(String)
}

/// A finished command: exit status and what it printed.
struct Command {
    let status: Int32
    let stdout: String
    let stderr: String

    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Command {
        // Output goes to files, not pipes: a large output can then never stall the child.
        let folder = try TemporaryFolder()
        let outURL = folder.url.appendingPathComponent("stdout")
        let errURL = folder.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Command(status: process.terminationStatus,
                       stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                       stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// The `sosanalyze` executable built beside this test bundle.
    static var sosanalyze: String {
        var url = Bundle.main.bundleURL
        while url.path != "/" {
            let candidate = url.appendingPathComponent("sosanalyze")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            url = url.deletingLastPathComponent()
        }
        return "sosanalyze"
    }

    static func sosanalyze(_ arguments: [String], in directory: URL? = nil) throws -> Command {
        try run(sosanalyze, arguments, in: directory)
    }
}

/// A fresh temporary folder, removed when the test's scope ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sosanalyze-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
