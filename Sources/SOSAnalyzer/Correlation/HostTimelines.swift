/// Several reports of one host (``HostIdentity``, different collection dates) read as a timeline:
/// what changed between them (release, kernel, modules) and where the free high-order blocks of
/// each zone went. A leak of high-order pages shows as a count that falls from report to report
/// on an unchanged kernel.
enum HostTimelines {
    static func build(_ reports: [Report], groups: [HostGroup]) -> [HostTimeline] {
        groups.compactMap { group -> (String, HostTimeline)? in
            let series = group.reports.map { reports[$0] }
            let dates = Set(series.map { CollectionDate.sortKey($0.collectedAt) ?? $0.collectedAt ?? $0.source.path })
            guard series.count > 1, dates.count > 1 else { return nil }
            let host = group.hostname ?? series[0].source.path
            return (host, HostTimeline(
                host: host,
                reports: series.map { report in
                    var point = TimelinePoint(source: report.source.path, collectedAt: report.collectedAt,
                                              kernel: report.kernel?.release, os: report.os?.displayName)
                    point.affected = !AffectedCriterion.symptoms.reasons(for: report).isEmpty
                    point.allocationFailures = report.allocationFailures.count
                    for event in report.kernelEvents { point.kernelEvents[event.kind.rawValue, default: 0] += event.count }
                    return point
                },
                changes: changes(series),
                highOrderTrend: trends(series)))
        }
        .sorted { $0.0 < $1.0 }.map(\.1)
    }

    static func changes(_ series: [Report]) -> [String] {
        var changes: [String] = []
        for (before, after) in zip(series, series.dropFirst()) {
            let when = after.collectedAt ?? after.source.path
            let oldOS = before.os?.displayName, newOS = after.os?.displayName
            if oldOS != newOS {
                changes.append("\(when): release \(oldOS ?? "unknown") -> \(newOS ?? "unknown")")
            }
            let oldKernel = before.kernel?.release, newKernel = after.kernel?.release
            if oldKernel != newKernel {
                changes.append("\(when): kernel \(oldKernel ?? "unknown") -> \(newKernel ?? "unknown")")
            }
            let oldModules = Set(before.modules.map(\.name)), newModules = Set(after.modules.map(\.name))
            let loaded = newModules.subtracting(oldModules).sorted(), unloaded = oldModules.subtracting(newModules).sorted()
            if !loaded.isEmpty { changes.append("\(when): modules loaded: \(loaded.joined(separator: ", "))") }
            if !unloaded.isEmpty { changes.append("\(when): modules gone: \(unloaded.joined(separator: ", "))") }
        }
        return changes
    }

    /// The zones network drivers allocate from; DMA (16 MB for ancient devices) always looks fragmented.
    static let trendZones: Set<String> = ["Normal", "DMA32"]

    /// Free blocks of order 2 (16 kB) or more in a zone: the number a leak of high-order pages wears down.
    static func highOrderBlocks(_ freeBlocks: [Int]) -> Int {
        freeBlocks.count > ZoneExhaustion.highOrder
            ? freeBlocks[ZoneExhaustion.highOrder...].reduce(0) { $0 &+ max($1, 0) } : 0
    }

    static func trends(_ series: [Report]) -> [ZoneTrend] {
        var zones: [(node: Int, zone: String)] = []
        for report in series {
            for row in report.buddyinfo where Self.trendZones.contains(row.zone) {
                if !zones.contains(where: { $0 == (row.node, row.zone) }) { zones.append((row.node, row.zone)) }
            }
        }
        zones.sort { ($0.node, $0.zone) < ($1.node, $1.zone) }
        return zones.map { node, zone in
            let counts = series.map { report in
                report.buddyinfo.first { $0.node == node && $0.zone == zone }
                    .map { Self.highOrderBlocks($0.freeBlocks) }
            }
            return ZoneTrend(node: node, zone: zone, highOrderBlocks: counts, trend: trend(counts.compactMap { $0 }))
        }
    }

    /// "falling" / "rising" when every step goes one way (or stays), "steady" when nothing moves.
    static func trend(_ counts: [Int]) -> String {
        guard let first = counts.first, let last = counts.last, counts.count > 1 else { return "steady" }
        let steps = zip(counts, counts.dropFirst())
        if steps.allSatisfy({ $0 == $1 }) { return "steady" }
        if steps.allSatisfy({ $1 <= $0 }) && last < first { return "falling" }
        if steps.allSatisfy({ $1 >= $0 }) && last > first { return "rising" }
        return "mixed"
    }
}

/// A sortable "YYYY-MM-DD HH:MM:SS" from what `date` or `timedatectl` printed in a report:
/// `Tue May 14 09:12:03 CEST 2013` (sos 2.2/3.x `date`) or
/// `Local time: Tue 2024-11-05 16:40:12 UTC` (sos 4.2+ `timedatectl`). The zone is ignored:
/// reports of one host are compared, and a host keeps its zone.
enum CollectionDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func sortKey(_ text: String?) -> String? {
        guard let text else { return nil }
        var year: Int?, month: Int?, day: Int?, time: String?
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
            let parts = token.split(separator: "-")
            if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), y > 1900 {
                (year, month, day) = (y, m, d)
            } else if token.count == 8, token.split(separator: ":").count == 3,
                      token.split(separator: ":").allSatisfy({ Int($0) != nil }) {
                time = String(token)
            } else if let index = months.firstIndex(of: token.prefix(3).lowercased()), token.count <= 9, month == nil {
                month = index + 1
            } else if let number = Int(token) {
                if number > 1900 { year = number } else if (1...31).contains(number), day == nil { day = number }
            }
        }
        guard let year, let month, let day else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day)) \(time ?? "00:00:00")"
    }
}
