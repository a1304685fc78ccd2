/// A report's kernel events and allocation failures as a timeline: one row per kind with its
/// first and last occurrence and how often it was logged, rows in time order.
///
/// "First" is the earliest wall clock where the logs give one, else the first as logged (the
/// ring buffer of the running boot has no dates); rows with a time come first, in time order,
/// then the others in the order of ``KernelEventKind`` (allocation failures first).
enum KernelTimelineBuilder {
    static let allocationFailureKind = "allocation-failure"

    static func build(_ report: Report) -> [KernelTimelineEntry] {
        let year = report.collectedAt.flatMap(KernelEventTime.year(inCollectionDate:))
        var rows: [(rank: Int, entry: KernelTimelineEntry)] = []
        let failures = report.allocationFailures.map { failure in
            Occurrence(point: KernelTimelinePoint(
                timestamp: failure.timestamp, time: time(failure.timestamp, member: failure.source.member, year: year, bootedAt: report.bootedAt),
                source: failure.source), count: 1, crash: failure.source.member.hasPrefix("var/crash/"))
        }
        if let entry = entry(Self.allocationFailureKind, failures) { rows.append((0, entry)) }
        for (rank, kind) in KernelEventKind.allCases.enumerated() {
            let occurrences = report.kernelEvents.filter { $0.kind == kind }.map { event in
                Occurrence(point: KernelTimelinePoint(timestamp: event.timestamp, time: event.time, source: event.source),
                           count: event.count, crash: event.crash)
            }
            if let entry = entry(kind.rawValue, occurrences) { rows.append((rank + 1, entry)) }
        }
        return rows.sorted { lhs, rhs in
            switch (lhs.entry.first.time, rhs.entry.first.time) {
            case let (left?, right?) where left != right: return left < right
            case (.some, nil): return true
            case (nil, .some): return false
            default: return lhs.rank < rhs.rank
            }
        }.map(\.entry)
    }

    /// A wall clock as logged, else seconds since boot in a log of the running boot, dated from the boot time.
    private static func time(_ stamp: String?, member: String, year: (year: Int, month: Int?)?, bootedAt: String?) -> String? {
        guard let stamp else { return nil }
        if let time = KernelEventTime.iso8601(stamp, collectionYear: year) { return time }
        guard let bootedAt, BootClock.isRunningBootLog(member) else { return nil }
        return BootClock.iso8601(afterBoot: stamp, bootedAt: bootedAt)
    }

    private struct Occurrence {
        var point: KernelTimelinePoint
        var count: Int
        var crash: Bool
    }

    private static func entry(_ kind: String, _ occurrences: [Occurrence]) -> KernelTimelineEntry? {
        guard let logged = occurrences.first, let lastLogged = occurrences.last else { return nil }
        let timed = occurrences.filter { $0.point.time != nil }
        let first = timed.min { ($0.point.time ?? "") < ($1.point.time ?? "") } ?? logged
        let last = timed.max { ($0.point.time ?? "") < ($1.point.time ?? "") } ?? lastLogged
        return KernelTimelineEntry(kind: kind, count: occurrences.reduce(0) { $0 + $1.count },
                                   first: first.point, last: last.point, crash: occurrences.contains(where: \.crash))
    }
}
