/// When a buddyinfo zone counts as "high orders exhausted": the shape of a high-order page leak
/// (story.md), memory free only in small pieces.
///
/// A zone is exhausted when
/// - it is a `Normal` or `DMA32` zone (where network drivers allocate; `DMA` is 16 MB kept for
///   ancient devices and always looks fragmented),
/// - it holds at most `nearlyNone` free blocks of order 2 or more (16 KiB and up on 4 KiB pages),
/// - and still has at least `minimumSmallPages` free pages in orders 0 and 1: free memory is
///   there, only not contiguous. A zone with nothing free at all, or a tiny zone, is not this case.
///
/// Sample (Samples `dbnode01`, `proc/buddyinfo`):
/// `Node 0, zone    DMA32   3880   1198      2      0      0      0      0      0      0      0      0`
/// is exhausted (2 blocks of order >= 2, 6276 pages in orders 0-1), while `dbnode11`'s
/// `Node 0, zone    DMA32    417    623    452    199    151     73     15      8      7      6    417`
/// is not.
public enum HighOrderExhaustion {
    public static let zones: Set<String> = ["Normal", "DMA32"]
    /// The lowest order that counts as "high": order 2 (16 KiB) is what mlx4_en asked for.
    public static let lowestHighOrder = 2
    /// "All zero or nearly so": a handful of blocks is gone at the next packet burst.
    public static let nearlyNone = 8
    /// 1024 pages (4 MiB on 4 KiB pages).
    public static let minimumSmallPages = 1024

    public static func isExhausted(zone: String, freeBlocks: [Int]) -> Bool {
        guard zones.contains(zone), freeBlocks.count > lowestHighOrder else { return false }
        let highBlocks = freeBlocks[lowestHighOrder...].reduce(0) { $0 &+ max($1, 0) }
        let smallPages = freeBlocks[..<lowestHighOrder].enumerated().reduce(0) { $0 &+ max($1.element, 0) << $1.offset }
        return highBlocks <= nearlyNone && smallPages >= minimumSmallPages
    }

    /// The exhausted zones of a report, in buddyinfo order.
    public static func exhaustedZones(of report: Report) -> [BuddyInfoRecord] {
        report.buddyinfo.filter { isExhausted(zone: $0.zone, freeBlocks: $0.freeBlocks) }
    }

    /// Free blocks of order >= 2 in a zone: the number a timeline follows.
    public static func highOrderBlocks(_ freeBlocks: [Int]) -> Int {
        freeBlocks.count > lowestHighOrder ? freeBlocks[lowestHighOrder...].reduce(0) { $0 &+ max($1, 0) } : 0
    }
}
