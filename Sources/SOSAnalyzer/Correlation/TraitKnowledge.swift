/// Which trait keys a report cannot tell: the source was not collected, came out empty, was cut
/// by sos or could not be parsed (``Report/factStates`` says which), so the report neither has
/// nor lacks the traits of that key. The correlator counts such a report for none of them, so a
/// host whose `ethtool -i` is missing is not "a host without mlx4_en".
///
/// A key with a trait present on the report is always known. Keys that come from a fact always
/// read (`os`, `kernel`) are unknown only when that fact is missing too. For dbnode01 of
/// `Samples/` every key is known; for a report with no `sos_commands/networking/ethtool_-i_*`
/// (`factStates.nics` = "not collected") `nic.driver` and `nic.firmware` are unknown.
public enum TraitKnowledge {
    /// The unknown keys of `report`, given its traits (``HostTraits/traits(of:)``).
    public static func unknownKeys(of report: Report, traits: [String]) -> Set<String> {
        var unknown: Set<String> = []
        let present = Set(traits.map { String(TraitOrder.key(of: $0)) })
        func unknownUnlessPresent(_ keys: [String], when missing: Bool) {
            guard missing else { return }
            for key in keys where !present.contains(key) { unknown.insert(key) }
        }
        unknownUnlessPresent(["os"], when: report.os == nil)
        unknownUnlessPresent(["kernel"], when: report.kernel == nil)
        unknownUnlessPresent(["kernel.stream"], when: report.kernel?.distroRelease == nil)
        unknownUnlessPresent(["module", "thirdParty"], when: report.modules.isEmpty || report[state: .modules] != nil)
        unknownUnlessPresent(["nic.driver", "nic.firmware"],
                             when: report.nics.allSatisfy { ($0.driver ?? "").isEmpty } || report[state: .nics] != nil)
        unknownUnlessPresent(["taint"], when: report.taint == nil)
        unknownUnlessPresent(["package"], when: report.packages == nil)
        unknownUnlessPresent(["hardware"], when: report.hardware == nil)
        unknownUnlessPresent(["memory"], when: report.memory?.memTotalKiB == nil)
        unknownUnlessPresent(["sysctl.vm.min_free_kbytes"], when: report.sysctl["vm.min_free_kbytes"] == nil)
        unknownUnlessPresent(["sysctl.vm.zone_reclaim_mode"], when: report.sysctl["vm.zone_reclaim_mode"] == nil)
        unknownUnlessPresent(["event"], when: report[state: .kernelLog] != nil)
        // The network traits exist only where their source was collected (HostTraits+Network).
        unknownUnlessPresent(["nic.rx_drops"], when: report.network?.interfaceStatistics.isEmpty ?? true)
        unknownUnlessPresent(["softnet.dropped"], when: report.network?.softnet.isEmpty ?? true)
        unknownUnlessPresent(["tcp.prune"], when: report.network?.tcpExt == nil)
        return unknown
    }
}
