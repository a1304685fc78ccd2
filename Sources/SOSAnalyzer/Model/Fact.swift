/// A fact a report states, by the key it has in ``Report/factStates`` and ``Report/evidence``.
///
/// Each ``FactSpec`` names the fact it feeds, so the assembler records a state or a citation
/// under the spec's own fact and no key is typed twice. The raw values are the JSON keys of the
/// contract (`factStates.os`, `evidence["kernel.release"]`) and never change.
public enum Fact: String, Sendable, CaseIterable {
    case sosVersion, hostname, collectedAt, uptime, os, uname, kernel
    case kernelRelease = "kernel.release"
    case packages, taint, modules, modinfo, nics, memory, sysctl
    case minFreeKbytes = "vm.min_free_kbytes"
    case zoneReclaimMode = "vm.zone_reclaim_mode"
    case hardware, buddyinfo, zoneinfo, pagetypeinfo, kernelLog
}

extension Report {
    /// The state of `fact` when it is missing (`nil` when it was read).
    public subscript(state fact: Fact) -> FactState? {
        get { factStates[fact.rawValue] }
        set { factStates[fact.rawValue] = newValue }
    }

    /// Where `fact` was read.
    public subscript(evidence fact: Fact) -> Evidence? {
        get { evidence[fact.rawValue] }
        set { evidence[fact.rawValue] = newValue }
    }
}
