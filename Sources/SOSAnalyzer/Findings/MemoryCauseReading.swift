/// Reads a Mem-Info block (logged with an OOM kill or an allocation failure) for why memory ran out,
/// by the kernel's own watermark test (``ZoneWatermark``) on every zone the request could use.
///
/// Short: no zone had free pages above its `min` watermark (lowered as the kernel lowers it for
/// `__GFP_HIGH` and atomic requests) plus the reserve it keeps for higher zones. Fragmented: some
/// zone was above that, but the free pages in blocks of the order asked for or larger were too few.
/// Neither: some zone passes the test, so the request did not fail for want of free memory as the
/// dump shows it (a cpuset, a memory policy, or memory that changed between the failure and the dump).
///
/// The seed case's order-2 `GFP_ATOMIC` failure on RHEL 6 (Samples/, `dbnode02`): DMA and DMA32
/// keep 65,520 and 62,561 pages back from a request that may use Normal; node 0 Normal has 45,628 KiB
/// free, above its lowered min of 12,096 KiB, but 6463×4 KiB and 2466×8 KiB of it are in blocks under
/// 16 KiB, so the test refuses at order 1: fragmented.
enum MemoryCauseReading {
    /// What the request was, as far as the log says: `flags` are GFP names as printed or decoded
    /// (empty when unknown: then the watermark is taken as logged).
    static func cause(of dump: MemInfoDump, order: Int, flags: [String] = [], kernelRelease: String? = nil) -> MemoryCause? {
        let request = Request(order: order, flags: flags, kernelRelease: kernelRelease)
        let zoneIndex = Self.zoneIndex(in: dump)
        let classIndex = zoneIndex[request.highestZone] ?? zoneIndex["Normal"] ?? 0
        var tested: [(zone: Zone, outcome: ZoneWatermark.Outcome)] = []
        for watermarks in dump.watermarks {
            guard let freeKiB = watermarks.freeKiB, let minKiB = watermarks.minKiB,
                  let index = zoneIndex[watermarks.zone], index <= classIndex else { continue }
            let area = dump.freeAreas.first { $0.node == watermarks.node && $0.zone == watermarks.zone }
            let pageKiB = area.flatMap(Self.pageKiB) ?? 4
            let reserve = watermarks.lowmemReserve.flatMap { classIndex < $0.count ? $0[classIndex] : nil } ?? 0
            let zone = Zone(node: watermarks.node, name: watermarks.zone, freeKiB: freeKiB,
                            minKiB: Int(ZoneWatermark.adjustedMin(Int64(minKiB), high: request.high, harder: request.harder)),
                            reserveKiB: reserve * pageKiB, pageKiB: pageKiB, blocks: area?.counts)
            // Without the zone's free-area line only the order-0 part can be told.
            let outcome = ZoneWatermark.check(
                freePages: Int64(freeKiB / pageKiB), minPages: Int64(zone.minKiB / pageKiB), reservePages: Int64(reserve),
                blocks: (area?.counts ?? []).map(Int64.init), order: area == nil ? 0 : order, anyBlock: request.anyBlock)
            tested.append((zone, outcome))
        }
        guard !tested.isEmpty else { return nil }
        let lowered = request.high || request.harder ? " (lowered for this request)" : ""
        if let passing = tested.first(where: { $0.outcome == .passes }) {
            let orderText = tested.contains { $0.zone.blocks == nil } || order == 0 ? "" : " for order \(order)"
            return MemoryCause(verdict: .neither, explanation:
                "not short, not fragmented: \(passing.zone.label) passes the kernel's watermark test\(orderText) "
                + "(free \(passing.zone.freeKiB) KiB, min\(lowered) \(passing.zone.minKiB) KiB)")
        }
        if let roomy = tested.first(where: { $0.outcome == .noBlockOfOrder }) {
            let page = roomy.zone.pageKiB
            let large = (roomy.zone.blocks ?? []).enumerated().dropFirst(order).reduce(0) { $0 + $1.element * (page << $1.offset) }
            return MemoryCause(verdict: .fragmented, explanation:
                "fragmented: \(roomy.zone.label) has \(roomy.zone.freeKiB) KiB free, above its min\(lowered) of "
                + "\(roomy.zone.minKiB) KiB, but only \(large) KiB of its free blocks are of \(page << order) KiB or larger")
        }
        let zone = tested[tested.count - 1].zone
        let reserve = zone.reserveKiB > 0 ? " plus the \(zone.reserveKiB) KiB it keeps for higher zones" : ""
        return MemoryCause(verdict: .short, explanation:
            "memory short: every zone the request may use is at or below its min watermark; "
            + "\(zone.label) free \(zone.freeKiB) KiB, min\(lowered) \(zone.minKiB) KiB\(reserve)")
    }

    private struct Zone {
        var node: Int?
        var name: String
        var freeKiB: Int
        var minKiB: Int
        var reserveKiB: Int
        var pageKiB: Int
        var blocks: [Int]?
        var label: String { (node.map { "node \($0) " } ?? "") + name }
    }

    /// What the slow path makes of the request's GFP flags (`gfp_to_alloc_flags`).
    private struct Request {
        var order: Int
        var high: Bool
        var harder: Bool
        /// 4.4 and later: a higher order passes when any block of it is free.
        var anyBlock: Bool
        var highestZone: String

        init(order: Int, flags: [String], kernelRelease: String?) {
            self.order = order
            let names = Set(flags)
            // Composite names are printed only by 4.6+, and the reclaim bits replaced __GFP_WAIT in 4.4.
            let modernNames: Set<String> = ["__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_ATOMIC",
                                            "GFP_ATOMIC", "GFP_KERNEL", "GFP_NOWAIT", "GFP_NOIO", "GFP_NOFS",
                                            "GFP_HIGHUSER_MOVABLE", "GFP_HIGHUSER", "GFP_USER", "GFP_TRANSHUGE"]
            let release = kernelRelease.flatMap(KernelVersion.init).map { ($0.major, $0.minor) >= (4, 4) }
            let modern = release ?? !names.isDisjoint(with: modernNames)
            anyBlock = modern
            high = names.contains("__GFP_HIGH") || names.contains("GFP_ATOMIC")
            if names.isEmpty {
                harder = false
            } else if modern {
                harder = (names.contains("__GFP_ATOMIC") || names.contains("GFP_ATOMIC")) && !names.contains("__GFP_NOMEMALLOC")
            } else {
                harder = !names.contains("__GFP_WAIT")
            }
            if names.contains("__GFP_DMA") || names.contains("GFP_DMA") { highestZone = "DMA" }
            else if names.contains("__GFP_DMA32") || names.contains("GFP_DMA32") { highestZone = "DMA32" }
            else { highestZone = "Normal" }
        }
    }

    /// Each zone's index in the kernel's zone array, which `lowmem_reserve[]` is indexed by. A dump
    /// with DMA32 is x86_64's layout (DMA 0, DMA32 1, Normal 2, Movable 3, Device 4) whatever zones
    /// it printed; otherwise the zones it shows, in the kernel's order (i386: DMA 0, Normal 1, HighMem 2).
    private static func zoneIndex(in dump: MemInfoDump) -> [String: Int] {
        let shown = Set(dump.watermarks.map(\.zone) + dump.freeAreas.map(\.zone))
        if shown.contains("DMA32") { return ["DMA": 0, "DMA32": 1, "Normal": 2, "Movable": 3, "Device": 4] }
        var index: [String: Int] = [:]
        for name in ["DMA", "Normal", "HighMem", "Movable", "Device"] where shown.contains(name) || name == "Normal" {
            index[name] = index.count
        }
        return index
    }

    /// The page size the free-area line implies: its total over the blocks it counts.
    private static func pageKiB(_ area: MemInfoZoneFreeArea) -> Int? {
        guard let total = area.totalKiB else { return nil }
        let pages = area.counts.enumerated().reduce(0) { $0 + $1.element << $1.offset }
        guard pages > 0, total % pages == 0, total / pages > 0 else { return nil }
        return total / pages
    }
}
