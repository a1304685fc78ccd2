/// One kind of trouble in a report's kernel logs, from its first occurrence to its last: a row
/// of the host's timeline (`kernelTimeline[]`).
///
/// For the NIC of `Fixtures/events/link-down-e1000e-flap.txt`, five `NIC Link is Down` lines
/// make one row: kind `link-down`, count 5, first at line 1, last (the same event) at line 1.
public struct KernelTimelineEntry: Sendable, Codable, Equatable {
    /// A ``KernelEventKind`` name, or `allocation-failure` for `allocationFailures[]`.
    public var kind: String
    /// Times logged, over every event of the kind (each event's `count`).
    public var count: Int
    public var first: KernelTimelinePoint
    public var last: KernelTimelinePoint
    /// True when one of them was in the log of a crash (`var/crash/*/vmcore-dmesg.txt`).
    public var crash: Bool

    public init(kind: String, count: Int, first: KernelTimelinePoint, last: KernelTimelinePoint, crash: Bool) {
        self.kind = kind
        self.count = count
        self.first = first
        self.last = last
        self.crash = crash
    }
}

/// When and where one occurrence was logged.
public struct KernelTimelinePoint: Sendable, Codable, Equatable {
    /// The stamp as logged.
    @Nullable public var timestamp: String?
    /// ISO 8601 wall clock without zone, when the log allows (as `kernelEvents[].time`).
    @Nullable public var time: String?
    public var source: Evidence

    public init(timestamp: String?, time: String?, source: Evidence) {
        self.timestamp = timestamp
        self.time = time
        self.source = source
    }
}
