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

    public static func correlate(_ reports: [Report], criterion: AffectedCriterion = .symptoms,
                                 limit: Int = defaultLimit) -> Correlation {
        let hosts = reports.map { $0.hostname ?? $0.source.path }
        var criterion = criterion
        var reasons = reports.map { criterion.reasons(for: $0) }
        if case .symptoms = criterion, reasons.allSatisfy(\.isEmpty), let events = AffectedCriterion.mostCommonEvent(reports) {
            criterion = events
            reasons = reports.map { criterion.reasons(for: $0) }
        }
        let affected = reasons.map { !$0.isEmpty }
        var traits = reports.map(HostTraits.traits(of:))
        // the symptom that decides who is affected is no trait to discover
        if case .nicDrops = criterion {
            traits = traits.map { $0.filter { !$0.hasPrefix("nic.rx_drops=") } }
        }
        if case .event(let kind, _, _) = criterion {
            traits = traits.map { $0.filter { $0 != "event=\(kind.rawValue)" && !$0.hasPrefix("event=\(kind.rawValue):") } }
        }
        let mined = TraitMiner.mine(traits: traits, affected: affected, limit: limit)
        let affectedTotal = mined.affectedTotal, unaffectedTotal = mined.unaffectedTotal

        var correlation = Correlation(criterion: criterion.description)
        for index in reports.indices {
            let judged = JudgedHost(host: hosts[index], source: reports[index].source.path, reasons: reasons[index])
            if affected[index] { correlation.affected.append(judged) } else { correlation.unaffected.append(judged) }
        }
        correlation.traitCount = mined.groups.reduce(0) { $0 + $1.traits.count }
        let short = reports.indices.map { shortName(hosts[$0], hasHostname: reports[$0].hostname != nil) }

        for set in mined.sets {
            var covered = Set(reports.indices)
            for group in set.groups { covered.formIntersection(mined.groups[group].reports) }
            correlation.traitSets.append(TraitSet(
                traits: set.groups.map { mined.groups[$0].traits[0] },
                equivalents: set.groups.map { Array(mined.groups[$0].traits.dropFirst()) },
                affectedCount: set.affectedCount, unaffectedCount: set.unaffectedCount,
                affectedTotal: affectedTotal, unaffectedTotal: unaffectedTotal, pValue: set.pValue,
                log10PValue: set.logPValue / log(10),
                missedAffected: Array(reports.indices.filter { affected[$0] && !covered.contains($0) }.map { hosts[$0] }.prefix(namesShown)),
                matchedUnaffected: Array(reports.indices.filter { !affected[$0] && covered.contains($0) }.map { hosts[$0] }.prefix(namesShown))))
        }

        if affectedTotal > 0 {
            correlation.sharedByAllAffected = mined.groups.filter { $0.affectedCount == affectedTotal }
                .flatMap(\.traits).sorted(by: TraitOrder.precedes)
            let explaining = Set(mined.sets.first?.groups ?? [])
            correlation.ruledOut = RuledOutTraits.list(
                groups: mined.groups, excluding: explaining, affected: affected, names: short)
        }
        correlation.allAffected = affectedTotal > 0 && unaffectedTotal == 0
        correlation.timelines = HostTimelines.build(reports)

        if case .hosts(let names) = criterion {
            correlation.unmatchedHosts = names.filter { name in
                !reports.contains { AffectedCriterion.hosts([name]).reasons(for: $0).isEmpty == false }
            }
        }
        correlation.notes = notes(reports: reports, mined: mined, correlation: correlation)
        return correlation
    }

    /// "dbnode11" for "dbnode11.prod.example.com"; a path stays whole.
    static func shortName(_ host: String, hasHostname: Bool) -> String {
        guard hasHostname, let dot = host.firstIndex(of: "."), dot != host.startIndex else { return host }
        return String(host[..<dot])
    }

    private static func notes(reports: [Report], mined: TraitMiner.Result, correlation: Correlation) -> [String] {
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
        var reportsPerHost: [String: Int] = [:]
        for hostname in reports.compactMap(\.hostname) { reportsPerHost[hostname, default: 0] += 1 }
        let repeated = reportsPerHost.filter { $0.value > 1 }
        if !repeated.isEmpty {
            notes.append("\(repeated.count) host\(repeated.count == 1 ? " has" : "s have") several reports; each report counts once")
        }
        return notes
    }
}
