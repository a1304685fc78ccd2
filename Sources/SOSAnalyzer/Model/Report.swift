/// Everything read from one sosreport: identity, facts, where each came from, and what could
/// not be read. A `Codable` value: `sosanalyze inspect --format json` prints exactly this.
public struct Report: Sendable, Codable, Equatable {
    /// Version of the JSON layout; bumped only when a field changes meaning.
    public var schemaVersion: Int = Report.currentSchemaVersion
    public static let currentSchemaVersion = 1

    public var source: ReportSourceInfo
    /// sos version from the report's own content ("2.2", "3.9", "4.5.3"), null when it says none.
    @Nullable public var sosVersion: String?
    /// The sos layout generation the report was written with: "2.2", "3.x" or "4.x".
    @Nullable public var sosGeneration: String?
    @Nullable public var hostname: String?
    /// `etc/machine-id` (systemd), lower case; absent where not collected (RHEL 6 has none).
    public var machineID: String?
    /// The SMBIOS system UUID (`sys/class/dmi/id/product_uuid`, else dmidecode), lower case;
    /// absent where not collected or a placeholder.
    public var systemUUID: String?
    /// When sos ran, as the report's `date` output wrote it.
    @Nullable public var collectedAt: String?
    /// When the running boot began, ISO 8601 without zone (`collectedAt` minus `uptime`, to the
    /// minute `uptime` prints): dates the seconds-since-boot stamps of the running boot's logs.
    @Nullable public var bootedAt: String?
    /// Seconds the host had been up when sos ran (`uptime`, to the minute, else `proc/uptime`);
    /// absent where neither was collected. Turns counters kept since boot into rates.
    public var uptimeSeconds: Int?
    @Nullable public var os: OSInfo?
    @Nullable public var kernel: KernelInfo?
    @Nullable public var taint: TaintInfo?
    public var modules: [ModuleInfo] = []
    public var nics: [NICInfo] = []
    public var allocationFailures: [AllocationFailureRecord] = []
    /// What else the kernel logged as going wrong (OOM kills, lockups, oopses, ...), as logged.
    public var kernelEvents: [KernelEvent] = []
    /// Per kind (and `allocation-failure`): first and last occurrence and count, in time order.
    public var kernelTimeline: [KernelTimelineEntry] = []
    public var buddyinfo: [BuddyInfoRecord] = []
    public var zoneinfo: [ZoneInfoRecord] = []
    /// Each buddyinfo zone in human sizes, with the kernel's fragmentation indices per order.
    public var buddyAnalysis: [BuddyZoneRecord] = []
    /// Whether high orders are exhausted, per zone and for the report (`HighOrderExhaustion.grade`).
    @Nullable public var highOrderExhaustion: HighOrderExhaustion?
    /// /proc/pagetypeinfo: free blocks per order, per zone and migrate type.
    public var pagetypeinfo: [PageTypeFreeRecord] = []
    /// /proc/pagetypeinfo: pageblocks per migrate type, per zone.
    public var pageblocks: [PageBlockRecord] = []
    /// Zone page frame ranges of the last boot the kernel log shows.
    public var zonePFNRanges: [ZonePFNRangeRecord] = []
    /// Kernel log lines that known-issue rules look for (bounded per rule and log).
    public var kernelLogMatches: [KernelLogMatch] = []
    /// vm.min_free_kbytes and vm.zone_reclaim_mode against this host's numbers; nil when the host
    /// shows neither allocation failures nor exhausted high orders.
    @Nullable public var tuning: TuningAdvice?
    @Nullable public var memory: MemoryInfo?
    /// Kernel tunables that matter to memory diagnostics, by sysctl name.
    public var sysctl: [String: Int] = [:]
    /// `sys/kernel/mm/transparent_hugepage/enabled`: THP mode.
    @Nullable public var transparentHugePages: TransparentHugePages?
    /// NIC, softnet and TCP counters, with what each drop counter means on this driver; nil
    /// when the report holds none of them (their states in `factStates` say so).
    @Nullable public var network: NetworkEvidence?
    @Nullable public var hardware: HardwareInfo?
    @Nullable public var packages: PackageSummary?
    public var findings: [Finding] = []
    /// What could not be read in this report (a damaged archive, a cap hit, a member that failed to parse).
    public var problems: [ReportProblem] = []
    /// Where each scalar fact came from, by fact name ("hostname", "os", "kernel.release", ...).
    public var evidence: [String: Evidence] = [:]
    /// Facts that have no value, or a partial one, and why ("memory": "not collected").
    public var factStates: [String: FactState] = [:]
    /// For a fact in `factStates` whose member says why it holds nothing, that line: the error a
    /// command printed on the host (`"hardware"`: dmidecode's `Permission denied` in a container).
    @EmptyIfAbsent public var factStateReasons: [String: FactStateReason] = [:]
    /// Other host names the report's files hold (`/etc/hosts`, corosync.conf): for `Redaction`
    /// only. The report's JSON leaves them out; a ``ReportRecord`` keeps them (`hostNamesInFiles`).
    @NotEncoded public var namesInFiles = NamesInReport()
    /// Set on a report kept only in part (``trimmedForSummary(storedAt:)``): the record it was
    /// read from, to read it again whole. Never encoded, nil for a whole report.
    @NotEncoded public var storedAt: RecordLocation? = nil

    public init(source: ReportSourceInfo) {
        self.source = source
    }
}

/// Where a report was read from.
public struct ReportSourceInfo: Sendable, Codable, Equatable {
    /// The archive or folder; inside a collect bundle, the bundle's path then the inner archive's name.
    public var path: String
    /// "tar.xz", "tar.gz", "tar.bz2", "tar.zst", "tar" or "directory".
    public var format: String
    /// The archive's top folder as its members name it (never derived from the file name).
    @Nullable public var topFolder: String?
    /// Number of members (files, folders, links) the archive holds.
    public var memberCount: Int

    public init(path: String, format: String, topFolder: String?, memberCount: Int) {
        self.path = path
        self.format = format
        self.topFolder = topFolder
        self.memberCount = memberCount
    }
}

/// Something in one report that could not be read, with the member it concerns.
public struct ReportProblem: Sendable, Codable, Equatable, Hashable {
    public var message: String
    @Nullable public var member: String?

    public init(message: String, member: String? = nil) {
        self.message = message
        self.member = member
    }
}
