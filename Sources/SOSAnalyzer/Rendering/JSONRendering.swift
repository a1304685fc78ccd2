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
        reports = outcome.reports
        correlation = Correlator.correlate(outcome.reports)
        problems = outcome.problems
        skipped = outcome.skipped.isEmpty ? nil : outcome.skipped
    }
}

/// Stable JSON: sorted keys, two-space indent, slashes unescaped (paths stay readable).
public enum JSONRendering {
    public static func render<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
