import SOSArchive

/// The inputs of `summarize` and `correlate`: archives and folders (read as ``BatchReader``
/// reads them) mixed with record files (``RecordFile``: JSON Lines from `inspect --format jsonl`,
/// `.json` from `inspect --format json` or `summarize --format json`), which are decoded, not
/// read again.
///
/// ```
/// sosanalyze inspect --format jsonl Samples/ > samples.jsonl
/// sosanalyze summarize samples.jsonl           # byte for byte `summarize Samples/`
/// sosanalyze summarize samples.jsonl new-report.tar.xz
/// ```
///
/// The outcome is the one the archives would give: reports in host-name order (the path breaks
/// ties), the problem lines as problems, and as many inputs counted as the lines name. Problems
/// of archives come first, then those of record files in file order.
public enum ReportInputs {
    /// - Parameter reanalyze: run the analysis stage (``ReportAnalysis``) again on stored reports,
    ///   with `options.knownIssues` (for `--rules`). Rules that look for log lines see only the
    ///   lines stored with the report (those the rules of the first read asked for).
    /// - Parameter trimStored: keep of each report of a JSON Lines file only what a case summary
    ///   reads (``Report/trimmedForSummary(storedAt:)``), so 10,000 stored reports fit in memory;
    ///   ``whole(_:options:reanalyze:)`` reads one again whole (for the JSON document).
    public static func read(
        paths: [String], jobs: Int, options: ReadOptions = ReadOptions(), reanalyze: Bool = false,
        trimStored: Bool = false,
        measuredProgress progress: (@Sendable (BatchProgress) -> Void)? = nil
    ) async -> BatchOutcome {
        let recordFiles = paths.filter(RecordFile.isRecordFile)
        let archives = paths.filter { !RecordFile.isRecordFile($0) }
        var outcome = archives.isEmpty
            ? BatchOutcome(reports: [], problems: [], inputCount: 0)
            : await BatchReader.read(paths: archives, jobs: jobs, options: options, measuredProgress: progress)
        guard !recordFiles.isEmpty else { return outcome }
        for path in recordFiles {
            var inputs = Set<String>()
            do {
                try RecordFile.forEachRecord(in: path) { record, location in
                    if let input = record.input { inputs.insert(input) }
                    switch record.content {
                    case .report(var report):
                        if reanalyze { ReportAnalysis.analyze(&report, knownIssues: options.knownIssues) }
                        if trimStored, let location { report = report.trimmedForSummary(storedAt: location) }
                        outcome.reports.append(report)
                    case .problem(let problem):
                        outcome.problems.append(problem)
                    }
                }
            } catch {
                outcome.problems.append(InputProblem(path: path, error: error.description))
            }
            outcome.inputCount += inputs.count
        }
        outcome.reports.sort(by: precedes)
        return outcome
    }

    /// Batch order: by host name (reports without one last), then path.
    public static func precedes(_ lhs: Report, _ rhs: Report) -> Bool {
        (lhs.hostname ?? "~", lhs.source.path) < (rhs.hostname ?? "~", rhs.source.path)
    }

    /// The report whole: itself, or for one that `read(..., trimStored: true)` kept in part,
    /// its record read again (and analyzed again, as `read` did, when `reanalyze`).
    public static func whole(
        _ report: Report, options: ReadOptions = ReadOptions(), reanalyze: Bool = false
    ) throws(RecordFileError) -> Report {
        guard let location = report.storedAt else { return report }
        guard var whole = try RecordFile.record(at: location).report else {
            throw RecordFileError(path: location.path, line: location.line, message: "changed while read (no report there now)")
        }
        if reanalyze { ReportAnalysis.analyze(&whole, knownIssues: options.knownIssues) }
        return whole
    }
}
