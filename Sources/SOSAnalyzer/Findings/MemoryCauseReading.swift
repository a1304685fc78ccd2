/// Reads a Mem-Info block (logged with an OOM kill or an allocation failure) for why memory ran out.
///
/// Short: some zone's free memory is below its `min` watermark (kernel-knowledge §2: reclaim could
/// not keep up). Fragmented: every zone is above `min`, but no free-area line shows a free block of
/// the order asked for or larger. Neither: free memory and blocks of that order were there.
enum MemoryCauseReading {
    static func cause(of dump: MemInfoDump, order: Int) -> MemoryCause? {
        let withMin = dump.watermarks.filter { $0.minKiB != nil && $0.freeKiB != nil }
        guard !withMin.isEmpty else { return nil }
        let below = withMin.filter { ($0.freeKiB ?? 0) < ($0.minKiB ?? 0) }
        let name = { (w: MemInfoZoneWatermarks) in (w.node.map { "node \($0) " } ?? "") + w.zone }
        if let zone = below.first {
            return MemoryCause(verdict: .short, explanation:
                "memory short: \(name(zone)) free \(zone.freeKiB ?? 0) kB below its min watermark \(zone.minKiB ?? 0) kB")
        }
        guard order > 0, !dump.freeAreas.isEmpty else {
            return MemoryCause(verdict: .neither, explanation:
                "not short: every zone above its min watermark" + (order > 0 ? "" : " (order 0)"))
        }
        let hasBlock = dump.freeAreas.contains { $0.counts.dropFirst(order).contains { $0 > 0 } }
        if hasBlock {
            return MemoryCause(verdict: .neither, explanation:
                "not short, not fragmented: zones above min and free blocks of order \(order) or larger")
        }
        let free = withMin.reduce(0) { $0 + ($1.freeKiB ?? 0) }
        return MemoryCause(verdict: .fragmented, explanation:
            "fragmented: \(free) kB free above the min watermarks, but no free block of order \(order) or larger")
    }
}
