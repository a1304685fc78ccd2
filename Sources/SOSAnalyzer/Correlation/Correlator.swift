import Foundation

/// Correlates a batch of reports: judges each affected or not, mines the trait sets that separate
/// the two groups, names the traits ruled out, and follows hosts seen more than once.
///
/// On the `Samples/` fleet (11 reports, 5 affected by allocation failures and exhausted high
/// orders) the best set is `os=RHEL 6.4` + `nic.driver=mlx4_en` (5 affected, 0 unaffected,
/// p = 1/462), while `package=cman` (3 affected, 2 unaffected) and `taint=P` (2 affected,
/// 1 unaffected) are ruled out.
public enum Correlator {
    /// Trait sets kept, best first.
    public static let defaultLimit = 20
    /// Host names listed in a trait set or a reason, at most.
    static let namesShown = 10

    /// - Parameter groups: the reports grouped into hosts; ``HostIdentity/group(_:)`` when nil.
    public static func correlate(_ reports: [Report], criterion: AffectedCriterion = .symptoms,
                                 limit: Int = defaultLimit, hosts groups: [HostGroup]? = nil) -> Correlation {
        let groups = groups ?? HostIdentity.group(reports)
        var criterion = criterion
        var reasons = reports.map { criterion.reasons(for: $0) }
        if case .symptoms = criterion, reasons.allSatisfy(\.isEmpty), let events = AffectedCriterion.mostCommonEvent(reports) {
            criterion = events
            reasons = reports.map { criterion.reasons(for: $0) }
        }
        // A host is affected when any of its reports is; it shows the traits it had then.
        let reportAffected = reasons.map { !$0.isEmpty }
        let affected = groups.map { $0.reports.contains { reportAffected[$0] } }
        let hosts = groups.map { group in group.hostname ?? group.reports.first.map { reports[$0].source.path } ?? "" }
        var reportTraits = reports.map(HostTraits.traits(of:))
        // the symptom that decides who is affected is no trait to discover
        if case .nicDrops = criterion {
            reportTraits = reportTraits.map { $0.filter { !$0.hasPrefix("nic.rx_drops=") } }
        }
        if case .event(let kind, _, _) = criterion {
            reportTraits = reportTraits.map { $0.filter { $0 != "event=\(kind.rawValue)" && !$0.hasPrefix("event=\(kind.rawValue):") } }
        }
        var traits: [[String]] = [], unknown: [Set<String>] = []
        for index in groups.indices {
            let members = groups[index].reports.filter { !affected[index] || reportAffected[$0] }
            traits.append(members.count == 1 ? reportTraits[members[0]] : Array(Set(members.flatMap { reportTraits[$0] })))
            // A key is unknown for a host when none of its reports tells it.
            let unknowns = members.map { TraitKnowledge.unknownKeys(of: reports[$0], traits: reportTraits[$0]) }
            unknown.append(unknowns.dropFirst().reduce(unknowns.first ?? []) { $0.intersection($1) })
        }
        let mined = TraitMiner.mine(traits: traits, affected: affected, unknown: unknown, limit: limit)
        let affectedTotal = mined.affectedTotal, unaffectedTotal = mined.unaffectedTotal

        var correlation = Correlation(criterion: criterion.description)
        correlation.reportCount = reports.count
        for (index, group) in groups.enumerated() {
            let several = group.reports.count > 1
            let shown = affected[index] ? group.reports.first { reportAffected[$0] } : group.reports.last
            let why = group.reports.flatMap { member in
                reasons[member].map { several ? "\(reports[member].collectedAt ?? reports[member].source.path): \($0)" : $0 }
            }
            let judged = JudgedHost(host: hosts[index], source: shown.map { reports[$0].source.path } ?? "", reasons: why)
            if affected[index] { correlation.affected.append(judged) } else { correlation.unaffected.append(judged) }
            correlation.hosts.append(CorrelatedHost(id: group.id, hostname: group.hostname,
                                                    reports: group.reports.map { reports[$0].source.path },
                                                    affected: affected[index]))
        }
        correlation.traitCount = mined.groups.reduce(0) { $0 + $1.traits.count }
        let short = groups.indices.map { shortName(hosts[$0], hasHostname: groups[$0].hostname != nil) }

        for set in mined.sets {
            var covered = Set(groups.indices)
            for group in set.groups { covered.formIntersection(mined.groups[group].reports) }
            let unknownHosts = Set(set.groups.flatMap { mined.groups[$0].unknownReports })
            var traitSet = TraitSet(
                traits: set.groups.map { mined.groups[$0].traits[0] },
                equivalents: set.groups.map { Array(mined.groups[$0].traits.dropFirst()) },
                affectedCount: set.affectedCount, unaffectedCount: set.unaffectedCount,
                affectedTotal: set.affectedTotal, unaffectedTotal: set.unaffectedTotal, pValue: set.pValue,
                log10PValue: set.logPValue / log(10),
                missedAffected: Array(groups.indices.filter { affected[$0] && !covered.contains($0) && !unknownHosts.contains($0) }
                    .map { hosts[$0] }.prefix(namesShown)),
                matchedUnaffected: Array(groups.indices.filter { !affected[$0] && covered.contains($0) }.map { hosts[$0] }.prefix(namesShown)))
            traitSet.unknownCount = unknownHosts.count
            traitSet.unknownHosts = Array(groups.indices.filter { unknownHosts.contains($0) }.map { hosts[$0] }.prefix(namesShown))
            correlation.traitSets.append(traitSet)
        }

        if let test = FamilyWiseTest.run(groups: mined.groups, affected: affected, observed: mined.sets.map(\.logPValue)) {
            for index in correlation.traitSets.indices { correlation.traitSets[index].familyWisePValue = test.pValues[index] }
            correlation.significance = significance(test, best: mined.sets.first, mined: mined)
        }

        if affectedTotal > 0 {
            correlation.sharedByAllAffected = mined.groups.filter { $0.affectedCount == affectedTotal }
                .flatMap(\.traits).sorted(by: TraitOrder.precedes)
            let explaining = Set(mined.sets.first?.groups ?? [])
            correlation.ruledOut = RuledOutTraits.list(
                groups: mined.groups, excluding: explaining, affected: affected, names: short)
        }
        correlation.allAffected = affectedTotal > 0 && unaffectedTotal == 0
        correlation.timelines = HostTimelines.build(reports, groups: groups)

        if case .hosts(let names) = criterion {
            correlation.unmatchedHosts = names.filter { name in
                !reports.contains { AffectedCriterion.hosts([name]).reasons(for: $0).isEmpty == false }
            }
        }
        correlation.notes = notes(reports: reports, groups: groups, mined: mined, correlation: correlation)
        return correlation
    }

    /// Below this family-wise p a set "separates them"; otherwise no set stands out.
    public static let familyWiseLevel = 0.05

    static func significance(_ test: FamilyWiseTest.Result, best: TraitMiner.MinedSet?, mined: TraitMiner.Result) -> Significance {
        var more: Int?
        if let best, let p = test.pValues.first, p >= familyWiseLevel, let target = test.chanceLogP05 {
            more = moreUnaffected(affected: best.affectedCount, unaffected: best.unaffectedCount,
                                  affectedTotal: mined.affectedTotal, unaffectedTotal: mined.unaffectedTotal, target: target)
        }
        return Significance(method: test.exact ? "exact" : "monte-carlo", labelings: test.labelings,
                            seed: test.exact ? nil : FamilyWiseTest.seed,
                            stoppedEarly: !test.exact && test.labelings < FamilyWiseTest.permutations + 1,
                            hitsOfBest: test.hits.first ?? 0, chanceP05: test.chanceLogP05.map { exp($0) },
                            moreUnaffectedToTell: more)
    }

    /// The fewest unaffected hosts without the set to add for its p to reach `target` (a log p);
    /// nil past 100,000 (the set cannot tell them apart, whatever the fleet).
    static func moreUnaffected(affected a: Int, unaffected u: Int, affectedTotal: Int, unaffectedTotal: Int, target: Double) -> Int? {
        func reaches(_ extra: Int) -> Bool {
            FisherExactTest(affectedTotal: affectedTotal, unaffectedTotal: unaffectedTotal + extra)
                .logPValue(affected: a, unaffected: u) <= target
        }
        var high = 1
        while !reaches(high) {
            if high > 100_000 { return nil }
            high *= 2
        }
        var low = high / 2 + 1
        while low < high {
            let middle = (low + high) / 2
            if reaches(middle) { high = middle } else { low = middle + 1 }
        }
        return high
    }

    /// "dbnode11" for "dbnode11.prod.example.com"; a path stays whole.
    static func shortName(_ host: String, hasHostname: Bool) -> String {
        guard hasHostname, let dot = host.firstIndex(of: "."), dot != host.startIndex else { return host }
        return String(host[..<dot])
    }

    private static func notes(reports: [Report], groups: [HostGroup], mined: TraitMiner.Result, correlation: Correlation) -> [String] {
        var notes: [String] = []
        if reports.isEmpty {
            notes.append("no report to correlate")
        } else if mined.affectedTotal == 0 {
            notes.append("no report is affected (\(correlation.criterion)): nothing to correlate")
        } else if correlation.allAffected {
            notes.append("every report is affected (\(correlation.criterion)): with no unaffected host to compare "
                + "with, nothing can be ruled out by contrast; sharedByAllAffected lists what they all have")
        } else if correlation.traitSets.isEmpty {
            notes.append("no trait set is more common among the affected than among the unaffected")
        }
        if !correlation.unmatchedHosts.isEmpty {
            notes.append("no report of: \(correlation.unmatchedHosts.joined(separator: ", "))")
        }
        let repeated = groups.filter { $0.reports.count > 1 }.count
        if repeated > 0 {
            notes.append("\(repeated) host\(repeated == 1 ? " has" : "s have") several reports; each host counts once,"
                + " affected when any of its reports is")
        }
        return notes
    }
}
