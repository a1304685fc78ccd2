/// How the correlator decides which reports are affected.
public enum AffectedCriterion: Sendable, Equatable {
    /// Allocation failures in the logs, or high orders exhausted in buddyinfo (`HighOrderExhaustion`).
    case symptoms
    /// The hosts the user named: full hostname or short name (before the first dot), any case.
    case hosts([String])
    /// Reports that carry a finding with this id.
    case finding(String)
    /// Reports whose kernel logged an event of this kind (in this module, when one is given).
    /// `defaulted`: chosen because no host had allocation failures (the kind on most hosts).
    case event(KernelEventKind, module: String?, defaulted: Bool = false)
    /// Reports with a non-zero drop counter in `ethtool -S` (`--affected-if nic-drops`).
    case nicDrops

    /// The criterion in words, as the JSON `criterion` field states it.
    public var description: String {
        switch self {
        case .symptoms: "allocation failures or exhausted high orders"
        case .hosts(let names): "named by the user: \(names.joined(separator: ", "))"
        case .finding(let id): "finding \(id)"
        case .event(let kind, let module, let defaulted):
            "kernel event \(kind.rawValue)" + (module.map { " in module \($0)" } ?? "")
                + (defaulted ? " (the kind logged on the most hosts: no host has allocation failures or exhausted high orders;"
                    + " choose another with --affected-if event:<kind>[:<module>])" : "")
        case .nicDrops: "non-zero NIC drop counters (ethtool -S)"
        }
    }

    /// The event criterion that stands in for `.symptoms` when no report has those: the event kind
    /// logged on most hosts (ties: the earlier kind in ``KernelEventKind``). Nil when no host logged any.
    static func mostCommonEvent(_ reports: [Report]) -> AffectedCriterion? {
        var hosts: [KernelEventKind: Int] = [:]
        for report in reports { for kind in Set(report.kernelEvents.map(\.kind)) { hosts[kind, default: 0] += 1 } }
        guard let best = hosts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }
        return .event(best.key, module: nil, defaulted: true)
    }

    /// Parses the `--affected-if` argument: `finding:<id>`, `event:<kind>`, `event:<kind>:<module>` or `nic-drops`;
    /// nil for anything else.
    public init?(condition: String) {
        if condition == "nic-drops" {
            self = .nicDrops
            return
        }
        if condition.hasPrefix("event:") {
            let parts = condition.dropFirst("event:".count).split(separator: ":", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard let first = parts.first, let kind = KernelEventKind(rawValue: first) else { return nil }
            self = .event(kind, module: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil)
            return
        }
        let prefix = "finding:"
        guard condition.hasPrefix(prefix) else { return nil }
        let id = condition.dropFirst(prefix.count).trimmingWhitespace()
        guard !id.isEmpty else { return nil }
        self = .finding(id)
    }

    /// Why this report is affected under the criterion; empty when it is not.
    public func reasons(for report: Report) -> [String] {
        switch self {
        case .symptoms:
            var reasons: [String] = []
            let failures = report.allocationFailures
            if let first = failures.first {
                let orders = Set(failures.map(\.order)).sorted().map(String.init).joined(separator: ", ")
                reasons.append("\(failures.count) allocation failure\(failures.count == 1 ? "" : "s"), "
                    + "order\(orders.contains(",") ? "s" : "") \(orders) (first at \(first.source))")
            }
            let zones = ZoneExhaustion.exhaustedZones(report)
            if let first = zones.first {
                let names = zones.map { "Node \($0.node) \($0.zone)" }.joined(separator: ", ")
                reasons.append("high orders exhausted in \(names): \(first.summary) (\(first.source))")
            }
            return reasons
        case .hosts(let names):
            guard let hostname = report.hostname else { return [] }
            let short = hostname.split(separator: ".").first.map(String.init) ?? hostname
            let match = names.first { [hostname.lowercased(), short.lowercased()].contains($0.lowercased()) }
            return match.map { ["named with --affected (\($0))"] } ?? []
        case .finding(let id):
            guard let finding = report.findings.first(where: { $0.id == id }) else { return [] }
            let cited = finding.evidence.first.map { " (\($0))" } ?? ""
            return ["finding \(id): \(finding.title)\(cited)"]
        case .event(let kind, let module, _):
            let events = report.kernelEvents.filter { $0.kind == kind && (module == nil || $0.module == module) }
            guard let first = events.first else { return [] }
            let count = events.reduce(0) { $0 + $1.count }
            return ["\(count) \(kind.rawValue) event\(count == 1 ? "" : "s") (first at \(first.source))"]
        case .nicDrops:
            return (report.network?.interfaceStatistics ?? []).compactMap { statistics in
                guard let first = statistics.drops.first else { return nil }
                let counters = statistics.drops.map { "\($0.counter) \(CountFormatter.grouped($0.value))" }.joined(separator: ", ")
                return "\(statistics.interface) (\(statistics.driver ?? "driver unknown")): \(counters) (\(first.source))"
            }
        }
    }
}
