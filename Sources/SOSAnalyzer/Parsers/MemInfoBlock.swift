/// The zone lines of the Mem-Info dump being read, for `AllocationFailureScanner.lastMemInfo`.
///
/// A zone seen twice means a new dump has begun: the block starts over with it. The zones seen are
/// kept in sets beside the lines, so that test costs the same however long the block has grown (a
/// log of distinct `Node N` lines made it a linear search per line).
struct MemInfoBlock: Sendable {
    private(set) var dump = MemInfoDump()
    private var watermarkZones: Set<Zone> = []
    private var freeAreaZones: Set<Zone> = []

    private struct Zone: Hashable, Sendable {
        var node: Int?
        var name: String
    }

    mutating func reset() {
        self = MemInfoBlock()
    }

    mutating func add(_ watermarks: MemInfoZoneWatermarks) {
        let zone = Zone(node: watermarks.node, name: watermarks.zone)
        if watermarkZones.contains(zone) { reset() }
        watermarkZones.insert(zone)
        dump.watermarks.append(watermarks)
    }

    /// The reserve line belongs to the watermark line just before it.
    mutating func setReserve(_ reserve: [Int]) {
        guard let last = dump.watermarks.indices.last else { return }
        dump.watermarks[last].lowmemReserve = reserve
    }

    mutating func add(_ area: MemInfoZoneFreeArea) {
        let zone = Zone(node: area.node, name: area.zone)
        if freeAreaZones.contains(zone) { reset() }
        freeAreaZones.insert(zone)
        dump.freeAreas.append(area)
    }
}
