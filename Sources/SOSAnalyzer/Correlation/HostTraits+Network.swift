/// The network traits: which drivers dropped frames, whether softnet backlogs overflowed and
/// whether TCP pruned receive queues, so a case that starts with "we lose packets" can be
/// correlated too. Each is known-present (`nic.rx_drops=mlx4_en`, `softnet.dropped=yes`),
/// known-absent (`nic.rx_drops=none`, `softnet.dropped=no`, `tcp.prune=no`) or, when sos did not
/// collect the source, not there at all: unknown is never read as absent.
extension HostTraits {
    static func networkTraits(of report: Report) -> Set<String> {
        guard let network = report.network else { return [] }
        var traits: Set<String> = []
        if !network.interfaceStatistics.isEmpty {
            let drivers = network.interfaceStatistics.filter { !$0.drops.isEmpty }.map { $0.driver ?? "unknown" }
            traits.formUnion(drivers.isEmpty ? ["nic.rx_drops=none"] : drivers.map { "nic.rx_drops=\($0)" })
        }
        if !network.softnet.isEmpty {
            traits.insert("softnet.dropped=\(network.softnetDropped > 0 ? "yes" : "no")")
        }
        if let tcp = network.tcpExt {
            let pruned = ["PruneCalled", "RcvPruned", "OfoPruned"].contains { (tcp.counters[$0] ?? 0) > 0 }
            traits.insert("tcp.prune=\(pruned ? "yes" : "no")")
        }
        return traits
    }
}
