/// A known issue, read from a YAML file: the signature a report must show, and what to tell
/// the engineer when it does. The format is described in `KnownIssues/README.md`.
///
/// ```yaml
/// id: mlx4-en-order2-leak-rhel64
/// title: "mlx4_en on RHEL 6.4 leaks high-order pages: {failureCount} atomic allocation failures (orders {orders})"
/// severity: error
/// when:
///   kernel: { match: ["2.6.32-358.*"] }
///   modules: { names: [mlx4_en] }
///   any:
///     - failures: { minOrder: 2, modules: [mlx4_en] }
///     - highOrdersExhausted: true
/// explanation: ...
/// fix: "RHEL 6.5 (kernel 2.6.32-431)"
/// references: ["https://access.redhat.com/solutions/532413"]
/// ```
public struct KnownIssueRule: Sendable, Codable, Equatable {
    public var id: String
    /// One line; `{kernel}`, `{os}`, `{failureCount}`, `{orders}`, `{modules}`, `{fix}` are filled in.
    public var title: String
    public var severity: Finding.Severity
    /// Every condition given must hold (an `any` list: at least one of its blocks).
    public var when: Conditions
    /// What the issue is and why the signature points to it; placeholders as in `title`.
    public var explanation: String
    public var workaround: String?
    /// The release that fixes it, when one is known.
    public var fix: String?
    /// Public references: at least one.
    public var references: [String]
    /// Where the rule was read from ("bundled/NAME.yaml" or the user file's path); set by the loader.
    public var file: String?

    public struct Conditions: Sendable, Codable, Equatable {
        public var os: OSCondition?
        public var kernel: KernelCondition?
        public var modules: ModuleCondition?
        public var failures: FailureCondition?
        /// Kernel events (`kernelEvents[]`) that all the given filters accept.
        public var events: EventCondition?
        public var log: LogCondition?
        /// `true`: `HighOrderExhaustion.grade(report).exhausted` must hold; `false`: must not.
        public var highOrdersExhausted: Bool?
        public var memory: MemoryCondition?
        /// At least one of these blocks holds (each block: all its conditions).
        public var any: [Conditions]?

        public init(os: OSCondition? = nil, kernel: KernelCondition? = nil, modules: ModuleCondition? = nil,
                    failures: FailureCondition? = nil, log: LogCondition? = nil, highOrdersExhausted: Bool? = nil,
                    memory: MemoryCondition? = nil, any: [Conditions]? = nil) {
            self.os = os
            self.kernel = kernel
            self.modules = modules
            self.failures = failures
            self.log = log
            self.highOrdersExhausted = highOrdersExhausted
            self.memory = memory
            self.any = any
        }

        var isEmpty: Bool {
            os == nil && kernel == nil && modules == nil && failures == nil && events == nil && log == nil
                && highOrdersExhausted == nil && memory == nil && (any ?? []).isEmpty
        }

        /// Every log pattern in this block and its `any` blocks.
        var logConditions: [LogCondition] {
            [log].compactMap { $0 } + (any ?? []).flatMap(\.logConditions)
        }
    }

    /// The release file: `id` any of (`rhel`, `centos`, ...), `version` any of ("6.4").
    public struct OSCondition: Sendable, Codable, Equatable {
        public var id: [String]?
        public var version: [String]?
    }

    /// The running kernel: `match` globs (`*`, `?`), any of; `from` (inclusive) and `before`
    /// (exclusive) compared segment by segment as rpm compares versions ("2.6.32-358" ≤ r < "2.6.32-431").
    public struct KernelCondition: Sendable, Codable, Equatable {
        public var match: [String]?
        public var from: String?
        public var before: String?
    }

    /// A module by name, found where `in` says: `loaded` (lsmod), `nic` (a NIC's driver),
    /// `failure` (an allocation failure's own call trace). Default: any of the three.
    public struct ModuleCondition: Sendable, Codable, Equatable {
        public enum Place: String, Sendable, Codable, CaseIterable { case loaded, nic, failure }
        public var names: [String]
        public var `in`: [Place]?
    }

    /// Allocation failures that all the given filters accept; at least `minCount` (default 1) of them.
    public struct FailureCondition: Sendable, Codable, Equatable {
        public var minOrder: Int?
        public var maxOrder: Int?
        /// Masks as the kernel printed them ("0x4020"), any of.
        public var masks: [String]?
        /// GFP flag names (printed or decoded), any of ("__GFP_DMA32").
        public var flags: [String]?
        /// Modules in the failure's own trace, any of.
        public var modules: [String]?
        /// Process name globs, any of ("nfsd", "z_rd_int*").
        public var processes: [String]?
        public var minCount: Int?
    }

    /// Kernel events that all the given filters accept, at least `minCount` (default 1) logged in all
    /// (an event's `count` included): kind any of, module any of (`-` and `_` the same), process
    /// globs any of, `message` a regular expression the event's line matches.
    public struct EventCondition: Sendable, Codable, Equatable {
        public var kinds: [KernelEventKind]?
        public var modules: [String]?
        public var processes: [String]?
        public var message: String?
        public var minCount: Int?
    }

    /// A kernel log line: every such line contains `contains` (tested on every line, so cheap);
    /// `regex`, when given, is tried on those lines only.
    public struct LogCondition: Sendable, Codable, Equatable {
        public var contains: String
        public var regex: String?
    }

    public struct MemoryCondition: Sendable, Codable, Equatable {
        /// MemTotal at least this many GiB.
        public var minTotalGiB: Int?
    }
}

/// A rule file that could not be used, and why. The other rules still run.
public struct KnownIssueRuleProblem: Sendable, Codable, Equatable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
