/// What one buddyinfo zone means in bytes, and how fragmented it is per order.
///
/// The indices follow the kernel's debugfs `extfrag/unusable_index` and `extfrag/extfrag_index`
/// (`mm/vmstat.c`, identical in RHEL 6, 7 and 8), computed in the same integer ×1000 arithmetic
/// and then divided by 1000, so they match what `cat` on a live host would have shown.
///
/// Sample (corpus `buddyinfo-09.txt`, an x86_64 VM):
/// `Node 0, zone      DMA      1      0      0      1      2      1      1      0      1      1      3`
/// gives freeBytes 16,289,792 (15.5 MiB), highestOrderWithFreeBlock 10, unusableIndex[10] 0.227
/// (23% of the free memory sits in blocks smaller than 4 MiB) and fragmentationIndex[10] -1
/// (an order-10 request would succeed).
public struct BuddyZoneAnalysis: Sendable, Codable, Equatable {
    public var node: Int
    public var zone: String
    /// Free bytes held in blocks of each order (count × page size × 2^order).
    public var freeBytesPerOrder: [Int64]
    /// Size of one block of each order.
    public var blockSizeBytes: [Int64]
    public var freeBytes: Int64
    /// Index = order: free bytes usable by a request of that order (blocks of that order or larger).
    public var freeBytesAtOrAbove: [Int64]
    /// Per order, 0...1: share of free memory in blocks too small for that order
    /// (kernel's unusable_free_space_index / 1000). 1 when the zone has no free page.
    public var unusableIndex: [Double]
    /// Per order: -1 means "would succeed" (a block of that order or larger is free); towards 0 a
    /// failure would come from lack of memory, towards 1 from fragmentation; nil when no free blocks.
    public var fragmentationIndex: [Double?]
    /// nil when every count is 0.
    public var highestOrderWithFreeBlock: Int?

    public init(_ zone: BuddyInfoRecord, pageSizeBytes: Int64 = 4096) {
        node = zone.node
        self.zone = zone.zone
        let counts = zone.freeBlocks.map { Int64(max($0, 0)) }
        let orders = counts.indices
        let blockSizes = orders.map { saturatingMultiply(pageSizeBytes, power2($0)) }
        let perOrder = orders.map { saturatingMultiply(counts[$0], blockSizes[$0]) }
        blockSizeBytes = blockSizes
        freeBytesPerOrder = perOrder
        freeBytes = perOrder.reduce(0, saturatingAdd)
        freeBytesAtOrAbove = orders.map { order in perOrder[order...].reduce(0, saturatingAdd) }
        highestOrderWithFreeBlock = counts.lastIndex(where: { $0 > 0 })

        let freePages = orders.reduce(Int64(0)) { saturatingAdd($0, saturatingMultiply(counts[$1], power2($1))) }
        let freeBlocksTotal = counts.reduce(0, saturatingAdd)
        var unusable: [Double] = []
        var fragmentation: [Double?] = []
        for order in orders {
            let suitable = orders.filter { $0 >= order }
                .reduce(Int64(0)) { saturatingAdd($0, saturatingMultiply(counts[$1], power2($1 - order))) }
            if freePages == 0 {
                unusable.append(1)
            } else {
                let unusablePages = freePages - saturatingMultiply(suitable, power2(order))
                unusable.append(Double(saturatingMultiply(unusablePages, 1000) / freePages) / 1000)
            }
            if freeBlocksTotal == 0 {
                fragmentation.append(nil)
            } else if suitable > 0 {
                fragmentation.append(-1)
            } else {
                let scaled = saturatingMultiply(freePages, 1000) / power2(order)
                fragmentation.append(Double(1000 - saturatingAdd(1000, scaled) / freeBlocksTotal) / 1000)
            }
        }
        unusableIndex = unusable
        fragmentationIndex = fragmentation
    }
}

private func power2(_ exponent: Int) -> Int64 {
    exponent >= 62 ? Int64.max : Int64(1) << Int64(exponent)
}

/// Counts come from a file; a corrupt one must not trap.
private func saturatingMultiply(_ a: Int64, _ b: Int64) -> Int64 {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int64.max : product
}

private func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int64.max : sum
}
