import SOSArchive

/// What a batch of inputs yielded, in a stable order whatever the parallelism.
public struct BatchOutcome: Sendable {
    public var reports: [Report]
    /// Inputs (or archives inside bundles) that gave no report.
    public var problems: [InputProblem]
    /// Number of inputs found under the given paths.
    public var inputCount: Int

    /// 0: every input was read whole; 2: something could not be read (an input, or part of a
    /// report); 1: nothing usable at all.
    public var exitStatus: Int32 {
        if reports.isEmpty { return 1 }
        let damaged = reports.contains { report in
            report.problems.contains { $0.message.hasPrefix("archive is damaged") }
        }
        return problems.isEmpty && !damaged ? 0 : 2
    }
}

/// Reads many inputs, several at once, into one `BatchOutcome`.
public enum BatchReader {
    /// Discovers the inputs under `paths` and reads them with at most `jobs` archives open at once.
    /// Results keep the discovery order (paths as given, folders sorted), so output is the same
    /// byte for byte whatever `jobs` is. `progress` is called after each input, from any thread.
    public static func read(
        paths: [String], jobs: Int, options: ReadOptions = ReadOptions(),
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async -> BatchOutcome {
        let (inputs, discoveryProblems) = InputDiscovery.discover(paths)
        var slots = [InputOutcome?](repeating: nil, count: inputs.count)
        await withTaskGroup(of: (Int, InputOutcome).self) { group in
            var next = 0
            var done = 0
            func launch() {
                guard next < inputs.count else { return }
                let position = next
                let input = inputs[position]
                next += 1
                group.addTask { (position, ReportReader.read(input, options: options)) }
            }
            for _ in 0..<max(1, jobs) { launch() }
            for await (position, outcome) in group {
                slots[position] = outcome
                done += 1
                progress?(done, inputs.count)
                launch()
            }
        }
        var outcome = BatchOutcome(reports: [], problems: discoveryProblems, inputCount: inputs.count)
        for slot in slots {
            outcome.reports += slot?.reports ?? []
            outcome.problems += slot?.problems ?? []
        }
        // Hosts in name order read best in a case; the path breaks ties (several reports of one host).
        outcome.reports.sort { ($0.hostname ?? "~", $0.source.path) < ($1.hostname ?? "~", $1.source.path) }
        return outcome
    }
}
