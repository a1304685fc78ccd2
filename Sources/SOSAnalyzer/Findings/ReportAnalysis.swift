/// The analysis stage: what an assembled report's facts mean, computed once and stored in the
/// report, so renderers, the correlator and library callers read one answer.
///
/// It runs after assembly, on facts only: the per-zone buddy analysis, the high-order grade, the kernel timeline,
/// the host findings, the known issues and the tuning advice built from them.
public enum ReportAnalysis {
    /// Fills `buddyAnalysis`, `highOrderExhaustion`, `kernelTimeline`, `tuning` and `findings` of `report`.
    public static func analyze(_ report: inout Report, knownIssues: KnownIssueBook = .bundled) {
        analyzeMemory(&report)
        report.kernelTimeline = KernelTimelineBuilder.build(report)
        let host = HostFindings.evaluate(report) + NetworkFindings.evaluate(report)
        let known = knownIssues.evaluate(report)
        report.tuning = TuningAdvice.advise(report, knownIssues: known)
        report.findings = MemoryFindings.combine(report, host: host, knownIssues: known)
    }

    /// Fills `buddyAnalysis` (each buddyinfo zone's numbers, computed here only) and
    /// `highOrderExhaustion` (graded from them); the rest of the analysis reads both.
    public static func analyzeMemory(_ report: inout Report) {
        report.buddyAnalysis = report.buddyinfo.map { BuddyZoneRecord($0) }
        report.highOrderExhaustion = report.buddyinfo.isEmpty ? nil : HighOrderExhaustion.grade(report)
    }
}
