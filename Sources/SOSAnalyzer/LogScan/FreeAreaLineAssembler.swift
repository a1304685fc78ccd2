/// Puts the free-area lines of a Mem-Info dump (`show_free_areas`) back together from the
/// tokens of the log lines they were printed on: `pr_cont` pieces may arrive one per line, and
/// `Node 0` may stand on the line before its zone.
///
/// Real lines (corpus `allocfail-up6.x-04-meminfo-fragment.txt`):
/// ```
/// Node 0 DMA32: 531*4kB (UME) 642*8kB (UME) 3751*16kB (UME) 306*32kB (UME) 0*64kB ... = 77068kB
/// ```
/// give one area, node 0 `DMA32`, counts `[531, 642, 3751, 306, 0, ...]`, total 77068 kB, once
/// the `= 77068kB` token is fed, whether it came on that line or on a later one.
struct FreeAreaLineAssembler: Sendable {
    private struct Building: Sendable {
        var node: Int?
        var zone: String
        var counts: [Int] = []
        var line: Int
        var awaitingTotal = false
    }

    private var building: Building?
    private var pendingNode: Int?

    /// True when no line is half read: nothing would be lost by skipping a line.
    var isIdle: Bool { building == nil && pendingNode == nil }

    /// Feeds one line's tokens (`line` numbers a zone that starts on it); returns the areas that
    /// this line completed.
    mutating func feed(_ tokens: [AllocationReportLine.FreeAreaToken], line: Int) -> [MemInfoZoneFreeArea] {
        var completed: [MemInfoZoneFreeArea] = []
        var sawNode = false
        for token in tokens {
            switch token {
            case .node:
                dropUnfinished()
                sawNode = true
            case .number(let n):
                if sawNode { pendingNode = n; sawNode = false }
            case .zone(let zone):
                dropUnfinished()
                building = Building(node: pendingNode, zone: zone, line: line)
                pendingNode = nil
            case .blocks(let count, _):
                if building?.awaitingTotal == false { building?.counts.append(count) }
            case .typeLetters:
                break
            case .equals:
                building?.awaitingTotal = true
            case .total(let total):
                if let area = building, area.awaitingTotal, !area.counts.isEmpty {
                    completed.append(MemInfoZoneFreeArea(node: area.node, zone: area.zone, counts: area.counts,
                                                         totalKiB: total, line: area.line))
                }
                building = nil
            case .empty:
                building = nil
            }
        }
        return completed
    }

    /// An unfinished line (no "= NkB" seen) is dropped: its counts may be incomplete.
    mutating func dropUnfinished() {
        building = nil
    }
}
