/// Findings about the buddy allocator's state, known issues and tuning, added to a report's
/// host findings in one severity order.
enum MemoryFindings {
    static func combine(_ report: Report, host: [Finding], knownIssues: [Finding]) -> [Finding] {
        var findings = host
        if let grade = report.highOrderExhaustion, grade.exhausted {
            let zones = grade.exhaustedZones
            let order = grade.lowestExhaustedOrder ?? 2
            let names = zones.map { "\($0.zone) (node \($0.node))" }.joined(separator: ", ")
            findings.append(Finding(
                id: "high-orders-exhausted", severity: .warning,
                title: "High orders exhausted: no usable free block of \(ByteFormatter.human(4096 << Int64(order))) or larger for atomic requests in \(names)",
                detail: zones.map(\.summary).joined(separator: "\n"),
                evidence: zones.map(\.source) + zones.compactMap(\.zoneinfoSource)))
        }
        findings += knownIssues
        findings += report.tuning?.findings(report) ?? []
        return findings.sorted { ($0.severity, $1.id) > ($1.severity, $0.id) }
    }
}
