/// A fact a report states, by the key it has in ``Report/factStates`` and ``Report/evidence``.
///
/// Each ``FactSpec`` names the fact it feeds, so the assembler records a state or a citation
/// under the spec's own fact and no key is typed twice. The raw values are the JSON keys of the
/// contract (`factStates.os`, `evidence["kernel.release"]`) and never change.
public struct Fact: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    // A struct, not an enum, so that a fact that is only displayed declares its key beside its
    // spec (``DisplayedFact``) instead of in a fifth file.
    public static let sosVersion = Fact(rawValue: "sosVersion")
    public static let hostname = Fact(rawValue: "hostname")
    public static let collectedAt = Fact(rawValue: "collectedAt")
    public static let uptime = Fact(rawValue: "uptime")
    public static let os = Fact(rawValue: "os")
    public static let uname = Fact(rawValue: "uname")
    public static let kernel = Fact(rawValue: "kernel")
    public static let kernelRelease = Fact(rawValue: "kernel.release")
    public static let packages = Fact(rawValue: "packages")
    public static let taint = Fact(rawValue: "taint")
    public static let modules = Fact(rawValue: "modules")
    public static let modinfo = Fact(rawValue: "modinfo")
    public static let nics = Fact(rawValue: "nics")
    public static let memory = Fact(rawValue: "memory")
    public static let sysctl = Fact(rawValue: "sysctl")
    public static let minFreeKbytes = Fact(rawValue: "vm.min_free_kbytes")
    public static let zoneReclaimMode = Fact(rawValue: "vm.zone_reclaim_mode")
    public static let hardware = Fact(rawValue: "hardware")
    public static let buddyinfo = Fact(rawValue: "buddyinfo")
    public static let zoneinfo = Fact(rawValue: "zoneinfo")
    public static let pagetypeinfo = Fact(rawValue: "pagetypeinfo")
    public static let kernelLog = Fact(rawValue: "kernelLog")
}

extension Report {
    /// The state of `fact` when it is missing (`nil` when it was read).
    /// Setting it drops the reason a member gave for the state before (``factStateReasons``).
    public subscript(state fact: Fact) -> FactState? {
        get { factStates[fact.rawValue] }
        set {
            factStates[fact.rawValue] = newValue
            factStateReasons[fact.rawValue] = nil
        }
    }

    /// Where `fact` was read.
    public subscript(evidence fact: Fact) -> Evidence? {
        get { evidence[fact.rawValue] }
        set { evidence[fact.rawValue] = newValue }
    }
}
