/// The network part of the Markdown summary: per host, the interfaces whose drop counters are
/// non-zero with what each counter means on that driver, softnet and TCP pressure; in the
/// verdict, the drops that point at memory. Nothing is written for a report that holds no
/// network source at all.
enum NetworkMarkdown {
    /// "- **NIC drops that point at memory:** eth2 on nethost01 (mlx4_en: rx_dropped 1,204,311).",
    /// then a blank line; nothing when no host drops.
    /// - Parameter hostReports: the reports of each host; a host counts once, whichever of its reports dropped.
    static func verdictLines(_ hostReports: [[Report]], names: HostNames) -> [String] {
        var memory: [String] = []
        var hosts = 0
        for reports in hostReports where reports.contains(where: { ($0.network?.interfaceStatistics ?? []).contains { !$0.drops.isEmpty } }) {
            hosts += 1
        }
        for report in hostReports.joined() {
            let interfaces = report.network?.interfaceStatistics ?? []
            for statistics in interfaces {
                let readings = statistics.drops.filter(\.pointsAtMemory)
                guard !readings.isEmpty else { continue }
                let counters = readings.map { "\($0.counter) \(CountFormatter.grouped($0.value))" }.joined(separator: ", ")
                memory.append("\(statistics.interface) on \(names.short(report)) (\(statistics.driver ?? "driver unknown"): \(counters))")
            }
        }
        guard hosts > 0 else { return [] }
        let total = hostReports.count
        var out = ["- **NIC drops:** on \(hosts) of \(total) host\(total == 1 ? "" : "s") (`ethtool -S`, [per host](#hosts))."]
        if !memory.isEmpty {
            out.append("- **NIC drops that point at memory:** " + memory.joined(separator: "; ") + ".")
        }
        return out + [""]
    }

    static func hostSection(_ report: Report) -> [String] {
        guard let network = report.network else { return [] }
        var out = ["#### Network", ""]
        var table = MarkdownTable(["Interface", "Driver", "Counter", "Value", "Meaning", "Evidence"],
                                  alignments: [.left, .left, .left, .right, .left, .left])
        var quiet: [String] = []
        for statistics in network.interfaceStatistics {
            let name = statistics.interface + (statistics.namespace.map { " (\($0))" } ?? "")
            let readings = statistics.readings
            if readings.isEmpty {
                quiet.append("\(name) (\(statistics.driver ?? "driver unknown"))")
                continue
            }
            for reading in readings {
                let meaning = reading.cause == NICCounterCause.notCounted.rawValue
                    ? reading.meaning : "\(reading.cause): \(reading.meaning)"
                table.add([name, statistics.driver ?? "–", reading.counter, CountFormatter.grouped(reading.value),
                           meaning + (reading.pointsAtMemory ? " (memory)" : ""), reading.source.description])
            }
        }
        if !table.isEmpty {
            out += [table.render(), ""]
        }
        if !quiet.isEmpty {
            out += ["No drop or error counter above zero in `ethtool -S` of " + quiet.joined(separator: ", ") + ".", ""]
        }
        var lines: [String] = []
        if !network.softnet.isEmpty {
            let dropped = network.softnet.filter { $0.dropped > 0 }.count
            let squeezed = network.softnet.filter { $0.timeSqueeze > 0 }.count
            let tunables = network.tunables.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
            lines.append("- softnet (\(network.softnet.count) CPUs): \(CountFormatter.grouped(network.softnetDropped)) dropped on \(dropped) CPU\(dropped == 1 ? "" : "s"), "
                + "time_squeeze \(CountFormatter.grouped(network.softnetTimeSqueeze)) on \(squeezed)"
                + (tunables.isEmpty ? "" : " (\(tunables))") + " — \(network.softnet[0].source.member)")
        }
        if let tcp = network.tcpExt {
            let names = ["PruneCalled", "RcvPruned", "OfoPruned", "TCPRcvCollapsed", "TCPMemoryPressures", "TCPAbortOnMemory",
                         "ListenOverflows", "ListenDrops", "TCPBacklogDrop"]
            let shown = names.compactMap { name in tcp.counters[name].map { "\(name) \(CountFormatter.grouped($0))" } }
            lines.append("- TCP (\(tcp.format)): " + (shown.isEmpty ? "no prune, collapse or queue-drop counter" : shown.joined(separator: ", "))
                + " — \(tcp.source)")
        }
        if !network.netDev.isEmpty {
            let dropping = network.netDev.filter { $0.rxDropped > 0 || $0.rxFifo > 0 || $0.txDropped > 0 }
            lines.append("- \(network.netDevFormat ?? "proc/net/dev"): " + (dropping.isEmpty ? "no interface with drops or overruns"
                : dropping.map { "\($0.interface) rx_dropped \(CountFormatter.grouped($0.rxDropped)), rx_fifo \(CountFormatter.grouped($0.rxFifo)), tx_dropped \(CountFormatter.grouped($0.txDropped))" }.joined(separator: "; "))
                + " — \(network.netDev[0].source.member)")
        }
        let missing = [(Fact.ethtoolStatistics, "ethtool -S"), (.netDev, "/proc/net/dev"), (.softnet, "softnet_stat"), (.tcpExt, "TCP counters")]
            .compactMap { fact, name in report[state: fact].map { "\(name) \($0.rawValue)" } }
        if !missing.isEmpty { lines.append("- " + missing.joined(separator: ", ")) }
        out += lines
        out.append("")
        return out
    }
}
