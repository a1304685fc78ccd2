/// What a batch of reports has in common: who is affected, the trait sets that separate them
/// from the rest, the traits ruled out, and hosts seen more than once over time.
/// `sosanalyze correlate --format json` prints this; `summarize --format json` holds it under
/// `correlation`.
public struct Correlation: Sendable, Codable, Equatable {
    /// How "affected" was decided, in words ("allocation failures or exhausted high orders").
    public var criterion: String
    public var affected: [JudgedHost]
    public var unaffected: [JudgedHost]
    /// Trait sets ranked best first (Fisher p-value, then affected covered, then fewer traits).
    public var traitSets: [TraitSet]
    /// Traits common among the affected that do not separate them.
    public var ruledOut: [RuledOutTrait]
    /// True when every report is affected: nothing to compare with, `sharedByAllAffected` says
    /// what they have in common.
    public var allAffected: Bool
    /// Traits on every affected report (shown in `TraitOrder`).
    public var sharedByAllAffected: [String]
    /// Hosts with several reports collected at different times.
    public var timelines: [HostTimeline]
    /// The hosts the reports were grouped into (``HostIdentity``), in batch order; every count
    /// above is of these hosts.
    public var hosts: [CorrelatedHost] = []
    /// Reports read (each host has one or more).
    public var reportCount: Int = 0
    /// How the sets' family-wise p-values were found; null when nothing was compared.
    @Nullable public var significance: Significance? = nil
    /// Distinct traits over all reports.
    public var traitCount: Int
    /// Names given with `--affected` that match no report.
    public var unmatchedHosts: [String]
    /// What the reader should know about this analysis (no affected host, too few hosts, ...).
    public var notes: [String]

    public init(criterion: String, affected: [JudgedHost] = [], unaffected: [JudgedHost] = [],
                traitSets: [TraitSet] = [], ruledOut: [RuledOutTrait] = [], allAffected: Bool = false,
                sharedByAllAffected: [String] = [], timelines: [HostTimeline] = [], traitCount: Int = 0,
                unmatchedHosts: [String] = [], notes: [String] = []) {
        self.criterion = criterion
        self.affected = affected
        self.unaffected = unaffected
        self.traitSets = traitSets
        self.ruledOut = ruledOut
        self.allAffected = allAffected
        self.sharedByAllAffected = sharedByAllAffected
        self.timelines = timelines
        self.traitCount = traitCount
        self.unmatchedHosts = unmatchedHosts
        self.notes = notes
    }
}

/// One host of the batch and its reports.
public struct CorrelatedHost: Sendable, Codable, Equatable {
    /// What its reports were grouped by: `system-uuid:<uuid>`, `machine-id:<id>`,
    /// `hostname:<full name>` or `source:<path>`.
    public var id: String
    /// The name of its latest report that has one.
    @Nullable public var hostname: String?
    /// Its reports' source paths, oldest first.
    public var reports: [String]
    /// True when any of its reports is affected.
    public var affected: Bool
}

/// A host judged affected or unaffected, and why.
public struct JudgedHost: Sendable, Codable, Equatable {
    /// The hostname (the source path when the report names none).
    public var host: String
    /// The archive or folder the report was read from (with several reports: the first affected
    /// one, or the latest of an unaffected host).
    public var source: String
    /// Why it was judged affected, each with its evidence ("member/path:line"); empty for
    /// unaffected. With several reports, each reason starts with its report's collection date.
    public var reasons: [String]

    public init(host: String, source: String, reasons: [String]) {
        self.host = host
        self.source = source
        self.reasons = reasons
    }
}

/// A conjunction of traits and how it splits the reports.
public struct TraitSet: Sendable, Codable, Equatable {
    /// One trait per group, e.g. ["os=RHEL 6.4", "nic.driver=mlx4_en"].
    public var traits: [String]
    /// Parallel to `traits`: the other traits found on exactly the same reports (module=mlx4_en
    /// beside nic.driver=mlx4_en): these reports cannot tell them apart.
    public var equivalents: [[String]]
    public var affectedCount: Int
    public var unaffectedCount: Int
    /// Affected hosts where every trait of the set is known (the denominator of `affectedCount`):
    /// all affected hosts but the `unknownHosts`.
    public var affectedTotal: Int
    public var unaffectedTotal: Int
    /// One-sided Fisher's exact test (over-representation among the affected).
    public var pValue: Double
    /// log10 of `pValue`, exact where `pValue` underflows to 0 (large fleets): -2.66 for 1/462.
    public var log10PValue: Double
    /// The share of labelings of these hosts (as many affected, dealt at random or every way)
    /// whose best set does at least as well (``FamilyWiseTest``): the chance of a set this good
    /// among all the miner tries. 5/462 = 0.011 for the best set of `Samples/`.
    @Nullable public var familyWisePValue: Double? = nil
    /// Affected reports the set does not cover (at most 10 names; `affectedTotal - affectedCount` in all).
    public var missedAffected: [String]
    /// Unaffected reports the set covers (at most 10 names).
    public var matchedUnaffected: [String]
    /// Hosts where some trait of the set is unknown (its source not collected, empty, cut or
    /// unparsable): left out of the counts and the test, neither for nor against it.
    public var unknownCount = 0
    /// Their names (at most 10).
    public var unknownHosts: [String] = []
}

/// A trait common among the affected that does not separate them from the rest.
public struct RuledOutTrait: Sendable, Codable, Equatable {
    public var trait: String
    public var affectedCount: Int
    public var unaffectedCount: Int
    /// The reason in words, with host names where few.
    public var reason: String
    /// The trait shown first among those on exactly the same reports; null for that trait itself.
    @Nullable public var sameHostsAs: String?
    /// Hosts where the trait is unknown (its source not collected): counted neither way.
    public var unknownCount = 0
}

/// One host seen in several reports over time.
public struct HostTimeline: Sendable, Codable, Equatable {
    public var host: String
    /// Oldest first.
    public var reports: [TimelinePoint]
    /// Kernel, release and module changes between consecutive reports, in words.
    public var changes: [String]
    /// Free blocks of order >= 2 per zone, one number per report (null where the zone is missing).
    public var highOrderTrend: [ZoneTrend]
}

public struct TimelinePoint: Sendable, Codable, Equatable {
    public var source: String
    /// As the report's `date` output wrote it.
    @Nullable public var collectedAt: String?
    @Nullable public var kernel: String?
    @Nullable public var os: String?
    /// Page allocation failures or exhausted high orders in this report.
    public var affected = false
    /// Page allocation failures this report logged.
    public var allocationFailures = 0
    /// Kernel events this report logged, by kind (`oom-kill`: 3).
    public var kernelEvents: [String: Int] = [:]
}

public struct ZoneTrend: Sendable, Codable, Equatable {
    public var node: Int
    public var zone: String
    /// Blocks of order >= 2 free in this zone in each report, oldest first.
    public var highOrderBlocks: [Int?]
    /// "falling", "rising", "steady" or "mixed", from the first to the last known count.
    public var trend: String
}

/// How the family-wise p-values were found (``FamilyWiseTest``).
public struct Significance: Sendable, Codable, Equatable {
    /// "exact" (every labeling tried) or "monte-carlo" (random labelings from `seed`).
    public var method: String
    /// Labelings tried, the observed one counted in.
    public var labelings: Int
    /// Seed of the random labelings; null when every labeling was tried.
    @Nullable public var seed: UInt64?
    /// True when the random draw stopped early: enough labelings did as well as the best set.
    public var stoppedEarly: Bool
    /// Labelings whose best set did at least as well as the best set found, the observed one counted in.
    public var hitsOfBest: Int
    /// The p that chance reaches or beats on 5 % of labelings; null when fewer than 5 % reach the sets found.
    @Nullable public var chanceP05: Double?
    /// When no set stands out: how many more unaffected hosts without the best set's traits it
    /// would take for its p to beat `chanceP05`; null otherwise.
    @Nullable public var moreUnaffectedToTell: Int?
}
