import Foundation

/// The JSON document of `summarize --format json`: reports, correlation, problems.
public struct BatchDocument: Sendable, Codable {
    public var schemaVersion = Report.currentSchemaVersion
    public var reports: [Report]
    /// The trait analysis across hosts (`Correlator`, default criterion).
    public var correlation: Correlation
    /// One `{path, error}` per input that gave no report.
    public var problems: [InputProblem]
    /// One `{path, reason}` per path passed over while looking for reports; absent when none.
    public var skipped: [SkippedPath]?

    public init(_ outcome: BatchOutcome) {
        self.init(CaseSummary(outcome))
    }

    /// Formats a built summary: its reports in batch order, its correlation, its problems.
    public init(_ summary: CaseSummary) {
        reports = summary.reports
        correlation = summary.correlation
        problems = summary.problems
        skipped = summary.skipped.isEmpty ? nil : summary.skipped
    }
}
