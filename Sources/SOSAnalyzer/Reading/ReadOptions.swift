import SOSArchive

/// How reports are read.
public struct ReadOptions: Sendable {
    /// Caps on what one member may cost in memory.
    public var limits: ReadLimits
    /// Called after each member with the bytes of the input consumed so far (compressed bytes
    /// for archives), for a progress bar; from the reading thread.
    public var bytesRead: (@Sendable (Int64) -> Void)?
    /// Known-issue rules evaluated on every report (their log patterns are looked for while logs stream).
    public var knownIssues: KnownIssueBook
    /// The cores the reading may keep busy (a batch sets its own budget of `jobs` cores).
    public var cores: CoreBudget = .shared

    public init(
        limits: ReadLimits = ReadLimits(), knownIssues: KnownIssueBook = .bundled,
        bytesRead: (@Sendable (Int64) -> Void)? = nil
    ) {
        self.limits = limits
        self.knownIssues = knownIssues
        self.bytesRead = bytesRead
    }
}

/// What one input yielded: a report, several (a `sos collect` bundle), or problems.
public struct InputOutcome: Sendable {
    public var reports: [Report] = []
    /// Inputs, or archives inside a bundle, that gave no report, each with the reason.
    public var problems: [InputProblem] = []

    public init(reports: [Report] = [], problems: [InputProblem] = []) {
        self.reports = reports
        self.problems = problems
    }
}

extension InputOutcome {
    /// Reports of a bundle in the order of their names, not of the bundle's members, so that
    /// a summary lists node1 before node2 however the bundle was packed.
    func sortedByPath() -> InputOutcome {
        InputOutcome(reports: reports.sorted { $0.source.path < $1.source.path },
                     problems: problems.sorted { $0.path < $1.path })
    }
}
