import SOSArchive

/// The network counters: `ethtool -S` per interface with what its drop counters mean on this
/// driver and kernel, `/proc/net/dev` (or `ip -s link`), `softnet_stat`, the TCP extension
/// counters and the softirq tunables. Each missing source leaves a state, never a zero.
extension ReportAssembler {
    mutating func readNetwork() {
        var network = NetworkEvidence()
        network.interfaceStatistics = readEthtoolStatistics()
        if let (records, found) = parse(FactCatalog.procNetDev, ProcNetDevParser.parse) {
            network.netDev = records.cited(in: found.member)
            network.netDevFormat = "proc/net/dev"
        } else if let (records, found) = parse(FactCatalog.ipStatsLink, IPStatsLinkParser.parse) {
            network.netDev = records.cited(in: found.member)
            network.netDevFormat = "ip -s link"
            report[state: .netDev] = nil
        }
        if let (records, found) = parse(FactCatalog.softnetStat, SoftnetStatParser.parse) {
            network.softnet = records.cited(in: found.member)
        }
        if let (counters, found) = parse(FactCatalog.tcpExtCounters, NetstatTCPExtParser.parse) {
            var cited = counters
            cited.source.member = found.member
            network.tcpExt = cited
        }
        for (name, spec) in FactCatalog.netCoreTunables {
            if case .found(let found) = lookup.first(spec), let parsed = try? SysctlParser.parseInteger(found.text) {
                network.tunables.append(NetworkTunable(name: name, value: parsed.value, source: Evidence(member: found.member, line: parsed.line)))
            } else if let (entry, member) = sysctlEntry(name), let value = Int(entry.value) {
                network.tunables.append(NetworkTunable(name: name, value: value, source: Evidence(member: member, line: entry.line)))
            }
        }
        report.network = network.isEmpty ? nil : network
    }

    private mutating func readEthtoolStatistics() -> [InterfaceStatistics] {
        let spec = FactCatalog.ethtoolStatistics
        let found = lookup.all(spec)
        let release = report.kernel?.release
        var statistics: [InterfaceStatistics] = []
        for file in found {
            guard let name = EthtoolFileName(file.requested, option: "-S") else { continue }
            let parsed: EthtoolStatistics
            do {
                parsed = try EthtoolStatisticsParser.parse(file.text)
            } catch {
                if case .malformed = error { record(error, fact: spec.fact, member: file.member) }
                continue
            }
            note(file, for: spec.fact)
            keep(parsed.notes, fact: spec.fact, member: file.member)
            let driver = report.nics.first { $0.interface == name.interface && $0.namespace == name.namespace }?.driver
            let readings = NICCounterMeanings.readings(parsed.counters, driver: driver, kernelRelease: release, member: file.member)
            statistics.append(InterfaceStatistics(
                interface: name.interface, driver: driver, namespace: name.namespace, counters: parsed.counters,
                readings: readings, source: Evidence(member: file.member)))
        }
        if statistics.isEmpty, report[state: spec.fact] == nil {
            if case .missing(let state, _) = lookup.first(spec) {
                report[state: spec.fact] = state
            } else {
                // every file held ethtool's refusal ("no stats available"): collected, nothing in it
                report[state: spec.fact] = .empty
            }
        }
        return statistics.sorted { ($0.namespace ?? "", $0.interface) < ($1.namespace ?? "", $1.interface) }
    }
}
