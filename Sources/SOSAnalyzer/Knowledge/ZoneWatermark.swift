/// The kernel's test of whether one zone may hand out a block of some order
/// (`__zone_watermark_ok` in mm/page_alloc.c), in pages.
///
/// Kernel-knowledge §5: up to 4.3 (RHEL 6, RHEL 7) the free pages in blocks smaller than the order
/// are taken off one order at a time while the watermark halves, so a zone full of 4 kB and 8 kB
/// blocks refuses an order-2 request although its free total is far above `min`. From 4.4 (RHEL 8)
/// the order-0 test is the same and a higher order passes as soon as one block of that order or
/// larger is free.
///
/// The seed case's node 0 Normal zone (Samples/, RHEL 6 2.6.32, an order-2 `GFP_ATOMIC` request):
/// ```
/// Node 0 Normal free:45628kB min:32256kB ...
/// Node 0 Normal: 6463*4kB 2466*8kB 1*16kB 1*32kB 0*64kB ... = 45628kB
/// ```
/// `ZoneWatermark.check(freePages: 11407, minPages: 8064 - 4032 - 1008, reservePages: 0,
/// blocks: [6463, 2466, 1, 1, 0, ...], order: 2, anyBlock: false)` is `.noBlockOfOrder`: after the
/// 4 kB and 8 kB blocks 9 pages are left, under the halved-twice watermark of 756.
enum ZoneWatermark {
    enum Outcome: Equatable, Sendable {
        /// The zone may serve the request.
        case passes
        /// Free pages (less the request) at or below `min` plus the reserve kept for higher zones.
        case belowMin
        /// Enough free pages, too few of them in blocks of the order or larger.
        case noBlockOfOrder
    }

    /// `minPages` is the watermark already lowered for the request (``adjustedMin(_:high:harder:)``);
    /// `blocks` are the free blocks per order, order 0 first.
    static func check(freePages: Int64, minPages: Int64, reservePages: Int64, blocks: [Int64], order: Int,
                      anyBlock: Bool) -> Outcome {
        var free = freePages - ((Int64(1) << Int64(order)) - 1)
        if free <= minPages + reservePages { return .belowMin }
        guard order > 0 else { return .passes }
        if anyBlock {
            return blocks.dropFirst(order).contains { $0 > 0 } ? .passes : .noBlockOfOrder
        }
        var threshold = minPages
        for lower in 0..<min(order, blocks.count) {
            free -= blocks[lower] &* (Int64(1) << Int64(lower))
            threshold >>= 1
            if free <= threshold { return .noBlockOfOrder }
        }
        return .passes
    }

    /// `min -= min/2` for `ALLOC_HIGH` (`__GFP_HIGH`), then `min -= min/4` for `ALLOC_HARDER`
    /// (atomic requests), as the slow path lowers the watermark before it gives up.
    static func adjustedMin(_ minPages: Int64, high: Bool, harder: Bool) -> Int64 {
        var min = minPages
        if high { min -= min / 2 }
        if harder { min -= min / 4 }
        return min
    }
}
