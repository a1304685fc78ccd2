/// The case summary of a batch, built once from the reports: the order they are presented in,
/// the verdict, the correlation and the known issues matched on the affected hosts. The
/// Markdown (``MarkdownSummaryRenderer``) and the JSON (``BatchDocument``) only format it.
///
/// For `Samples/` (11 reports) it holds the 5 affected reports first (dbnode01, dbnode02,
/// appnode03, batch04, web05, in batch order), the verdict "5 of 11 hosts are affected: ...",
/// the correlation whose best set is `os=RHEL 6.4` + `nic.driver=mlx4_en`, and the known issue
/// `known-issue.mlx4-en-rhel64-high-order-leak` on the affected hosts it matched.
public struct CaseSummary: Sendable {
    /// A known issue (a finding `known-issue.*`) and the affected reports it matched, in
    /// presentation order.
    public struct KnownIssueMatch: Sendable {
        public var finding: Finding
        public var reports: [Report]
    }

    /// The reports in batch order (the JSON's order).
    public var reports: [Report]
    /// The reports grouped into hosts (``HostIdentity``), in batch order.
    public var hosts: [HostGroup]
    /// Affected hosts first, they are what the case is about, then the others, each in batch
    /// order; a host's reports together, oldest first.
    public var presentedReports: [Report]
    /// `presentedReports` host by host, in the same order: what a count of hosts counts.
    public var presentedHosts: [[Report]]
    public var verdict: FleetVerdict
    /// The trait analysis under the default criterion.
    public var correlation: Correlation
    /// Known issues matched on affected reports, on the most reports first.
    public var knownIssues: [KnownIssueMatch]
    /// Inputs that gave no report.
    public var problems: [InputProblem]
    /// Paths passed over while looking for reports (a dangling or looping link...), with why.
    public var skipped: [SkippedPath]
    /// Inputs found under the given paths.
    public var inputCount: Int

    public init(_ outcome: BatchOutcome) {
        let reports = outcome.reports
        self.reports = reports
        hosts = HostIdentity.group(reports)
        let affectedHosts = hosts.filter { $0.reports.contains { ZoneExhaustion.isAffected(reports[$0]) } }
        let unaffectedHosts = hosts.filter { !$0.reports.contains { ZoneExhaustion.isAffected(reports[$0]) } }
        presentedHosts = (affectedHosts + unaffectedHosts).map { $0.reports.map { reports[$0] } }
        presentedReports = presentedHosts.flatMap { $0 }
        verdict = FleetVerdict(outcome, hosts: hosts)
        correlation = Correlator.correlate(reports, hosts: hosts)
        problems = outcome.problems
        skipped = outcome.skipped
        inputCount = outcome.inputCount
        knownIssues = Self.knownIssues(affectedHosts.map { $0.reports.map { reports[$0] }.filter(ZoneExhaustion.isAffected) })
    }

    /// One entry per `known-issue.*` finding id over the affected reports of each affected host,
    /// with one report per host it is on; the entry keeps the first report's finding.
    static func knownIssues(_ affectedHosts: [[Report]]) -> [KnownIssueMatch] {
        var issues: [KnownIssueMatch] = []
        for host in affectedHosts {
            var seen = Set<String>()
            for report in host {
                for finding in report.findings where finding.id.hasPrefix("known-issue.") && seen.insert(finding.id).inserted {
                    if let index = issues.firstIndex(where: { $0.finding.id == finding.id }) {
                        issues[index].reports.append(report)
                    } else {
                        issues.append(KnownIssueMatch(finding: finding, reports: [report]))
                    }
                }
            }
        }
        return issues.sorted { $0.reports.count > $1.reports.count }
    }
}
