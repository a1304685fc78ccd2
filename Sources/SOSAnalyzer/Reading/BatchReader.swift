import Foundation
import SOSArchive

/// What a batch of inputs yielded, in a stable order whatever the parallelism.
public struct BatchOutcome: Sendable {
    public var reports: [Report]
    /// Inputs (or archives inside bundles) that gave no report.
    public var problems: [InputProblem]
    /// Number of inputs found under the given paths.
    public var inputCount: Int
    /// Paths passed over while looking for inputs (dangling or looping links, a second link to
    /// one report, folders too deep), with the reason. They do not change the exit status.
    public var skipped: [SkippedPath] = []

    /// A batch read some other way (``ReportReader`` per input, say), for the renderers.
    public init(reports: [Report], problems: [InputProblem], inputCount: Int) {
        self.reports = reports
        self.problems = problems
        self.inputCount = inputCount
    }

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
        await read(paths: paths, jobs: jobs, options: options, measuredProgress: progress.map { report in
            { @Sendable (state: BatchProgress) in report(state.done, state.total) }
        })
    }

    /// As `read(paths:jobs:options:progress:)`, with the bytes of the inputs read so far (their
    /// size on disk) for a progress bar that shows a rate and the time left.
    public static func read(
        paths: [String], jobs: Int, options: ReadOptions = ReadOptions(),
        measuredProgress progress: (@Sendable (BatchProgress) -> Void)?
    ) async -> BatchOutcome {
        let discovery = InputDiscovery.discoverAll(paths)
        let (inputs, discoveryProblems) = (discovery.inputs, discovery.problems)
        let sizes = progress == nil ? inputs.map { _ in Int64(0) } : inputs.map { BatchProgress.sizeOnDisk($0.path) }
        let tracker = ProgressTracker(sizes: sizes)
        var slots = [InputOutcome?](repeating: nil, count: inputs.count)
        // Biggest first, so the jobs end together instead of one reading the last big archive
        // alone; results still keep discovery order.
        // (Folders count as 0: walking them just to order the jobs costs more than it saves.)
        let weights = jobs <= 1 ? [] : inputs.map { input -> Int64 in
            var info = stat()
            guard stat(input.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0 }
            return Int64(info.st_size)
        }
        let order = jobs <= 1 ? Array(inputs.indices) : inputs.indices.sorted { (weights[$0], -$0) > (weights[$1], -$1) }
        // `jobs` cores: one per archive being read, and a spare one lent to an archive read alone.
        let budget = CoreBudget(cores: max(1, jobs))
        budget.expect(jobs: inputs.count)
        await withTaskGroup(of: (Int, InputOutcome).self) { group in
            var next = 0
            func launch() {
                guard next < inputs.count else { return }
                let position = order[next]
                let input = inputs[position]
                next += 1
                var inputOptions = options
                inputOptions.cores = budget
                if let progress {
                    // Live bytes of the archives being read, so the bar moves inside a big one.
                    inputOptions.bytesRead = { bytes in progress(tracker.reading(position, bytes: bytes)) }
                }
                group.addTask { (position, budget.occupying { ReportReader.read(input, options: inputOptions) }) }
            }
            for _ in 0..<max(1, jobs) { launch() }
            for await (position, outcome) in group {
                slots[position] = outcome
                let state = tracker.finished(position)
                progress?(state)
                launch()
            }
        }
        var outcome = BatchOutcome(reports: [], problems: discoveryProblems, inputCount: inputs.count)
        outcome.skipped = discovery.skipped
        for slot in slots {
            outcome.reports += slot?.reports ?? []
            outcome.problems += slot?.problems ?? []
        }
        // Hosts in name order read best in a case; the path breaks ties (several reports of one host).
        outcome.reports.sort { ($0.hostname ?? "~", $0.source.path) < ($1.hostname ?? "~", $1.source.path) }
        return outcome
    }
}

/// How far a batch has come: inputs and their bytes on disk.
public struct BatchProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
    /// Size on disk of the inputs finished so far (compressed size for archives).
    public var bytesDone: Int64
    public var bytesTotal: Int64

    public init(done: Int, total: Int, bytesDone: Int64, bytesTotal: Int64) {
        self.done = done
        self.total = total
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
    }

    /// A file's size, or the sum of the regular files under a folder (links not followed).
    static func sizeOnDisk(_ path: String) -> Int64 {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return 0 }
        if !isDirectory.boolValue {
            return (try? manager.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        }
        var total: Int64 = 0
        let enumerator = manager.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]),
                  values.isRegularFile == true else { continue }
            total += Int64(values.fileSize ?? 0)
        }
        return total
    }
}

/// The shared tally behind `BatchProgress`: inputs done, and the bytes of those being read.
private final class ProgressTracker: @unchecked Sendable {
    private let lock = NSLock()
    private let sizes: [Int64]
    private let bytesTotal: Int64
    private var done = 0
    private var bytesFinished: Int64 = 0
    private var live: [Int: Int64] = [:]

    init(sizes: [Int64]) {
        self.sizes = sizes
        bytesTotal = sizes.reduce(0, +)
    }

    func reading(_ position: Int, bytes: Int64) -> BatchProgress {
        lock.lock()
        defer { lock.unlock() }
        // Never more than the input's size: a bundle's nested archives count their own bytes.
        live[position] = min(max(bytes, 0), sizes[position])
        return state()
    }

    func finished(_ position: Int) -> BatchProgress {
        lock.lock()
        defer { lock.unlock() }
        live[position] = nil
        done += 1
        bytesFinished += sizes[position]
        return state()
    }

    private func state() -> BatchProgress {
        BatchProgress(done: done, total: sizes.count, bytesDone: bytesFinished + live.values.reduce(0, +),
                      bytesTotal: bytesTotal)
    }
}
