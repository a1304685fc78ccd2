/// One row of /proc/buddyinfo: free blocks per order in one node's zone.
public struct BuddyInfoRecord: Sendable, Codable, Equatable {
    public var node: Int
    public var zone: String
    /// Free blocks per order, order 0 first (a block of order k is 2^k pages).
    public var freeBlocks: [Int]
    public var source: Evidence

    public init(node: Int, zone: String, freeBlocks: [Int], source: Evidence) {
        self.node = node
        self.zone = zone
        self.freeBlocks = freeBlocks
        self.source = source
    }
}

extension BuddyInfoRecord: CitedRecord {}

/// One zone of /proc/zoneinfo: free pages and watermarks, in pages.
public struct ZoneInfoRecord: Sendable, Codable, Equatable {
    public var node: Int
    public var zone: String
    @Nullable public var freePages: Int?
    @Nullable public var minPages: Int?
    @Nullable public var lowPages: Int?
    @Nullable public var highPages: Int?
    @Nullable public var managedPages: Int?
    @Nullable public var presentPages: Int?
    /// True for a zone with no pages (newer kernels list Movable and Device with `present 0`,
    /// or with no counters at all); absent for a zone that has pages.
    public var empty: Bool?
    public var source: Evidence
}

/// A kernel page-allocation failure as the report shows it.
public struct AllocationFailureRecord: Sendable, Codable, Equatable {
    public var process: String
    @Nullable public var pid: Int?
    @Nullable public var cpu: Int?
    public var order: Int
    /// The mask as the kernel printed it, lower-case hex ("0x4020").
    public var gfpMask: String
    /// Flag names: as printed by 4.6+ kernels, else decoded from the mask with this kernel's table.
    public var gfpFlags: [String]
    /// Readable summary of the mask, e.g. "GFP_ATOMIC|__GFP_COMP".
    @Nullable public var gfpDescription: String?
    /// Modules whose code is in this failure's own call trace, innermost first.
    public var modules: [String]
    @Nullable public var timestamp: String?
    /// "member/path:line" of the failure's first line.
    public var source: Evidence
    /// The failure's first lines as the log wrote them (header, task line, call trace), at most
    /// 30; empty past the first few failures of a log, so a flood of them stays cheap.
    public var excerpt: [String] = []
    /// Short or fragmented, from the Mem-Info block logged with the failure; nil without one.
    @Nullable public var memoryCause: MemoryCause? = nil
    /// Why `modules` is empty though a trace was logged: another CPU printed its report at the
    /// same moment and the two traces cannot be told apart. Absent from the JSON otherwise.
    public var untangled: String? = nil
}

/// A finding about one report: something a support engineer should look at.
public struct Finding: Sendable, Codable, Equatable {
    public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
        case info, warning, error, critical

        private var rank: Int { Severity.allCases.firstIndex(of: self) ?? 0 }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Stable identifier, e.g. "kernel-release-mismatch".
    public var id: String
    public var severity: Severity
    public var title: String
    /// Longer explanation, with this host's numbers.
    @Nullable public var detail: String?
    public var evidence: [Evidence]
    /// For a known issue: the release that fixes it ("RHEL 6.5 (kernel 2.6.32-431)"); absent otherwise.
    public var fix: String?
    /// For a known issue: public references (knowledge-base articles, bug reports, patches).
    public var references: [String]?

    public init(id: String, severity: Severity, title: String, detail: String? = nil, evidence: [Evidence],
                fix: String? = nil, references: [String]? = nil) {
        self.id = id
        self.severity = severity
        self.title = title
        self.detail = detail
        self.evidence = evidence
        self.fix = fix
        self.references = references
    }
}
