import Foundation
import Testing
@testable import SOSAnalyzer

/// A real network output of Fixtures/network, without its `# source:` line: line numbers are
/// those of the output as sos saved it.
enum NetworkFixture {
    static func text(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/network"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.hasPrefix("# source:") ? String(text.drop { $0 != "\n" }.dropFirst()) : text
    }
}

/// Every parser on every real sample of Fixtures/network; expected values read from the text.
@Suite struct NetworkParserTests {
    private func counters(_ name: String) throws -> EthtoolStatistics {
        try EthtoolStatisticsParser.parse(try NetworkFixture.text(name))
    }

    private func value(_ statistics: EthtoolStatistics, _ name: String) -> Int64? {
        statistics.counters.first { $0.name == name }?.value
    }

    @Test func ethtoolOfEveryDriver() throws {
        let mlx4 = try counters("ethtool-S-mlx4_en-ethq21")
        #expect(mlx4.counters.count == 12)
        #expect(mlx4.counters.first == EthtoolCounter(name: "rx_packets", value: 555096842386, line: 1))
        #expect(value(mlx4, "rx1_bytes") == 2259696980642)

        let mlx5 = try counters("ethtool-S-mlx5_core-ethq8")
        #expect(mlx5.counters.count == 23)
        #expect(value(mlx5, "rx_csum_none") == 49455)
        #expect(mlx5.counters.first?.line == 2)

        let ixgbe = try counters("ethtool-S-ixgbe-ethq1")
        #expect(ixgbe.counters.count == 37)
        #expect(value(ixgbe, "fdir_match") == 22053275)
        let netmap = try counters("ethtool-S-ixgbe-netmap79")
        #expect(netmap.counters.count == 19)
        #expect(value(netmap, "rx_no_dma_resources") == 529324299)
        #expect(value(netmap, "VF 0 Tx Packets") == 1)

        let i40e = try counters("ethtool-S-i40e-busterswt-arp")
        #expect(i40e.counters == [EthtoolCounter(name: "rx_dropped", value: 3322, line: 1),
                                  EthtoolCounter(name: "port.rx_dropped", value: 0, line: 2)])

        let ice = try counters("ethtool-S-ice-ethq27")
        #expect(ice.counters.count == 24)
        #expect(value(ice, "rx_alloc_fail") == 0)
        #expect(value(ice, "tx_multicast") == 18)

        let bnx2x = try counters("ethtool-S-bnx2x-ethq6")
        #expect(bnx2x.counters.count == 34)
        #expect(value(bnx2x, "[0]: rx_skb_alloc_discard") == 0)
        #expect(value(bnx2x, "[1]: rx_ucast_packets") == 170492982)

        let be2net = try counters("ethtool-S-be2net-netutils208")
        #expect(be2net.counters.count == 46)
        #expect(value(be2net, "rxq0: rx_drops_no_frags") == 3885606854)
        #expect(value(be2net, "rx_in_range_errors") == 1430)

        let igb = try counters("ethtool-S-igb-ethq4")
        #expect(igb.counters.count == 38)
        #expect(value(igb, "tx_tcp_seg_good") == 21896387)

        let e1000e = try counters("ethtool-S-e1000e-ethq11")
        #expect(e1000e.counters.count == 45)
        #expect(value(e1000e, "alloc_rx_buff_failed") == 0)
        #expect(value(e1000e, "rx_csum_offload_good") == 565981)
        let e1000Style = try counters("ethtool-S-e1000-style-netdata988")
        #expect(value(e1000Style, "rx_no_buffer_count") == 527)
        #expect(value(e1000Style, "rx_missed_errors") == 4954)

        let vmxnet3 = try counters("ethtool-S-vmxnet3-collectd1059")
        #expect(vmxnet3.counters.count == 43)
        #expect(value(vmxnet3, "Tx Queue#0: ring full") == 7)
        #expect(value(vmxnet3, "Tx Queue#1: ring full") == 840)
        #expect(value(vmxnet3, "Rx Queue#0: ucast pkts rx") == 61069323477)
        #expect(value(vmxnet3, "Tx Queue#0: too many frags") == 0)

        let ena = try counters("ethtool-S-ena-ethq15")
        #expect(ena.counters.count == 30)
        #expect(value(ena, "queue_0_rx_cnt") == 9300271)

        let virtio = try counters("ethtool-S-virtio_net-k8stest-4")
        #expect(virtio.counters.count == 13)
        #expect(value(virtio, "rx_queue_0_drops") == 0)
        #expect(value(virtio, "tx_queue_0_kicks") == 158522)

        let veth = try counters("ethtool-S-veth-lxd-5-0")
        #expect(veth.counters.map(\.name) == ["peer_ifindex", "rx_queue_0_xdp_packets", "rx_queue_0_xdp_bytes", "rx_queue_0_xdp_drops"])
        for statistics in [mlx4, mlx5, ixgbe, netmap, ice, bnx2x, be2net, igb, e1000e, vmxnet3, ena, virtio, veth] {
            #expect(statistics.notes.isEmpty)
        }
    }

    @Test func ethtoolRefusalIsNotCollected() throws {
        #expect(throws: ParseFailure.notCollected("no stats available")) {
            try EthtoolStatisticsParser.parse(try NetworkFixture.text("ethtool-S-lo-k8stest-4"))
        }
        #expect(throws: ParseFailure.notCollected("ethtool -S output is empty")) { try EthtoolStatisticsParser.parse("\n") }
        #expect(throws: ParseFailure.self) { try EthtoolStatisticsParser.parse("something else entirely\n") }
    }

    @Test func procNetDev() throws {
        let records = try ProcNetDevParser.parse(try NetworkFixture.text("proc-net-dev-k8stest-4"))
        #expect(records.map(\.interface) == ["flannel.1", "ens3", "lo"])
        #expect(records[0].txDropped == 13)
        #expect(records[0].txPackets == 737)
        #expect(records[1].rxBytes == 778210289)
        #expect(records[1].txPackets == 169904)
        #expect(records[2].rxBytes == 22417287)
        #expect(records.map(\.source.line) == [3, 4, 5])
        // an old kernel glues a long first number to the colon
        let glued = try ProcNetDevParser.parse("  eth0:1234567 10 0 2 0 0 0 0 99 20 0 0 0 0 0 0\n")
        #expect(glued.first?.rxBytes == 1234567)
        #expect(glued.first?.rxDropped == 2)
    }

    @Test func softnetOfEveryGeneration() throws {
        let nine = try SoftnetStatParser.parse(try NetworkFixture.text("softnet_stat-9col-2.6-chinaunix"))
        #expect(nine.map(\.columns) == [9, 9, 9, 9])
        #expect(nine.map(\.processed) == [0x1f, 0x16, 0x18, 0x1143])
        #expect(nine[0].timeSqueeze == 1)
        #expect(nine[0].receivedRPS == nil)

        let ten = try SoftnetStatParser.parse(try NetworkFixture.text("softnet_stat-10col-rhel6-insights"))
        #expect(ten.map(\.cpu) == [0, 1, 2, 3])
        #expect(ten.map(\.dropped) == [0, 0, 0, 1])
        #expect(ten[2].processed == 0x1608c)
        #expect(ten[0].flowLimitCount == nil)

        let eleven = try SoftnetStatParser.parse(try NetworkFixture.text("softnet_stat-5.4-k8stest-4"))
        #expect(eleven.map(\.columns) == [11, 11])
        #expect(eleven.map(\.processed) == [134722, 141500])
        #expect(eleven.map(\.flowLimitCount) == [0, 0])

        let thirteen = try SoftnetStatParser.parse(try NetworkFixture.text("softnet_stat-13col-insights"))
        #expect(thirteen.map(\.cpu) == [0, 1, 2, 3, 4])
        #expect(thirteen.map(\.dropped) == [25219, 1094, 19399, 32302, 187284])
        #expect(thirteen.map(\.timeSqueeze) == [0, 0, 0, 0, 1])
        #expect(thirteen[0].receivedRPS == 0x855fc)

        #expect(throws: ParseFailure.self) { try SoftnetStatParser.parse("0000 zz\n") }
        #expect(throws: ParseFailure.notCollected("/proc/net/softnet_stat is empty")) { try SoftnetStatParser.parse("") }
    }

    @Test func tcpExtFromProcNetNetstat() throws {
        let tcp = try NetstatTCPExtParser.parse(try NetworkFixture.text("proc-net-netstat-k8stest-4"))
        #expect(tcp.format == "proc/net/netstat")
        #expect(tcp.counters.count == 119)
        #expect(tcp.counters["PruneCalled"] == 0)
        #expect(tcp.counters["TCPBacklogDrop"] == 0)
        #expect(tcp.counters["TCPRcvCoalesce"] == 61667)
        #expect(tcp.counters["TCPAbortOnData"] == 2048)
        #expect(tcp.lines["TCPRcvCoalesce"] == 2)
        #expect(tcp.counters["InOctets"] == nil)
    }

    @Test func tcpExtFromNetstatProse() throws {
        let lxd = try NetstatTCPExtParser.parse(try NetworkFixture.text("netstat-s-lxd-5-0"))
        #expect(lxd.format == "netstat -s")
        #expect(lxd.counters["TCPBacklogCoalesce"] == 1179)
        #expect(lxd.counters["TCPTimeouts"] == 214)
        #expect(lxd.counters["PruneCalled"] == nil)
        #expect(lxd.counters["InOctets"] == nil)

        let busy = try NetstatTCPExtParser.parse(try NetworkFixture.text("netstat-s-freeformz41"))
        #expect(busy.counters["PruneCalled"] == 2397)
        #expect(busy.counters["ListenOverflows"] == 5191585)
        #expect(busy.counters["ListenDrops"] == 5191585)
        #expect(busy.lines["PruneCalled"] == 13)

        let old = try NetstatTCPExtParser.parse(try NetworkFixture.text("netstat-s-hiboma4"))
        #expect(old.counters["PruneCalled"] == 29289)
        #expect(old.counters["ListenOverflows"] == 6350)
        #expect(old.counters["ListenDrops"] == 6350)
        #expect(old.counters["TCPPrequeueDropped"] == 776546)
        #expect(old.counters["RcvPruned"] == nil)
    }

    @Test func ipStatsLink() throws {
        let records = try IPStatsLinkParser.parse(try NetworkFixture.text("ip-s-d-link-k8stest-4"))
        #expect(records.map(\.interface) == ["lo", "ens3", "flannel.1"])
        #expect(records[0].rxBytes == 22426458)
        #expect(records[1].rxPackets == 232487)
        #expect(records[1].txBytes == 30274591)
        #expect(records[2].txDropped == 13)
        #expect(records[2].rxFrame == nil)
        #expect(records.map(\.source.line) == [1, 7, 13])
    }
}
