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
        ("oom-kill-memcg-5.4", "known-issue.memcg-oom-kill"),
        ("hung-task-2.6.32-printk", "known-issue.zfs-txg-sync-hung-task"),
        ("nf-conntrack-full-5.x", "known-issue.nf-conntrack-table-full"),
        ("nf-conntrack-full-wrapped-syslog", "known-issue.nf-conntrack-table-full"),
        ("fs-error-ext4-4.12-syslog", "known-issue.ext4-fs-error"),
        ("fs-error-ext2-mips", "known-issue.ext4-fs-error"),
        ("fs-error-xfs-5.x", "known-issue.xfs-metadata-corruption"),
        ("machine-check-4.x-syslog", "known-issue.machine-check-hardware-error"),
        ("machine-check-edac-syslog", "known-issue.machine-check-hardware-error"),
        ("panic-hung-task-3.10", "known-issue.hung-task-panic"),
        ("panic-hard-lockup-3.10", "known-issue.hard-lockup-panic"),
        ("io-error-4.x-syslog-suppressed", "known-issue.block-device-io-errors"),
        ("io-error-5.x-nvme", "known-issue.block-device-io-errors"),
    ])
    func ruleFiresOnItsSample(sample: String, finding: String) throws {
        #expect(try Self.findings(sample) == [finding])
    }

    /// Near misses: another driver's watchdog, a global OOM kill, a soft lockup outside ZFS, a hung
    /// task outside ZFS, a panic on a fatal exception.
    @Test(arguments: ["netdev-watchdog-3.10", "oom-kill-syslog", "soft-lockup-5.9", "oom-kill-2.6.32-syslog",
                      "hung-task-3.10-syslog", "panic-fatal-exception-5.2"])
    func noRuleOnOtherEvents(sample: String) throws {
        #expect(try Self.findings(sample) == [])
    }
}

extension KnownIssueEventRuleTests {
    /// The loop-device line of the real Ubuntu report juju-110cc2-k8stest-4 (var/log/kern.log:757)
    /// is an io-error event but no failing disk.
    @Test func loopDeviceErrorIsNoDiskFailure() {
        var report = TinyReport.make()
        var events = KernelEventScanner(member: "var/log/kern.log")
        events.feed("blk_update_request: I/O error, dev loop11, sector 0 op 0x1:(WRITE) flags 0x800 phys_seg 0 prio class 0",
                    timestamp: "Feb 11 19:23:37", number: 757, memInfo: nil)
        report.kernelEvents = events.events
        #expect(report.kernelEvents.map(\.device) == ["loop11"])
        #expect(KnownIssueBook.bundled.evaluate(report).map(\.id) == [])
    }
}
