import SOSArchive

/// Reads inputs into ``ReportRecord`` values and hands them out in discovery order as they are
/// ready: what `sosanalyze inspect --format jsonl` writes, one line per report.
///
/// Every path yields at least one record: a report, or the one-line error of an input that gave
/// none (a damaged archive, an encrypted file, a path that does not exist). Paths discovery
/// refused come first, then each input's reports and problems, in the order `summarize` lists
/// them, so `summarize` of the lines is `summarize` of the inputs.
///
/// ```swift
/// await RecordStream.records(for: ["Samples/"], jobs: 2) { record in
///     if let line = try? RecordFile.line(record) { print(line, terminator: "") }
/// }
/// ```
///
/// The digest is a second pass over each file (``ContentDigest``), run on the same task right
/// after the report is read, so the file is still in the page cache.
public enum RecordStream {
    public static func records(
        for paths: [String], jobs: Int, options: ReadOptions = ReadOptions(),
        emit: (ReportRecord) -> Void
    ) async {
        let (inputs, refused) = InputDiscovery.discover(paths)
        for problem in refused {
            emit(ReportRecord(problem: problem, sha256: try? ContentDigest.sha256(ofInputAt: problem.path), input: nil))
        }
        let budget = CoreBudget(cores: max(1, jobs))
        budget.expect(jobs: inputs.count)
        await withTaskGroup(of: (Int, [ReportRecord]).self) { group in
            var next = 0
            var ready: [Int: [ReportRecord]] = [:]
            var written = 0
            func launch() {
                guard next < inputs.count else { return }
                let position = next
                let input = inputs[position]
                next += 1
                var inputOptions = options
                inputOptions.cores = budget
                group.addTask { (position, budget.occupying { Self.records(for: input, options: inputOptions) }) }
            }
            for _ in 0..<max(1, jobs) { launch() }
            for await (position, records) in group {
                ready[position] = records
                // Written in discovery order: at most `jobs` inputs wait here at once.
                while let records = ready.removeValue(forKey: written) {
                    records.forEach(emit)
                    written += 1
                }
                launch()
            }
        }
    }

    /// One input's records: its reports (a bundle's in name order), then its problems.
    public static func records(for input: DiscoveredInput, options: ReadOptions = ReadOptions()) -> [ReportRecord] {
        let outcome = ReportReader.read(input, options: options)
        let digest = try? ContentDigest.sha256(ofInputAt: input.path)
        return outcome.reports.map { ReportRecord(report: $0, sha256: digest, input: input.path) }
            + outcome.problems.map { ReportRecord(problem: $0, sha256: digest, input: input.path) }
    }
}
