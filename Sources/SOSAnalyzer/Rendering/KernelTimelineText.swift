/// The `inspect` text of a report's kernel timeline (``Report/kernelTimeline``): one line per
/// kind with its count, first and last occurrence, and where the first was logged.
enum KernelTimelineText {
    static func section(_ report: Report) -> [String] {
        guard !report.kernelTimeline.isEmpty else { return [] }
        var table = TextTable()
        table.add(["kind", "count", "first", "last", "first at"])
        for row in report.kernelTimeline {
            let first = when(row.first) + (row.crash ? " (crash)" : "")
            table.add([row.kind, "\(row.count)", first, row.last == row.first ? "—" : when(row.last), row.first.source.description])
        }
        return ["", "What the kernel logged", table.render()]
    }

    private static func when(_ point: KernelTimelinePoint) -> String {
        point.time ?? point.timestamp ?? "—"
    }
}
