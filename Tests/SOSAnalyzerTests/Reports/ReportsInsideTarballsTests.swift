import Foundation
import Testing
@testable import SOSAnalyzer

/// Issue 16 item 3: a tarball that holds sosreports deeper than a `sos collect` bundle does is
/// read like one. The layout is pbench's (distributed-system-analysis/pbench
/// `docs/CONFIG_DATA.md`: `sysinfo/end/<host>/sosreport-localhost-localhost-pbench-2019-06-10-mrqgzbh.tar.xz`
/// beside its `.md5`, `lstopo.txt`, `block-params.log`; `docs/results.rst`: one `sysinfo/` per
/// iteration), holding a real sos 4.2 report from the start and from the end of the run.
@Suite struct ReportsInsideTarballsTests {
    @Test func pbenchResultTarballYieldsTheBeginAndEndReports() throws {
        guard let shared = SharedData.realSosreports else { return }
        let name = "sosreport-juju-04f1e3-0-lxd-5-2022-02-10-otnemqq.tar.xz"
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("pbench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let run = "pbench_userbenchmark_example_2019.07.18T12.00.00"
        for phase in ["beg", "end"] {
            let host = work.appendingPathComponent("\(run)/sysinfo/\(phase)/juju-04f1e3-0-lxd-5")
            try FileManager.default.createDirectory(at: host, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: shared.appendingPathComponent(name), to: host.appendingPathComponent(name))
            try Data("0123456789abcdef0123456789abcdef  \(name)\n".utf8).write(to: host.appendingPathComponent(name + ".md5"))
            try Data("Machine (7976MB total)\n".utf8).write(to: host.appendingPathComponent("lstopo.txt"))
        }
        try Data("fio --version\n".utf8).write(to: work.appendingPathComponent("\(run)/pbench-user-benchmark.cmd"))
        let bundle = work.appendingPathComponent("\(run).tar.xz")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        tar.arguments = ["-cJf", bundle.path, "-C", work.path, run]
        tar.environment = ["XZ_OPT": "-0"]  // the inner archives do not compress further
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)

        let outcome = ReportReader.read(path: bundle.path)
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        #expect(outcome.reports.map(\.source.path) == [
            bundle.path + "/sysinfo/beg/juju-04f1e3-0-lxd-5/\(name)",
            bundle.path + "/sysinfo/end/juju-04f1e3-0-lxd-5/\(name)",
        ])
        // shared/real-sosreports/expected.json
        #expect(outcome.reports.map(\.hostname) == ["juju-04f1e3-0-lxd-5", "juju-04f1e3-0-lxd-5"])
        #expect(outcome.reports.map { $0.kernel?.release } == ["5.4.0-97-generic", "5.4.0-97-generic"])
    }
}
