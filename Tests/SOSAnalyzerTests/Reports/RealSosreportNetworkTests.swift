import Foundation
import Testing
@testable import SOSAnalyzer

/// The network counters of the real sos 4.2 archives in `shared/real-sosreports` (skipped where
/// that folder is absent). sos 4.x stores `proc/net` as a link to `self/net`; these trimmed
/// archives lost `proc/self`, so the counters are read from `proc/<pid>/net/`.
@Suite struct RealSosreportNetworkTests {
    static let k8s = "sosreport-juju-110cc2-k8stest-4-2022-02-10-dnuxkgx.tar.xz"

    @Test(.enabled(if: SharedData.realSosreports != nil))
    func kubernetesWorkerCounters() throws {
        let folder = try #require(SharedData.realSosreports)
        let outcome = ReportReader.read(path: folder.appendingPathComponent(Self.k8s).path)
        let report = try #require(outcome.reports.first)
        let network = try #require(report.network)
        // ethtool -S of ens3 (virtio_net); lo and flannel.1 say "no stats available"
        #expect(network.interfaceStatistics.map(\.interface) == ["ens3"])
        let ens3 = try #require(network.interfaceStatistics.first)
        #expect(ens3.driver == "virtio_net")
        #expect(ens3.counters.count == 13)
        #expect(ens3.counters.first { $0.name == "rx_queue_0_packets" }?.value == 232850)
        #expect(ens3.readings.isEmpty)
        #expect(network.netDevFormat == "proc/net/dev")
        #expect(network.netDev.map(\.interface) == ["flannel.1", "ens3", "lo"])
        #expect(network.netDev.first?.source == Evidence(member: "proc/96008/net/dev", line: 3))
        #expect(network.softnet.map(\.processed) == [0x20e42, 0x228bc])
        #expect(network.tcpExt?.format == "proc/net/netstat")
        #expect(network.tcpExt?.counters["TCPRcvCoalesce"] == 61667)
        #expect(network.tunables.map(\.value) == [1000, 300, 8000])
        #expect(report.factStates["network.ethtoolStatistics"] == nil)
        #expect(report.findings.filter { $0.id.hasPrefix("nic-") || $0.id.hasPrefix("softnet-") || $0.id.hasPrefix("tcp-") }.isEmpty)
        let traits = HostTraits.traits(of: report)
        #expect(traits.contains("nic.rx_drops=none"))
        #expect(traits.contains("softnet.dropped=no"))
        #expect(traits.contains("tcp.prune=no"))
    }
}
