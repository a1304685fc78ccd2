import SOSArchive

/// How reports are read.
public struct ReadOptions: Sendable {
    /// Caps on what one member may cost in memory.
    public var limits: ReadLimits

    public init(limits: ReadLimits = ReadLimits()) {
        self.limits = limits
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
