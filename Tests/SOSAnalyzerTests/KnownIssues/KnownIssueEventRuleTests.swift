import Testing
@testable import SOSAnalyzer

/// The bundled rules on kernel events, each on the real sample of its reference (Fixtures/events).
@Suite struct KnownIssueEventRuleTests {
    static func findings(_ sample: String) throws -> [String] {
        var report = TinyReport.make()
        report.kernelEvents = try KernelEventScannerTests.events(sample)
        return KnownIssueBook.bundled.evaluate(report).map(\.id)
    }

    @Test(arguments: [
        ("netdev-watchdog-4.10", "known-issue.ftgmac100-tx-timeout"),
        ("netdev-watchdog-4.14-syslog", "known-issue.mtk-soc-eth-tx-timeout"),
        ("netdev-watchdog-5.10-bcmgenet", "known-issue.bcmgenet-tx-timeout"),
        ("netdev-watchdog-5.5-ethoc", "known-issue.ethoc-tx-timeout"),
        ("soft-lockup-2.6.32-syslog", "known-issue.zfs-io-thread-soft-lockup"),
        ("oom-kill-memcg-5.x", "known-issue.memcg-oom-kill"),
    ])
    func ruleFiresOnItsSample(sample: String, finding: String) throws {
        #expect(try Self.findings(sample) == [finding])
    }

    /// Near misses: another driver's watchdog, a global OOM kill, a soft lockup outside ZFS.
    @Test(arguments: ["netdev-watchdog-3.10", "oom-kill-syslog", "soft-lockup-5.9"])
    func noRuleOnOtherEvents(sample: String) throws {
        #expect(try Self.findings(sample) == [])
    }
}
