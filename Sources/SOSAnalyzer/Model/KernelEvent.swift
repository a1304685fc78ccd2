/// The kinds of trouble the kernel reports in its log, by the names the JSON and the
/// correlator use (`event=oom-kill`).
public enum KernelEventKind: String, Sendable, Codable, CaseIterable, Comparable {
    case oomKill = "oom-kill"
    case softLockup = "soft-lockup"
    case hardLockup = "hard-lockup"
    case hungTask = "hung-task"
    case rcuStall = "rcu-stall"
    case oops
    case bug
    case panic
    case warning
    case netdevWatchdog = "netdev-watchdog"
    case linkDown = "link-down"
    case nfConntrackFull = "nf-conntrack-full"
    case ioError = "io-error"
    case fsError = "fs-error"
    case machineCheck = "machine-check"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// What the OOM killer logged about one kill.
public struct OOMKill: Sendable, Codable, Equatable {
    /// The task killed (`Killed process 1234 (java)`).
    @Nullable public var victim: String?
    @Nullable public var victimPid: Int?
    /// The task that invoked the OOM killer (`java invoked oom-killer: ...`).
    @Nullable public var trigger: String?
    /// `CONSTRAINT_NONE`, `CONSTRAINT_MEMCG`, ... (5.x `oom-kill:constraint=`); `CONSTRAINT_MEMCG`
    /// also when an older kernel said `Memory cgroup out of memory` or `Task in ... killed as a result of limit of ...`.
    @Nullable public var constraint: String?
    /// The memory cgroup whose limit was hit (`oom_memcg=`, or `limit of /...`).
    @Nullable public var cgroup: String?
    /// The victim's resident set, anon + file + shmem, in KiB (`anon-rss:...kB, file-rss:...kB`).
    @Nullable public var victimRSSKiB: Int?

    public init(victim: String? = nil, victimPid: Int? = nil, trigger: String? = nil, constraint: String? = nil,
                cgroup: String? = nil, victimRSSKiB: Int? = nil) {
        self.victim = victim
        self.victimPid = victimPid
        self.trigger = trigger
        self.constraint = constraint
        self.cgroup = cgroup
        self.victimRSSKiB = victimRSSKiB
    }
}

/// One thing the kernel logged as going wrong: an OOM kill, a lockup, an oops, a link going down.
///
/// Real input (`Fixtures/kernel-events/`, see SOURCES.md there):
/// ```
/// NETDEV WATCHDOG: eth0 (e1000e): transmit queue 0 timed out
/// ```
/// is kind `netdev-watchdog`, interface `eth0`, module `e1000e`.
public struct KernelEvent: Sendable, Codable, Equatable {
    public var kind: KernelEventKind
    /// The line that told the kind, prefixes removed, at most 300 characters.
    public var message: String
    /// OOM: the victim; lockup and hung task: the stuck task; oops, bug, warning: the `Comm:` value.
    @Nullable public var process: String?
    @Nullable public var pid: Int?
    /// What the event points at: the bracketed module of the faulting `RIP`/`IP`/`WARNING` location,
    /// the driver of a watchdog or link line. Never the "Modules linked in:" list.
    @Nullable public var module: String?
    @Nullable public var interface: String?
    /// The block device (`dev sda`, `(device dm-0)`) or PCI address.
    @Nullable public var device: String?
    @Nullable public var oom: OOMKill?
    /// How many times it was logged: 1, plus "message repeated N times", plus ratelimit
    /// "N callbacks suppressed".
    public var count: Int
    /// The stamp as logged (`Dec  1 06:57:51`, `2207.023031s after boot`).
    @Nullable public var timestamp: String?
    /// Wall clock, ISO 8601 without zone (the log's local time), when the log allows.
    @Nullable public var time: String?
    /// Where it was logged (`member:line`).
    public var source: Evidence
    /// True when the log is the one kdump saved with a crash (`var/crash/*/vmcore-dmesg.txt`).
    public var crash: Bool
    /// For OOM kills: whether memory was short or fragmented, from the Mem-Info block logged with it.
    @Nullable public var memoryCause: MemoryCause?

    public init(kind: KernelEventKind, message: String, source: Evidence) {
        self.kind = kind
        self.message = message
        self.count = 1
        self.source = source
        self.crash = false
    }
}

/// Whether an OOM kill or an allocation failure came from too little free memory or from free
/// memory in pieces too small, read from the Mem-Info block logged with it.
public struct MemoryCause: Sendable, Codable, Equatable {
    public enum Verdict: String, Sendable, Codable {
        /// No zone the request could use had free memory above its min watermark.
        case short
        /// Free memory above the watermarks, but too little of it in blocks of the order asked for (or above).
        case fragmented
        /// Some zone passes the kernel's watermark test for the request as the dump shows it.
        case neither
    }
    public var verdict: Verdict
    /// The same in words, with the numbers it rests on.
    public var explanation: String

    public init(verdict: Verdict, explanation: String) {
        self.verdict = verdict
        self.explanation = explanation
    }
}

extension KernelEvent {
    /// A stamp as the JSON shows it: the wall clock as logged, or seconds since boot.
    static func text(_ timestamp: KernelLogTimestamp) -> String {
        switch timestamp {
        case .monotonic(let seconds): return "\(seconds)s after boot"
        case .wallClock(let text): return text
        }
    }
}
