import Foundation
import Testing
@testable import SOSAnalyzer

/// The batch that `Samples/make_network_batch.py` builds from the real network outputs:
/// `summarize` shows the counters, their meanings and the findings in Markdown and JSON, and
/// `correlate --affected-if nic-drops` picks the hosts whose drop counters are non-zero.
@Suite struct NetworkBatchTests {
    struct Summary: Decodable {
        var reports: [Report]
    }

    static func batch() throws -> (folder: TemporaryFolder, path: String) {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("batch").path
        let script = CaseSummaryTests.repository.appendingPathComponent("Samples/make_network_batch.py").path
        let made = try Command.run("/usr/bin/env", ["python3", script, path])
        #expect(made.status == 0, "\(made.stderr)")
        return (folder, path)
    }

    @Test func summaryShowsCountersMeaningsAndFindings() throws {
        let (folder, path) = try Self.batch()
        defer { _ = folder }
        let json = try Command.sosanalyze(["summarize", "--format", "json", path])
        #expect(json.status == 0, "\(json.stderr)")
        let reports = try JSONDecoder().decode(Summary.self, from: Data(json.stdout.utf8)).reports
        #expect(reports.count == 7)
        func host(_ name: String) throws -> Report { try #require(reports.first { $0.hostname == "\(name).example.com" }) }

        // every driver's output was read, each interface with its driver
        let drivers = Set(reports.flatMap { $0.network?.interfaceStatistics ?? [] }.compactMap(\.driver))
        #expect(drivers.isSuperset(of: ["mlx4_en", "mlx5_core", "ixgbe", "i40e", "ice", "bnx2x", "igb", "e1000e", "be2net",
                                        "vmxnet3", "virtio_net", "ena"]))

        let nethost02 = try host("nethost02")
        let eno2 = try #require(nethost02.network?.interfaceStatistics.first { $0.interface == "eno2" })
        #expect(eno2.readings.map(\.counter) == ["rx_no_dma_resources"])
        #expect(eno2.readings.first?.value == 529324299)
        #expect(eno2.readings.first?.cause == "no receive descriptor")
        #expect(eno2.readings.first?.source == Evidence(member: "sos_commands/networking/ethtool_-S_eno2", line: 14))
        let i40e = try #require(nethost02.network?.interfaceStatistics.first { $0.interface == "enp24s0f1" })
        #expect(i40e.readings.map(\.counter) == ["rx_dropped"])
        #expect(i40e.readings.first?.value == 3322)
        #expect(nethost02.network?.softnetDropped == 265298)
        #expect(nethost02.network?.softnet.first?.source.member == "proc/4242/net/softnet_stat")
        #expect(nethost02.findings.map(\.id).contains("nic-drops"))
        #expect(nethost02.findings.map(\.id).contains("softnet-backlog-drops"))
        #expect(nethost02.findings.map(\.id).contains("tcp-prune"))

        // proc/net is a link to self/net, itself a link to the pid: followed
        let nethost06 = try host("nethost06")
        #expect(nethost06.network?.netDevFormat == "proc/net/dev")
        #expect(nethost06.network?.netDev.map(\.interface) == ["flannel.1", "ens3", "lo"])
        #expect(nethost06.network?.netDev.first?.source == Evidence(member: "proc/4242/net/dev", line: 3))
        #expect(nethost06.network?.tcpExt?.format == "proc/net/netstat")
        #expect(nethost06.network?.tunables.map(\.name) == ["net.core.netdev_max_backlog", "net.core.netdev_budget", "net.core.netdev_budget_usecs"])
        #expect(nethost06.network?.tunables.map(\.value) == [1000, 300, 8000])
        #expect(nethost06.findings.filter { $0.id.hasPrefix("nic-") }.isEmpty)

        // a source that is missing is a state, not a zero
        let nethost04 = try host("nethost04")
        #expect(nethost04.factStates["network.softnet"] == .notCollected)
        #expect(nethost04.factStates["network.tcpExt"] == .notCollected)
        #expect(nethost04.network?.softnet.isEmpty == true)
        #expect(nethost04.network?.interfaceStatistics.first?.driver == nil)

        // the vmxnet3 host: its allocation failure in vmxnet3 code, no receive drop
        let nethost01 = try host("nethost01")
        #expect(nethost01.allocationFailures.first?.modules.contains("vmxnet3") == true)
        #expect(nethost01.network?.interfaceStatistics.first?.drops.isEmpty == true)
        #expect(nethost01.findings.map(\.id).contains("softnet-backlog-drops"))

        let markdown = try Command.sosanalyze(["summarize", path])
        #expect(markdown.status == 0)
        let text = markdown.stdout
        #expect(text.contains("- **NIC drops:** on 3 of 7 hosts"))
        #expect(text.contains("#### Network"))
        #expect(text.contains("| eno2      | ixgbe  | rx_no_dma_resources | 529,324,299 | no receive descriptor: frames dropped because a receive queue had no free descriptor"))
        #expect(text.contains("rxq0: rx_drops_no_frags | 3,885,606,854"))
        #expect(text.contains("- softnet (5 CPUs): 265,298 dropped on 5 CPUs"))
        #expect(text.contains("- TCP (netstat -s): PruneCalled 2,397"))
        #expect(text.contains("**TCP socket memory pressure: PruneCalled 29,289**"))
        #expect(text.contains("No drop or error counter above zero in `ethtool -S` of ens3 (virtio_net)."))
    }

    @Test func correlateOnNICDrops() throws {
        let (folder, path) = try Self.batch()
        defer { _ = folder }
        let result = try Command.sosanalyze(["correlate", "--format", "json", "--affected-if", "nic-drops", path])
        #expect(result.status == 0, "\(result.stderr)")
        let correlation = try JSONDecoder().decode(Correlation.self, from: Data(result.stdout.utf8))
        #expect(correlation.criterion == "non-zero NIC drop counters (ethtool -S)")
        #expect(correlation.affected.map(\.host).sorted() == ["nethost02.example.com", "nethost03.example.com", "nethost04.example.com"])
        #expect(correlation.unaffected.map(\.host).sorted() == ["nethost01.example.com", "nethost05.example.com",
                                                                "nethost06.example.com", "nethost07.example.com"])
        let nethost03 = try #require(correlation.affected.first { $0.host == "nethost03.example.com" })
        #expect(nethost03.reasons == ["eth0 (be2net): rxq0: rx_drops_no_frags 3,885,606,854 (sos_commands/networking/ethtool_-S_eth0:47)",
                                      "eth1 (be2net): rxq0: rx_drops_no_frags 3,885,606,854 (sos_commands/networking/ethtool_-S_eth1:47)"])
        // the criterion's own trait is not offered as an explanation
        #expect(!result.stdout.contains("nic.rx_drops="))
    }
}
