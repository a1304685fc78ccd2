/// The case summary's "Hosts with several reports": for each host seen more than once
/// (``HostIdentity``), its reports oldest first with what each shows, what changed between
/// them, and the free high-order blocks of each zone over time. A leak of high-order pages
/// shows as a count that falls from report to report.
///
/// For three reports of `db1` (Normal zone 7247, 320 then 4 free blocks of order ≥ 2) it ends
/// with "- Node 0 Normal, free blocks of order ≥ 2: 7247 → 320 → 4 (falling)".
enum HostTimelineMarkdown {
    static func section(_ timelines: [HostTimeline], summary: CaseSummary, names: HostNames) -> [String] {
        guard !timelines.isEmpty else { return [] }
        var bySource: [String: Report] = [:]
        for report in summary.reports { bySource[report.source.path] = report }
        var out = ["## Hosts with several reports", ""]
        for timeline in timelines {
            let reports = timeline.reports.compactMap { bySource[$0.source] }
            let name = reports.last.map { names.short($0) } ?? timeline.host
            out.append("**\(name)**: \(timeline.reports.count) reports, oldest first.")
            out.append("")
            var table = MarkdownTable(["Collected", "Affected", "OS", "Kernel", "Failures", "Kernel events", "Free ≥ 16 KiB, worst zone"],
                                      alignments: [.left, .left, .left, .left, .right, .left, .right])
            for point in timeline.reports {
                let events = point.kernelEvents.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                table.add([
                    point.collectedAt.flatMap(CollectionDate.sortKey) ?? point.collectedAt ?? "?",
                    point.affected ? "**yes**" : "no",
                    point.os ?? "?",
                    point.kernel ?? "?",
                    "\(point.allocationFailures)",
                    events.isEmpty ? "—" : events.joined(separator: ", "),
                    bySource[point.source].flatMap(MarkdownSummaryRenderer.worstHighOrderFree).map(ByteFormatter.human) ?? "?",
                ])
            }
            out.append(table.render())
            out.append("")
            for change in timeline.changes { out.append("- Change: \(change)") }
            for zone in timeline.highOrderTrend {
                let counts = zone.highOrderBlocks.map { $0.map(String.init) ?? "—" }.joined(separator: " → ")
                out.append("- Node \(zone.node) \(zone.zone), free blocks of order ≥ 2: \(counts) (\(zone.trend))")
            }
            if !timeline.changes.isEmpty || !timeline.highOrderTrend.isEmpty { out.append("") }
        }
        return out
    }
}
