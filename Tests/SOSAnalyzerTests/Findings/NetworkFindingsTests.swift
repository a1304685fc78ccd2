import Testing
@testable import SOSAnalyzer

/// The network findings: drops named with interface, driver, counter, value and meaning, tied to
/// the host's allocation failures; softnet and TCP pressure with their tunables.
@Suite struct NetworkFindingsTests {
    static func statistics(_ interface: String, driver: String, counters: [EthtoolCounter], kernel: String) -> InterfaceStatistics {
        let member = "sos_commands/networking/ethtool_-S_\(interface)"
        return InterfaceStatistics(
            interface: interface, driver: driver, namespace: nil, counters: counters,
            readings: NICCounterMeanings.readings(counters, driver: driver, kernelRelease: kernel, member: member),
            source: Evidence(member: member))
    }

    /// The example: eth2 on RHEL 6.4 mlx4_en, rx_dropped 1,204,311, 17 order-2 failures in mlx4_en code.
    @Test func mlx4DropsOnRHEL64PointAtMemory() throws {
        let kernel = "2.6.32-358.el6.x86_64"
        let failures = (0..<17).map { TinyReport.failure("swapper", order: 2, mask: "0x4020", modules: ["mlx4_en"], line: 10 + $0) }
        var report = TinyReport.make(os: ("rhel", "6.4"), kernel: kernel, nics: [("eth2", "mlx4_en")], failures: failures)
        var network = NetworkEvidence()
        network.interfaceStatistics = [Self.statistics("eth2", driver: "mlx4_en", counters: [
            EthtoolCounter(name: "rx_packets", value: 555096842386, line: 2),
            EthtoolCounter(name: "rx_dropped", value: 1204311, line: 5),
            EthtoolCounter(name: "rx_alloc_failed", value: 0, line: 9),
        ], kernel: kernel)]
        report.network = network
        let findings = NetworkFindings.evaluate(report)
        let finding = try #require(findings.first { $0.id == "nic-drops-memory" })
        #expect(finding.title == "eth2 (mlx4_en, RHEL 6.4): rx_dropped 1,204,311 — on this driver and kernel: failed buffer allocation; "
            + "17 order-2 allocation failures in mlx4_en code on this host")
        #expect(finding.severity == .warning)
        #expect(finding.detail?.contains("rx_alloc_failed = 0: not incremented when the receive path fails to allocate a buffer") == true)
        #expect(finding.evidence.first == Evidence(member: "sos_commands/networking/ethtool_-S_eth2", line: 5))
        #expect(finding.evidence.contains(Evidence(member: "var/log/messages", line: 10)))
        #expect(HostTraits.traits(of: report).contains("nic.rx_drops=mlx4_en"))
        #expect(AffectedCriterion.nicDrops.reasons(for: report) == ["eth2 (mlx4_en): rx_dropped 1,204,311 (sos_commands/networking/ethtool_-S_eth2:5)"])

        // the Markdown: in the verdict, and the host's table with the silent counter listed at zero
        report.hostname = "dbnode01.example.com"
        let names = HostNames([report])
        #expect(NetworkMarkdown.verdictLines([[report]], names: names) == [
            "- **NIC drops:** on 1 of 1 host (`ethtool -S`, [per host](#hosts)).",
            "- **NIC drops that point at memory:** eth2 on dbnode01 (mlx4_en: rx_dropped 1,204,311).", "",
        ])
        let section = NetworkMarkdown.hostSection(report).joined(separator: "\n")
        #expect(section.contains("| eth2      | mlx4_en | rx_dropped      | 1,204,311 | failed buffer allocation: frames dropped in the receive path;"))
        #expect(section.contains("| rx_alloc_failed |         0 | not incremented when the receive path fails to allocate a buffer (the frame is dropped)"))
    }

    /// Real ixgbe counters (netmap #79) on a host whose logs show failures in ixgbe code.
    @Test func descriptorDropsWithFailuresInTheDriverAreAWarning() throws {
        let parsed = try EthtoolStatisticsParser.parse(try NetworkFixture.text("ethtool-S-ixgbe-netmap79"))
        var report = TinyReport.make(kernel: "3.10.0-229.el7.x86_64", nics: [("eno2", "ixgbe")],
                                     failures: [TinyReport.failure("swapper/3", order: 2, mask: "0x4020", modules: ["ixgbe"], line: 3)])
        var network = NetworkEvidence()
        network.interfaceStatistics = [Self.statistics("eno2", driver: "ixgbe", counters: parsed.counters, kernel: "3.10.0-229.el7.x86_64")]
        report.network = network
        var linkDown = KernelEvent(kind: .linkDown, message: "ixgbe 0000:06:00.0 eno2: NIC Link is Down", source: Evidence(member: "var/log/messages", line: 7))
        linkDown.interface = "eno2"
        report.kernelEvents = [linkDown]
        let finding = try #require(NetworkFindings.evaluate(report).first { $0.id == "nic-drops" })
        #expect(finding.detail?.contains("The kernel logged on eno2: link-down ×1 (first at var/log/messages:7).") == true)
        #expect(finding.title.hasPrefix("eno2 (ixgbe): rx_no_dma_resources 529,324,299 — frames dropped because a receive queue had no free descriptor"))
        #expect(finding.severity == .warning)
        #expect(finding.detail?.contains("1 page allocation failure in ixgbe code") == true)
        // without failures it is only information
        report.allocationFailures = []
        #expect(NetworkFindings.evaluate(report).first { $0.id == "nic-drops" }?.severity == .info)
    }

    @Test func softnetAndTCPPressureWithTunables() throws {
        var network = NetworkEvidence()
        network.softnet = try SoftnetStatParser.parse(try NetworkFixture.text("softnet_stat-13col-insights"))
        network.tcpExt = try NetstatTCPExtParser.parse(try NetworkFixture.text("netstat-s-freeformz41"))
        network.tunables = [NetworkTunable(name: "net.core.netdev_max_backlog", value: 1000, source: Evidence(member: "proc/sys/net/core/netdev_max_backlog", line: 1)),
                            NetworkTunable(name: "net.core.netdev_budget", value: 300, source: Evidence(member: "proc/sys/net/core/netdev_budget", line: 1))]
        var report = TinyReport.make()
        report.network = network
        let findings = NetworkFindings.evaluate(report)
        #expect(findings.map(\.id) == ["softnet-backlog-drops", "softnet-time-squeeze", "tcp-prune", "tcp-queue-drops"])
        #expect(findings[0].title == "softnet: 265,298 frames dropped on 5 CPUs because the input backlog was full (net.core.netdev_max_backlog = 1000)")
        // no uptime in the report: kept, the rate said to be unknown
        #expect(findings[1].title == "softnet: receive processing ran out of budget 1 time on 1 CPU (rate unknown: no uptime in the report; net.core.netdev_budget = 300)")
        #expect(findings[2].title == "TCP socket memory pressure: PruneCalled 2,397")
        #expect(findings[3].title == "TCP drops at full queues: ListenOverflows 5,191,585, ListenDrops 5,191,585")
        let traits = HostTraits.traits(of: report)
        #expect(traits.contains("softnet.dropped=yes"))
        #expect(traits.contains("tcp.prune=yes"))
        #expect(!traits.contains { $0.hasPrefix("nic.rx_drops=") })  // ethtool -S not collected: unknown
    }

    /// The real LXD container: 125 squeezes in 11 h 18 min of uptime (0.2 a minute) is no
    /// finding; the same counters over 1 h 30 min (1.4 a minute) are one, with the rate.
    @Test func timeSqueezeIsARateOverTheUptime() throws {
        var network = NetworkEvidence()
        network.softnet = try SoftnetStatParser.parse(try NetworkFixture.text("softnet_stat-5.4-lxd-5-0"))
        #expect(network.softnetTimeSqueeze == 125)
        var report = TinyReport.make()
        report.network = network
        report.uptimeSeconds = try UptimeParser.parse(" 09:51:36 up 11:18,  1 user,  load average: 6.42, 4.37, 3.94").seconds
        #expect(NetworkFindings.evaluate(report).isEmpty)
        report.uptimeSeconds = 90 * 60
        let finding = try #require(NetworkFindings.evaluate(report).first)
        #expect(finding.id == "softnet-time-squeeze")
        #expect(finding.title == "softnet: receive processing ran out of budget 125 times on 2 CPUs (1.4 a minute over 1 h 30 min of uptime)")
        report.uptimeSeconds = 2 * 86_400 + 3 * 3_600
        #expect(NetworkFindings.evaluate(report).isEmpty)
        report.uptimeSeconds = nil
        #expect(NetworkFindings.evaluate(report).first?.title == "softnet: receive processing ran out of budget 125 times on 2 CPUs (rate unknown: no uptime in the report)")
    }

    @Test func notCollectedGivesNoTraitsAndNoFindings() {
        let report = TinyReport.make(kernel: "5.4.0-97-generic")
        #expect(NetworkFindings.evaluate(report).isEmpty)
        #expect(!HostTraits.traits(of: report).contains { $0.hasPrefix("softnet.") || $0.hasPrefix("tcp.") || $0.hasPrefix("nic.rx_drops") })
        #expect(AffectedCriterion(condition: "nic-drops") == .nicDrops)
        #expect(AffectedCriterion.nicDrops.reasons(for: report).isEmpty)
    }
}
