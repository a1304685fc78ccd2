import Testing
@testable import SOSAnalyzer

/// The verdict's lines count hosts: a host with two reports that both logged the same OOM kill
/// is one host of three, not two of four.
@Suite struct VerdictCountsHostsTests {
    /// A report that logged the OOM kill of the `Fixtures/events` sample.
    static func report(_ path: String, oomKill: Bool) -> Report {
        var report = TinyReport.make()
        report.source.path = path
        if oomKill {
            report.kernelEvents = [KernelEvent(kind: .oomKill, message: "Out of memory: Kill process 27438 (R) score 31 or sacrifice child",
                                               source: Evidence(member: "var/log/messages", line: 12))]
        }
        return report
    }

    @Test func kernelEventsLineCountsAHostWithTwoReportsOnce() {
        let hosts = [
            [Self.report("doom-1.tar.xz", oomKill: true), Self.report("doom-2.tar.xz", oomKill: true)],
            [Self.report("quiet.tar.xz", oomKill: false)],
            [Self.report("other.tar.xz", oomKill: true)],
        ]
        #expect(KernelEventsMarkdown.verdictLine(hosts) == "- **Kernel events:** `oom-kill` on 2 of 3 hosts.")
        // Before, each report counted as a host.
        #expect(KernelEventsMarkdown.verdictLine(hosts.joined().map { [$0] }) == "- **Kernel events:** `oom-kill` on 3 of 4 hosts.")
    }
}
