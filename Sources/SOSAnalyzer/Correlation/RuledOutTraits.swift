/// Traits common among the affected that do not separate them: on unaffected hosts too, or
/// missing on some affected ones. These are the decoys a case gets stuck on (cluster software,
/// a proprietary module that "also logs allocation failures").
enum RuledOutTraits {
    /// - Parameters:
    ///   - groups: trait groups from `TraitMiner`, in display order.
    ///   - excluding: the groups of the best set (its traits explain, they are not ruled out).
    ///   - affected: per report.
    ///   - names: short host name per report, for the reasons.
    ///
    /// A group is listed when it is on at least a third of the affected reports (and at least one),
    /// is not on every report (that says nothing), and does not cover exactly the affected ones.
    /// Reports where the traits are unknown count neither way: a trait on every affected host
    /// where it is known and on no unaffected one is never ruled out.
    /// One entry per trait, so each can be looked up; traits after the first of a group carry
    /// `sameHostsAs`. Ordered by affected count, then display order.
    static func list(groups: [TraitMiner.Group], excluding: Set<Int>, affected: [Bool], names: [String]) -> [RuledOutTrait] {
        let affectedTotal = affected.filter { $0 }.count
        let unaffectedTotal = affected.count - affectedTotal
        let common = max(1, (affectedTotal + 2) / 3)
        let chosen = groups.indices.filter { index in
            let group = groups[index]
            let unknownAffected = group.unknownReports.filter { affected.indices.contains($0) && affected[$0] }.count
            let knownAffected = affectedTotal - unknownAffected
            let knownUnaffected = unaffectedTotal - (group.unknownReports.count - unknownAffected)
            let onEveryReport = group.affectedCount == knownAffected && group.unaffectedCount == knownUnaffected
            let separates = group.affectedCount == knownAffected && group.unaffectedCount == 0
            return !excluding.contains(index) && group.affectedCount >= common && !onEveryReport && !separates
        }
        let ordered = chosen.sorted { lhs, rhs in
            groups[lhs].affectedCount != groups[rhs].affectedCount
                ? groups[lhs].affectedCount > groups[rhs].affectedCount : lhs < rhs
        }
        var entries: [RuledOutTrait] = []
        for index in ordered {
            let group = groups[index]
            let reason = reason(for: group, affected: affected, names: names, affectedTotal: affectedTotal)
            for (position, trait) in group.traits.enumerated() {
                var entry = RuledOutTrait(
                    trait: trait, affectedCount: group.affectedCount, unaffectedCount: group.unaffectedCount,
                    reason: position == 0 ? reason : "same hosts as \(group.traits[0])",
                    sameHostsAs: position == 0 ? nil : group.traits[0])
                entry.unknownCount = group.unknownReports.count
                entries.append(entry)
            }
        }
        return entries
    }

    static func reason(for group: TraitMiner.Group, affected: [Bool], names: [String], affectedTotal: Int) -> String {
        let present = Set(group.reports), unknown = Set(group.unknownReports)
        let matchedUnaffected = affected.indices.filter { !affected[$0] && present.contains($0) }.map { names[$0] }
        let missedAffected = affected.indices.filter { affected[$0] && !present.contains($0) && !unknown.contains($0) }.map { names[$0] }
        var parts: [String] = []
        if !matchedUnaffected.isEmpty {
            parts.append("on \(hosts(matchedUnaffected, word: "unaffected host")) too")
        }
        if !missedAffected.isEmpty {
            parts.append("missing on \(missedAffected.count) of \(affectedTotal) affected hosts (\(listed(missedAffected)))")
        }
        if !unknown.isEmpty {
            parts.append("unknown on \(hosts(affected.indices.filter { unknown.contains($0) }.map { names[$0] }, word: "host"))")
        }
        return "\(kind(of: group.traits[0])) " + parts.joined(separator: ", and ")
    }

    /// What sort of thing the trait is, in the words of a case note.
    static func kind(of trait: String) -> String {
        let key = TraitOrder.key(of: trait)
        let value = trait.firstIndex(of: "=").map { String(trait[trait.index(after: $0)...]) } ?? ""
        switch key {
        case "package":
            if NotablePackages.clusterStack.contains(value) { return "cluster software" }
            if NotablePackages.shipsThirdPartyKernelModules(value) { return "third-party kernel package" }
            return "package"
        case "thirdParty": return "third-party module"
        case "taint": return value == "P" ? "proprietary-module taint" : "kernel taint \(value)"
        case "module": return "module"
        case "nic.driver": return "NIC driver"
        case "nic.firmware": return "NIC firmware"
        case "os", "kernel.stream": return "release"
        case "kernel": return "kernel"
        case "hardware": return "hardware model"
        case "memory": return "memory size"
        default: return key.hasPrefix("sysctl.") ? "tuning" : "trait"
        }
    }

    private static func hosts(_ names: [String], word: String) -> String {
        "\(names.count) \(word)\(names.count == 1 ? "" : "s") (\(listed(names)))"
    }

    private static func listed(_ names: [String]) -> String {
        let shown = names.prefix(Correlator.namesShown).joined(separator: ", ")
        return names.count > Correlator.namesShown ? shown + ", ..." : shown
    }
}
