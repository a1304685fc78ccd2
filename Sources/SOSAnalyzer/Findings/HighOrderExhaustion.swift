/// Whether a host has run out of high-order free memory: blocks of 2^N contiguous pages that
/// atomic allocations (a network driver's receive path) need and cannot wait for.
///
/// Per zone, the lowest order whose atomic request the kernel would refuse, judged the way the
/// kernel judges it (`__zone_watermark_ok`, kernel-knowledge.md §5c):
/// - kernels up to 4.3 (RHEL 5, 6, 7), when `/proc/zoneinfo` gives the zone's `min` watermark:
///   an atomic request may dig to `min − min/2 − min/4` (ALLOC_HIGH, ALLOC_HARDER); for each
///   order below N the free pages of that order are taken away and the threshold halves; the
///   request fails once what is left is not above the threshold;
/// - kernels 4.4 and later: an order-N request fails when no block of order N or larger is free;
/// - without zoneinfo: when no block of order N or larger is free, or less than 0.1% of the
///   zone's free memory is in such blocks (unusable index ≥ 0.999).
///
/// A report is graded exhausted when a zone other than DMA (16 MiB, kept for old devices) cannot
/// serve an atomic request of order 1 to 3: the orders the kernel calls cheap
/// (PAGE_ALLOC_COSTLY_ORDER = 3), that it tries hardest to satisfy, and that drivers ask for.
///
/// Sample (`Samples/` host dbnode01, `proc/buddyinfo` line 3 and its zoneinfo `min 8064`):
/// `Node 0, zone   Normal  11569   3469      3      0      0      0      0      0      0      0      0`
/// grades `fragmented` from order 2: "Normal zone, node 0: only 3 free blocks of 16 KiB or larger
/// (48 KiB), while 72.3 MiB is free in 4 KiB and 8 KiB blocks; an atomic order-2 request needs at
/// least 3 MiB in such blocks".
public struct HighOrderExhaustion: Sendable, Codable, Equatable {
    /// One zone's grade.
    public struct Zone: Sendable, Codable, Equatable {
        public enum State: String, Sendable, Codable {
            /// Every order up to PAGE_ALLOC_COSTLY_ORDER can be served.
            case healthy
            /// Memory is free, but not in blocks large enough for some order ≤ 3.
            case fragmented
            /// The zone is below its min watermark: even single pages are refused to atomic requests.
            case depleted
        }

        public var node: Int
        public var zone: String
        public var state: State
        /// Lowest order an atomic request of which this zone refuses; nil when none up to the largest.
        @Nullable public var lowestExhaustedOrder: Int?
        /// Free memory in blocks smaller than that order (all free memory when nil).
        public var freeBytesBelow: Int64
        /// Free blocks of that order or larger, and the memory they hold.
        public var freeBlocksAtOrAbove: Int
        public var freeBytesAtOrAbove: Int64
        /// Pages an atomic request of that order needs, in blocks of that order or larger, to pass
        /// the watermark check (kernels ≤ 4.3 with zoneinfo); nil otherwise.
        @Nullable public var requiredPagesAtOrAbove: Int?
        /// How the grade was decided: "watermark" (≤ 4.3 check with zoneinfo), "any-block" (4.4+)
        /// or "share" (no zoneinfo).
        public var criterion: String
        /// The grade in one sentence.
        public var summary: String
        public var source: Evidence
        @Nullable public var zoneinfoSource: Evidence?
    }

    public var zones: [Zone]
    /// True when some zone other than DMA is fragmented from order 1, 2 or 3.
    public var exhausted: Bool
    /// The lowest exhausted order over those zones.
    @Nullable public var lowestExhaustedOrder: Int?

    /// Largest order the kernel treats as cheap and retries hard for.
    public static let costlyOrder = 3

    /// The zones this grade counts against a report: the sentences of the exhausted ones.
    public var exhaustedZones: [Zone] {
        zones.filter(Self.counts)
    }

    /// Orders from this one up count as "high" (16 kB blocks and larger with 4 kB pages).
    public static let highOrder = 2

    /// The orders of `zone` this grade marks exhausted, ascending: from the zone's lowest
    /// exhausted order to its largest; empty for a healthy zone or one not graded.
    public func exhaustedOrders(of zone: BuddyZoneRecord) -> [Int] {
        let orders = zone.analysis.freeBytesPerOrder.count
        guard let graded = zones.first(where: { $0.node == zone.node && $0.zone == zone.zone }),
              let lowest = graded.lowestExhaustedOrder, lowest < orders
        else { return [] }
        return Array(lowest..<orders)
    }

    /// Grades a report from its buddyinfo, the stored per-zone analysis of it (``Report/buddyAnalysis``,
    /// filled first by ``ReportAnalysis``), zoneinfo and kernel release. A report without
    /// buddyinfo grades not exhausted with no zones.
    public static func grade(_ report: Report) -> HighOrderExhaustion {
        grade(buddyinfo: report.buddyinfo, analysis: report.analyzedBuddyZones, zoneinfo: report.zoneinfo,
              kernelRelease: report.kernel?.release)
    }

    /// `analysis` holds one record per `buddyinfo` row, in the same order (nil: computed here, for
    /// callers that have only the rows).
    public static func grade(buddyinfo: [BuddyInfoRecord], analysis: [BuddyZoneRecord]? = nil, zoneinfo: [ZoneInfoRecord],
                             kernelRelease: String?) -> HighOrderExhaustion {
        let analysis = analysis ?? buddyinfo.map { BuddyZoneRecord($0) }
        let anyBlockModel = kernelRelease.flatMap(KernelVersion.init).map { ($0.major, $0.minor) >= (4, 4) } ?? false
        let zones = zip(buddyinfo, analysis).map { row, analysed in
            let info = zoneinfo.first { $0.node == row.node && $0.zone == row.zone }
            return gradeZone(row, analysis: analysed.analysis, zoneinfo: info, anyBlockModel: anyBlockModel)
        }
        let counted = zones.filter(counts)
        return HighOrderExhaustion(
            zones: zones, exhausted: !counted.isEmpty,
            lowestExhaustedOrder: counted.compactMap(\.lowestExhaustedOrder).min())
    }

    private static func counts(_ zone: Zone) -> Bool {
        zone.zone != "DMA" && zone.state == .fragmented && (zone.lowestExhaustedOrder ?? Int.max) <= costlyOrder
    }

    static func gradeZone(_ row: BuddyInfoRecord, analysis: BuddyZoneAnalysis, zoneinfo: ZoneInfoRecord?,
                          anyBlockModel: Bool) -> Zone {
        let counts = row.freeBlocks.map { Int64(max($0, 0)) }
        let freePages = counts.indices.reduce(Int64(0)) { $0 &+ counts[$1] &* (Int64(1) << Int64($1)) }
        let minimum = zoneinfo?.minPages.map(Int64.init)
        var criterion: String
        var failing: Int?
        var required: Int64?
        if let minimum, !anyBlockModel {
            criterion = "watermark"
            let atomicMin = ZoneWatermark.adjustedMin(minimum, high: true, harder: true)
            for order in counts.indices {
                if watermarkRefuses(counts: counts, freePages: freePages, order: order, atomicMin: atomicMin) {
                    failing = order
                    required = (atomicMin >> Int64(order)) + (Int64(1) << Int64(order))
                    break
                }
            }
        } else if let minimum, anyBlockModel {
            criterion = "any-block"
            if freePages <= minimum - minimum / 2 - (minimum - minimum / 2) / 4 {
                failing = 0
            } else {
                failing = counts.indices.first { order in counts[order...].allSatisfy { $0 == 0 } }
            }
        } else {
            criterion = "share"
            if freePages == 0 {
                failing = 0
            } else {
                failing = counts.indices.dropFirst().first { order in
                    counts[order...].allSatisfy { $0 == 0 } || analysis.unusableIndex[order] >= 0.999
                }
            }
        }
        let below = failing.map { order in analysis.freeBytesPerOrder.prefix(order).reduce(0, &+) } ?? analysis.freeBytes
        let blocksAbove = failing.map { order in counts[order...].reduce(0, &+) } ?? 0
        let bytesAbove = failing.map { analysis.freeBytesAtOrAbove[$0] } ?? 0
        let state: Zone.State = failing == 0 ? .depleted : (failing.map { $0 <= costlyOrder } ?? false) ? .fragmented : .healthy
        var zone = Zone(
            node: row.node, zone: row.zone, state: state, lowestExhaustedOrder: failing, freeBytesBelow: below,
            freeBlocksAtOrAbove: Int(clamping: blocksAbove), freeBytesAtOrAbove: bytesAbove,
            requiredPagesAtOrAbove: required.map { Int(clamping: $0) }, criterion: criterion, summary: "",
            source: row.source, zoneinfoSource: zoneinfo?.source)
        zone.summary = sentence(zone, analysis: analysis, minimum: minimum)
        return zone
    }

    /// `__zone_watermark_ok` of kernels up to 4.3 for an atomic request (lowmem_reserve left out:
    /// it only guards lower zones against requests that could have used a higher one).
    private static func watermarkRefuses(counts: [Int64], freePages: Int64, order: Int, atomicMin: Int64) -> Bool {
        ZoneWatermark.check(freePages: freePages, minPages: atomicMin, reservePages: 0, blocks: counts,
                            order: order, anyBlock: false) != .passes
    }

    private static func sentence(_ zone: Zone, analysis: BuddyZoneAnalysis, minimum: Int64?) -> String {
        let name = "\(zone.zone) zone, node \(zone.node)"
        guard let order = zone.lowestExhaustedOrder, order <= costlyOrder else {
            let largest = analysis.highestOrderWithFreeBlock.map { ByteFormatter.human(analysis.blockSizeBytes[$0]) } ?? "—"
            return "\(name): free blocks up to \(largest), \(ByteFormatter.human(analysis.freeBytes)) free"
        }
        if order == 0 {
            let watermark = minimum.map { ", at or below what atomic requests may use of the min watermark \(ByteFormatter.human($0 &* 4096))" } ?? ""
            return "\(name): \(ByteFormatter.human(analysis.freeBytes)) free\(watermark)"
        }
        let size = ByteFormatter.human(analysis.blockSizeBytes[order])
        let none = zone.freeBlocksAtOrAbove == 0
            ? "no free block of \(size) or larger"
            : "only \(zone.freeBlocksAtOrAbove) free block\(zone.freeBlocksAtOrAbove == 1 ? "" : "s") of \(size) or larger (\(ByteFormatter.human(zone.freeBytesAtOrAbove)))"
        let smaller = analysis.blockSizeBytes.prefix(order).map(ByteFormatter.human)
        let sizes = smaller.count == 1 ? smaller[0] : smaller.dropLast().joined(separator: ", ") + " and " + (smaller.last ?? "")
        var text = "\(name): \(none), while \(ByteFormatter.human(zone.freeBytesBelow)) is free in \(sizes) blocks"
        if let pages = zone.requiredPagesAtOrAbove {
            text += "; an atomic order-\(order) request needs at least \(ByteFormatter.human(Int64(pages) &* 4096)) in such blocks"
        }
        return text
    }
}
