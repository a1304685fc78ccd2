/// The summary's view of high-order exhaustion, read from the report's own grade
/// (``HighOrderExhaustion``), so the summary, the correlator and the findings agree on which
/// hosts are affected and which orders are gone.
///
/// Sample (`Samples/` dbnode01, `proc/buddyinfo` line 3):
/// `Node 0, zone   Normal  11569   3469      3      0 ...` is graded exhausted from order 2
/// (the kernel's watermark check for an atomic order-2 request fails), so orders 2...10 are
/// marked; dbnode11's `Node 0, zone DMA32 417 623 452 199 ...` is healthy and gets no mark.
public enum ZoneExhaustion {
    /// Orders from this one up count as "high" (16 KiB blocks and larger with 4 KiB pages).
    public static let highOrder = 2

    /// The report's grade: the one stored by the reader, or computed now for a hand-built report.
    public static func grade(_ report: Report) -> HighOrderExhaustion {
        report.highOrderExhaustion ?? HighOrderExhaustion.grade(report)
    }

    /// The exhausted orders of one buddyinfo zone of `report`, ascending; empty for healthy zones.
    public static func exhaustedOrders(_ zone: BuddyInfoRecord, in report: Report) -> [Int] {
        guard let analysed = report.analyzedBuddyZones.first(where: { $0.node == zone.node && $0.zone == zone.zone }) else { return [] }
        return grade(report).exhaustedOrders(of: analysed)
    }

    /// Zones graded exhausted at a high order.
    public static func exhaustedZones(_ report: Report) -> [HighOrderExhaustion.Zone] {
        grade(report).exhaustedZones
    }

    /// The default "affected" criterion, the correlator's own (``AffectedCriterion/symptoms``):
    /// page allocation failures in the logs, or high orders exhausted.
    public static func isAffected(_ report: Report) -> Bool {
        !AffectedCriterion.symptoms.reasons(for: report).isEmpty
    }
}
