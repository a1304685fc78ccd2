/// How the correlator decides which reports are affected.
public enum AffectedCriterion: Sendable, Equatable {
    /// Allocation failures in the logs, or high orders exhausted in buddyinfo (`HighOrderExhaustion`).
    case symptoms
    /// The hosts the user named: full hostname or short name (before the first dot), any case.
    case hosts([String])
    /// Reports that carry a finding with this id.
    case finding(String)

    /// The criterion in words, as the JSON `criterion` field states it.
    public var description: String {
        switch self {
        case .symptoms: "allocation failures or exhausted high orders"
        case .hosts(let names): "named by the user: \(names.joined(separator: ", "))"
        case .finding(let id): "finding \(id)"
        }
    }

    /// Parses the `--affected-if` argument: `finding:<id>`; nil for anything else.
    public init?(condition: String) {
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
        }
    }
}
