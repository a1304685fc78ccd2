/// One zone of /proc/buddyinfo as a person reads it: free memory per block size, what is left for
/// each order, and the kernel's own fragmentation indices.
public struct BuddyZoneRecord: Sendable, Codable, Equatable {
    public var node: Int
    public var zone: String
    /// The numbers behind the sizes below (bytes, unusable and fragmentation index per order).
    public var analysis: BuddyZoneAnalysis
    /// Free memory held in blocks of each order, order 0 first ("45.2 MiB", "27.1 MiB", "48 KiB", "0 B", ...).
    public var freePerOrder: [String]
    /// Free memory a request of each order can use (blocks of that order or larger).
    public var freeAtOrAbove: [String]
    /// The buddyinfo line.
    public var source: Evidence

    public init(_ record: BuddyInfoRecord, pageSizeBytes: Int64 = 4096) {
        node = record.node
        zone = record.zone
        analysis = BuddyZoneAnalysis(record, pageSizeBytes: pageSizeBytes)
        freePerOrder = analysis.freeBytesPerOrder.map(ByteFormatter.human)
        freeAtOrAbove = analysis.freeBytesAtOrAbove.map(ByteFormatter.human)
        source = record.source
    }
}

extension Report {
    /// Each buddyinfo zone with its analysis, in buddyinfo order: the one ``ReportAnalysis`` stored,
    /// or, for a report built by hand without that stage, computed now.
    public var analyzedBuddyZones: [BuddyZoneRecord] {
        buddyAnalysis.count == buddyinfo.count ? buddyAnalysis : buddyinfo.map { BuddyZoneRecord($0) }
    }
}

/// One row of /proc/pagetypeinfo's "Free pages count per migrate type" table.
public struct PageTypeFreeRecord: Sendable, Codable, Equatable {
    public var node: Int
    public var zone: String
    /// Migrate type as the kernel prints it: Unmovable, Reclaimable, Movable, Reserve, HighAtomic, CMA, Isolate.
    public var type: String
    /// Free blocks per order, order 0 first; a value the kernel capped (`>100000`) holds the cap.
    public var freeBlocks: [Int]
    /// True when some count is a capped `>N` value.
    public var capped: Bool
    public var source: Evidence

    public init(node: Int, zone: String, type: String, freeBlocks: [Int], capped: Bool, source: Evidence) {
        self.node = node
        self.zone = zone
        self.type = type
        self.freeBlocks = freeBlocks
        self.capped = capped
        self.source = source
    }
}

/// One row of /proc/pagetypeinfo's "Number of blocks type" table: pageblocks per migrate type.
public struct PageBlockRecord: Sendable, Codable, Equatable {
    public var node: Int
    public var zone: String
    /// Migrate type -> pageblocks of that type.
    public var blocks: [String: Int]
    /// Pages per pageblock (`Pages per block:`), when the file says.
    @Nullable public var pagesPerBlock: Int?
    public var source: Evidence

    public init(node: Int, zone: String, blocks: [String: Int], pagesPerBlock: Int?, source: Evidence) {
        self.node = node
        self.zone = zone
        self.blocks = blocks
        self.pagesPerBlock = pagesPerBlock
        self.source = source
    }
}

/// A zone's page frame range as the boot log prints it (`Zone PFN ranges:` / `Zone ranges:`).
public struct ZonePFNRangeRecord: Sendable, Codable, Equatable {
    public var zone: String
    /// First page frame of the zone.
    public var startPFN: UInt64
    /// One past the last page frame.
    public var endPFN: UInt64
    /// Physical address range in words ("0 B – 4 GiB").
    public var addressRange: String
    public var source: Evidence

    public init(_ range: ZonePFNRange, member: String) {
        zone = range.zone
        startPFN = range.startPFN
        endPFN = range.endPFN
        let (start, startOverflow) = range.startPFN.multipliedReportingOverflow(by: 4096)
        let (end, endOverflow) = range.endPFN.multipliedReportingOverflow(by: 4096)
        addressRange = startOverflow || endOverflow ? "beyond 16 EB"
            : "\(ByteFormatter.human(Int64(clamping: start))) – \(ByteFormatter.human(Int64(clamping: end)))"
        source = Evidence(member: member, line: range.line)
    }
}

/// A kernel log line that a known-issue rule's `log` pattern matched while the log streamed past.
public struct KernelLogMatch: Sendable, Codable, Equatable {
    /// The rule whose pattern matched.
    public var rule: String
    /// The line, without its syslog or dmesg prefix, cut at 400 characters.
    public var text: String
    public var source: Evidence

    public init(rule: String, text: String, source: Evidence) {
        self.rule = rule
        self.text = text
        self.source = source
    }
}
