/// The Markdown of kernel events: a line in the verdict naming the batch's main symptoms, a fleet
/// table of each kind's first occurrence per host, and per host "What the kernel logged". Nothing
/// when no host logged an event, so batches without events read as before.
enum KernelEventsMarkdown {
    /// Kinds by how many hosts logged them, most first: "oom-kill on 3 of 5 hosts, soft-lockup on 1".
    /// - Parameter hosts: the reports of each host; a host counts once, whichever of its reports logged it.
    static func verdictLine(_ hosts: [[Report]]) -> String? {
        let kinds = hostsPerKind(hosts)
        guard !kinds.isEmpty else { return nil }
        let parts = kinds.map { kind, count in "`\(kind.rawValue)` on \(count) of \(hosts.count) host\(hosts.count == 1 ? "" : "s")" }
        return "- **Kernel events:** " + parts.joined(separator: ", ") + "."
    }

    /// Per kind, the hosts (each given by its reports) that logged it.
    static func hostsPerKind(_ hostReports: [[Report]]) -> [(kind: KernelEventKind, hosts: Int)] {
        var hosts: [KernelEventKind: Int] = [:]
        for reports in hostReports {
            for kind in Set(reports.flatMap { $0.kernelEvents.map(\.kind) }) { hosts[kind, default: 0] += 1 }
        }
        return hosts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    static func fleetSection(_ reports: [Report], names: HostNames) -> [String] {
        let kinds = hostsPerKind(reports.map { [$0] }).map(\.kind)
        guard !kinds.isEmpty else { return [] }
        var table = MarkdownTable(["Host"] + kinds.map(\.rawValue))
        for report in reports {
            table.add([names.row(report)] + kinds.map { kind in
                report.kernelEvents.first { $0.kind == kind }.map(when) ?? "–"
            })
        }
        return ["## Kernel events by host", "", "First occurrence of each kind per host.", "", table.render(), ""]
    }

    /// The report's timeline (``Report/kernelTimeline``): one row per kind, first and last
    /// occurrence, count, and the evidence of the first.
    static func hostSection(_ report: Report) -> [String] {
        guard !report.kernelTimeline.isEmpty else { return [] }
        var table = MarkdownTable(["Kind", "First", "Last", "Count", "Evidence"], alignments: [.left, .left, .left, .right, .left])
        for row in report.kernelTimeline {
            let last = row.last == row.first ? "" : when(row.last)
            table.add([row.kind, when(row.first) + (row.crash ? " (crash)" : ""), last, "\(row.count)",
                       evidence(of: row, in: report)])
        }
        var out = ["#### What the kernel logged", "", table.render(), ""]
        let causes = report.kernelEvents.compactMap { event in event.memoryCause.map { (event, $0) } }
        for (event, cause) in causes.prefix(5) {
            out.append("- `\(event.kind.rawValue)` at `\(event.source)`: \(cause.explanation)")
        }
        if !causes.isEmpty { out.append("") }
        return out
    }

    private static func when(_ point: KernelTimelinePoint) -> String {
        point.time ?? point.timestamp ?? "–"
    }

    private static func evidence(of row: KernelTimelineEntry, in report: Report) -> String {
        if row.kind == KernelTimelineBuilder.allocationFailureKind,
           let failure = report.allocationFailures.first(where: { $0.source == row.first.source }) {
            return "`\(failure.source)` \(failure.process), order \(failure.order)"
        }
        if let event = report.kernelEvents.first(where: { $0.source == row.first.source && $0.kind.rawValue == row.kind }) {
            return evidence(event)
        }
        return "`\(row.first.source)`"
    }

    private static func when(_ event: KernelEvent) -> String {
        (event.time ?? event.timestamp ?? "–") + (event.crash ? " (crash)" : "")
    }

    /// `var/log/messages:812` with what it names: "java (pid 4242), module e1000e, eth0".
    private static func evidence(_ event: KernelEvent) -> String {
        var parts: [String] = []
        if let process = event.process { parts.append(process + (event.pid.map { " (pid \($0))" } ?? "")) }
        if let trigger = event.oom?.trigger { parts.append("invoked by \(trigger)") }
        if let constraint = event.oom?.constraint, constraint != "CONSTRAINT_NONE" { parts.append(constraint) }
        if let module = event.module { parts.append("module \(module)") }
        if let interface = event.interface { parts.append(interface) }
        if let device = event.device { parts.append(device) }
        let what = parts.isEmpty ? String(event.message.prefix(80)) : parts.joined(separator: ", ")
        return "`\(event.source)` \(what)"
    }
}
