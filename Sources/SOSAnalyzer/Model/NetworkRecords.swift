/// The network counters of one report: where drops happened and, per driver, what they mean.
///
/// Each source that is missing leaves its list empty and a state in ``Report/factStates``
/// (`network.ethtoolStatistics`, `network.netDev`, `network.softnet`, `network.tcpExt`):
/// "not collected" is never shown as zero.
public struct NetworkEvidence: Sendable, Codable, Equatable {
    /// Every `ethtool -S` output sos collected, one per interface.
    public var interfaceStatistics: [InterfaceStatistics] = []
    /// `/proc/net/dev`, or `ip -s link` where that is what sos collected.
    public var netDev: [NetDevRecord] = []
    /// `proc/net/dev` or `ip -s link`: where ``netDev`` was read.
    @Nullable public var netDevFormat: String?
    /// `/proc/net/softnet_stat`, one row per CPU.
    public var softnet: [SoftnetRecord] = []
    /// TCP extension counters (prune, collapse, backlog drop, listen overflow, ...).
    @Nullable public var tcpExt: TCPExtCounters?
    /// `net.core.netdev_max_backlog`, `net.core.netdev_budget`, `net.core.netdev_budget_usecs`,
    /// where the report holds them.
    public var tunables: [NetworkTunable] = []

    public init() {}

    /// True when no counter was read (tunables alone say nothing about drops).
    public var isEmpty: Bool {
        interfaceStatistics.isEmpty && netDev.isEmpty && softnet.isEmpty && tcpExt == nil
    }

    /// CPUs whose backlog overflowed, and the sum of their drops.
    public var softnetDropped: Int64 { softnet.reduce(0) { $0 + $1.dropped } }
    public var softnetTimeSqueeze: Int64 { softnet.reduce(0) { $0 + $1.timeSqueeze } }

    public func tunable(_ name: String) -> NetworkTunable? { tunables.first { $0.name == name } }
}

/// One interface's `ethtool -S`, with the driver that printed it and what its non-zero drop
/// counters mean.
public struct InterfaceStatistics: Sendable, Codable, Equatable {
    public var interface: String
    /// From `ethtool -i` (or its fallbacks); nil when no source names it.
    @Nullable public var driver: String?
    @Nullable public var namespace: String?
    public var counters: [EthtoolCounter]
    /// The non-zero counters the knowledge table explains (``NICCounterMeanings``), in the driver's order.
    public var readings: [CounterReading]
    public var source: Evidence

    public init(interface: String, driver: String?, namespace: String?, counters: [EthtoolCounter],
                readings: [CounterReading], source: Evidence) {
        self.interface = interface
        self.driver = driver
        self.namespace = namespace
        self.counters = counters
        self.readings = readings
        self.source = source
    }

    /// Readings that are drops (not a counter that is never incremented).
    public var drops: [CounterReading] { readings.filter { $0.cause != NICCounterCause.notCounted.rawValue && $0.value > 0 } }
}

/// A counter's value with what it means on this driver and kernel.
public struct CounterReading: Sendable, Codable, Equatable {
    public var counter: String
    public var value: Int64
    /// ``NICCounterCause`` raw value: "failed buffer allocation", "no receive descriptor", ...
    public var cause: String
    public var meaning: String
    /// True when a non-zero value is evidence of memory trouble.
    public var pointsAtMemory: Bool
    /// The public source of the meaning (driver source file and kernel, or vendor document).
    public var reference: String
    public var source: Evidence

    public init(counter: String, value: Int64, cause: String, meaning: String, pointsAtMemory: Bool,
                reference: String, source: Evidence) {
        self.counter = counter
        self.value = value
        self.cause = cause
        self.meaning = meaning
        self.pointsAtMemory = pointsAtMemory
        self.reference = reference
        self.source = source
    }
}

/// A network tunable and where it was read.
public struct NetworkTunable: Sendable, Codable, Equatable {
    public var name: String
    public var value: Int
    public var source: Evidence

    public init(name: String, value: Int, source: Evidence) {
        self.name = name
        self.value = value
        self.source = source
    }
}

extension Fact {
    public static let ethtoolStatistics = Fact(rawValue: "network.ethtoolStatistics")
    public static let netDev = Fact(rawValue: "network.netDev")
    public static let softnet = Fact(rawValue: "network.softnet")
    public static let tcpExt = Fact(rawValue: "network.tcpExt")
}
