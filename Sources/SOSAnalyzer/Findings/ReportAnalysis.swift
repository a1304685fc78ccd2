/// The analysis stage: what an assembled report's facts mean, computed once and stored in the
/// report, so renderers, the correlator and library callers read one answer.
///
/// It runs after assembly, on facts only: the per-zone buddy analysis, the high-order grade, the kernel timeline,
/// the host findings, the known issues and the tuning advice built from them.
public enum ReportAnalysis {
    /// Fills `buddyAnalysis`, `highOrderExhaustion`, `kernelTimeline`, `tuning` and `findings` of `report`.
    public static func analyze(_ report: inout Report, knownIssues: KnownIssueBook = .bundled) {
        report.buddyAnalysis = report.buddyinfo.map { BuddyZoneRecord($0) }
        if !report.buddyinfo.isEmpty { report.highOrderExhaustion = HighOrderExhaustion.grade(report) }
        report.kernelTimeline = KernelTimelineBuilder.build(report)
        let host = HostFindings.evaluate(report)
        let known = knownIssues.evaluate(report)
        report.tuning = TuningAdvice.advise(report, knownIssues: known)
        report.findings = MemoryFindings.combine(report, host: host, knownIssues: known)
    }
}
