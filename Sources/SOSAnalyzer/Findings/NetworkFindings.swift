import Foundation

/// Findings on the network counters: NIC drops named with interface, driver, counter, value and
/// meaning, tied to the host's allocation failures and buddyinfo where they agree; softnet
/// backlog drops and time squeeze with the tunables that bound them; TCP pruning as socket
/// memory pressure.
enum NetworkFindings {
    static func evaluate(_ report: Report) -> [Finding] {
        guard let network = report.network else { return [] }
        var findings: [Finding] = []
        for statistics in network.interfaceStatistics {
            findings += nicFindings(statistics, report: report)
        }
        if let softnet = softnetFinding(network) { findings.append(softnet) }
        if let squeeze = timeSqueezeFinding(network, uptimeSeconds: report.uptimeSeconds) { findings.append(squeeze) }
        if let prune = tcpPruneFinding(network) { findings.append(prune) }
        if let listen = tcpListenFinding(network) { findings.append(listen) }
        return findings
    }

    /// "eth2 (mlx4_en, RHEL 6.4)".
    static func label(_ statistics: InterfaceStatistics, report: Report) -> String {
        var parts = [statistics.driver ?? "driver unknown"]
        if let os = report.os, os.version != nil { parts.append(os.displayName) }
        let namespace = statistics.namespace.map { " in namespace \($0)" } ?? ""
        return "\(statistics.interface)\(namespace) (\(parts.joined(separator: ", ")))"
    }

    private static func nicFindings(_ statistics: InterfaceStatistics, report: Report) -> [Finding] {
        let drops = statistics.drops
        guard !drops.isEmpty else { return [] }
        let memory = drops.filter(\.pointsAtMemory)
        let other = drops.filter { !$0.pointsAtMemory }
        let name = label(statistics, report: report)
        var findings: [Finding] = []
        let failures = statistics.driver.map { driver in report.allocationFailures.filter { $0.modules.contains(driver) } } ?? []
        if !memory.isEmpty {
            let title = "\(name): " + memory.map { "\($0.counter) \(CountFormatter.grouped($0.value))" }.joined(separator: ", ")
                + " — on this driver and kernel: \(memory[0].cause)"
                + agreement(failures, driver: statistics.driver, report: report)
            var detail = memory.map { "\($0.counter) = \(CountFormatter.grouped($0.value)): \($0.meaning), as read in \($0.reference)" }
            let silent = statistics.readings.filter { $0.cause == NICCounterCause.notCounted.rawValue }
            detail += silent.map { "\($0.counter) = \(CountFormatter.grouped($0.value)): \($0.meaning), as read in \($0.reference)" }
            if let grade = report.highOrderExhaustion, grade.exhausted {
                detail.append("buddyinfo: " + grade.exhaustedZones.map(\.summary).joined(separator: " "))
            }
            detail += eventLines(statistics, report: report)
            findings.append(Finding(
                id: "nic-drops-memory", severity: .warning, title: title, detail: detail.joined(separator: "\n"),
                evidence: memory.map(\.source) + silent.map(\.source) + failures.prefix(3).map(\.source)))
        }
        if !other.isEmpty {
            let title = "\(name): " + other.map { "\($0.counter) \(CountFormatter.grouped($0.value))" }.joined(separator: ", ")
                + " — \(other[0].meaning)"
            var detail = other.map { "\($0.counter): \($0.cause), as read in \($0.reference)" }
            detail += eventLines(statistics, report: report)
            if memory.isEmpty, !failures.isEmpty {
                detail.append("A ring the driver cannot refill runs out of descriptors: \(failures.count) page allocation failure\(failures.count == 1 ? "" : "s") in \(statistics.driver ?? "its") code on this host.")
            }
            findings.append(Finding(
                id: "nic-drops", severity: memory.isEmpty && failures.isEmpty ? .info : .warning, title: title,
                detail: detail.joined(separator: "\n"), evidence: other.map(\.source) + failures.prefix(3).map(\.source)))
        }
        return findings
    }

    /// What the kernel logged about this interface (link down, transmit timeouts), with its first line.
    private static func eventLines(_ statistics: InterfaceStatistics, report: Report) -> [String] {
        let events = report.kernelEvents.filter { $0.interface == statistics.interface }
        guard let first = events.first else { return [] }
        let kinds = Dictionary(grouping: events, by: \.kind).map { kind, list in "\(kind.rawValue) ×\(list.reduce(0) { $0 + $1.count })" }.sorted()
        return ["The kernel logged on \(statistics.interface): \(kinds.joined(separator: ", ")) (first at \(first.source))."]
    }

    /// "; 17 order-2 allocation failures in mlx4_en code on this host, high orders exhausted in Normal (node 0)".
    private static func agreement(_ failures: [AllocationFailureRecord], driver: String?, report: Report) -> String {
        var parts: [String] = []
        if !failures.isEmpty, let driver {
            let orders = Array(Set(failures.map(\.order))).sorted().map { "order-\($0)" }.joined(separator: "/")
            parts.append("\(failures.count) \(orders) allocation failure\(failures.count == 1 ? "" : "s") in \(driver) code on this host")
        } else if !report.allocationFailures.isEmpty {
            parts.append("\(report.allocationFailures.count) page allocation failure\(report.allocationFailures.count == 1 ? "" : "s") on this host")
        }
        if let grade = report.highOrderExhaustion, grade.exhausted {
            parts.append("high orders exhausted in " + grade.exhaustedZones.map { "\($0.zone) (node \($0.node))" }.joined(separator: ", "))
        }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: ", ")
    }

    private static func softnetFinding(_ network: NetworkEvidence) -> Finding? {
        let cpus = network.softnet.filter { $0.dropped > 0 }
        guard !cpus.isEmpty else { return nil }
        let backlog = network.tunable("net.core.netdev_max_backlog")
        return Finding(
            id: "softnet-backlog-drops", severity: .warning,
            title: "softnet: \(CountFormatter.grouped(network.softnetDropped)) frames dropped on \(cpus.count) CPU\(cpus.count == 1 ? "" : "s") because the input backlog was full"
                + (backlog.map { " (net.core.netdev_max_backlog = \($0.value))" } ?? ""),
            detail: "Per CPU: " + cpus.map { "CPU \($0.cpu): \(CountFormatter.grouped($0.dropped))" }.joined(separator: ", ")
                + ". The backlog takes frames from drivers that do not use NAPI and from RPS; a longer backlog holds more frames, a busier CPU empties it faster.",
            evidence: cpus.prefix(4).map(\.source) + [backlog?.source].compactMap { $0 })
    }

    /// Squeezes a minute, on average since boot, below which time_squeeze is no finding: the
    /// counter only grows, and a few bursts a day on a busy host (hundreds over days) are no
    /// receive path that keeps running out of budget. One a minute is 1,440 a day.
    static let timeSqueezePerMinuteThreshold = 1.0

    /// time_squeeze as a rate over the uptime, reported at or above the threshold; kept, with the
    /// rate said to be unknown, when the report holds no uptime.
    private static func timeSqueezeFinding(_ network: NetworkEvidence, uptimeSeconds: Int?) -> Finding? {
        let cpus = network.softnet.filter { $0.timeSqueeze > 0 }
        guard !cpus.isEmpty else { return nil }
        let total = network.softnetTimeSqueeze
        let rate: String
        if let uptimeSeconds, uptimeSeconds > 0 {
            let perMinute = Double(total) * 60 / Double(uptimeSeconds)
            guard perMinute >= timeSqueezePerMinuteThreshold else { return nil }
            rate = "\(perMinuteText(perMinute)) a minute over \(uptimeText(uptimeSeconds)) of uptime"
        } else {
            rate = "rate unknown: no uptime in the report"
        }
        let tunables = ["net.core.netdev_budget", "net.core.netdev_budget_usecs"].compactMap(network.tunable)
        return Finding(
            id: "softnet-time-squeeze", severity: .info,
            title: "softnet: receive processing ran out of budget \(CountFormatter.grouped(total)) time\(total == 1 ? "" : "s") on \(cpus.count) CPU\(cpus.count == 1 ? "" : "s")"
                + " (\(rate)" + (tunables.isEmpty ? "" : "; " + tunables.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")) + ")",
            detail: "time_squeeze counts net_rx_action rounds that stopped with frames left; the rings fill meanwhile and the NIC drops when they are full."
                + " Reported from \(perMinuteText(timeSqueezePerMinuteThreshold)) a minute on average since boot.",
            evidence: cpus.prefix(4).map(\.source) + tunables.map(\.source))
    }

    /// "0.7", "12", "1,234".
    static func perMinuteText(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f", value) : CountFormatter.grouped(Int64(value.rounded()))
    }

    /// "25 min", "11 h 18 min", "3 days 2 h".
    static func uptimeText(_ seconds: Int) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3_600, minutes = seconds % 3_600 / 60
        if days > 0 { return "\(days) day\(days == 1 ? "" : "s")" + (hours > 0 ? " \(hours) h" : "") }
        if hours > 0 { return "\(hours) h" + (minutes > 0 ? " \(minutes) min" : "") }
        return "\(minutes) min"
    }

    private static func tcpPruneFinding(_ network: NetworkEvidence) -> Finding? {
        guard let tcp = network.tcpExt else { return nil }
        let names = ["PruneCalled", "RcvPruned", "OfoPruned", "TCPRcvCollapsed", "TCPMemoryPressures", "TCPAbortOnMemory"]
        let (present, evidence) = nonZero(names, in: tcp)
        guard present.contains(where: { ["PruneCalled", "RcvPruned", "OfoPruned", "TCPMemoryPressures", "TCPAbortOnMemory"].contains($0.0) }) else { return nil }
        return Finding(
            id: "tcp-prune", severity: .warning,
            title: "TCP socket memory pressure: " + present.map { "\($0.0) \(CountFormatter.grouped($0.1))" }.joined(separator: ", "),
            detail: "The kernel pruned or collapsed TCP receive queues to stay within the socket's receive buffer (net.ipv4.tcp_rmem) or the TCP memory limits (net.ipv4.tcp_mem); RcvPruned frames were dropped. [\(tcp.format)]",
            evidence: evidence)
    }

    private static func tcpListenFinding(_ network: NetworkEvidence) -> Finding? {
        guard let tcp = network.tcpExt else { return nil }
        let (present, evidence) = nonZero(["ListenOverflows", "ListenDrops", "TCPBacklogDrop"], in: tcp)
        guard !present.isEmpty else { return nil }
        return Finding(
            id: "tcp-queue-drops", severity: .info,
            title: "TCP drops at full queues: " + present.map { "\($0.0) \(CountFormatter.grouped($0.1))" }.joined(separator: ", "),
            detail: "ListenOverflows/ListenDrops: the accept queue of a listening socket was full; TCPBacklogDrop: a socket's backlog was over its limit while the owner held it.",
            evidence: evidence)
    }

    /// The counters of `names` above zero, in that order, and the lines that show them (sorted, once each).
    private static func nonZero(_ names: [String], in tcp: TCPExtCounters) -> ([(String, Int64)], [Evidence]) {
        let present = names.compactMap { name in tcp.counters[name].flatMap { $0 > 0 ? (name, $0) : nil } }
        let evidence = present.compactMap { tcp.lines[$0.0].map { Evidence(member: tcp.source.member, line: $0) } }
        return (present, Array(Set(evidence)).sorted())
    }
}
