/// Which orders of a buddyinfo zone are exhausted: so few free blocks of that size or larger
/// that a burst of atomic allocations of that order fails. The case summary's simple rule,
/// for marking table cells and for its default "affected" criterion.
///
/// Rule: order *k* is exhausted when fewer than `blockThreshold` (8) free blocks of order *k* or
/// larger remain. The `DMA` zone (the first 16 MB, kept for ISA devices) is never graded: it is
/// always nearly empty and no driver of interest allocates from it.
///
/// Sample (`Samples/` dbnode01, `proc/buddyinfo` line 3):
/// `Node 0, zone   Normal  11569   3469      3      0 ...` gives exhausted orders 2...10 (3
/// blocks of order 2 or larger), while `Node 0, zone DMA32 417 623 452 199 ...` on dbnode11
/// gives none.
public enum ZoneExhaustion {
    public static let blockThreshold = 8
    /// Orders from this one up count as "high" (16 kB blocks and larger with 4 kB pages).
    public static let highOrder = 2

    /// The exhausted orders of one zone, ascending; empty for `DMA` and for healthy zones.
    public static func exhaustedOrders(_ zone: BuddyInfoRecord) -> [Int] {
        guard zone.zone != "DMA" else { return [] }
        var atOrAbove = 0
        var result: [Int] = []
        for order in zone.freeBlocks.indices.reversed() {
            let (sum, overflow) = atOrAbove.addingReportingOverflow(max(zone.freeBlocks[order], 0))
            atOrAbove = overflow ? Int.max : sum
            if atOrAbove < blockThreshold { result.append(order) }
        }
        return result.reversed()
    }

    /// Zones whose orders from `highOrder` up are exhausted.
    public static func exhaustedZones(_ report: Report) -> [BuddyInfoRecord] {
        report.buddyinfo.filter { exhaustedOrders($0).contains(highOrder) }
    }

    /// The default "affected" criterion of the summary: allocation failures in the logs, or a
    /// zone exhausted from order 2 up.
    public static func isAffected(_ report: Report) -> Bool {
        !report.allocationFailures.isEmpty || !exhaustedZones(report).isEmpty
    }

    /// The per-order analysis of a report's zone (free bytes, indices), with 4 kB pages.
    public static func analysis(_ zone: BuddyInfoRecord) -> BuddyZoneAnalysis {
        BuddyZoneAnalysis(BuddyInfoZone(node: zone.node, zone: zone.zone, freeBlocks: zone.freeBlocks,
                                        line: zone.source.line ?? 0))
    }
}
