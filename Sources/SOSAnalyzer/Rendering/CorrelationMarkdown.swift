import Foundation

/// The correlator's part of the case summary: one line for the verdict naming the trait set that
/// separates the affected hosts and the decoys it rules out, and a section with the ranked sets
/// and the ruled-out traits, each with its counts.
enum CorrelationMarkdown {
    /// Trait sets shown in the table; the JSON keeps the rest.
    static let shownSets = 8
    /// Ruled-out traits shown in the table (groups of traits on the same hosts count once).
    static let shownRuledOut = 12

    /// "- **Separates them:** `os=RHEL 6.4` + `nic.driver=mlx4_en`: 5 of 5 affected, 0 of 6 unaffected (p = 0.0022;
    /// family-wise p = 0.011: ...)" (``SeparationVerdict``)
    /// and "- **Ruled out:** cluster software ..." for the verdict; nothing when nothing separates.
    static func verdictLines(_ correlation: Correlation) -> [String] {
        var out: [String] = []
        if correlation.allAffected {
            let shared = correlation.sharedByAllAffected.prefix(6).map { "`\($0)`" }.joined(separator: ", ")
            out.append("- **Every host is affected**, so nothing separates them; they share " + (shared.isEmpty ? "no trait." : "\(shared)."))
            return out
        }
        // Only a set that chance does not explain, the miner's many tries counted (family-wise p).
        if let verdict = SeparationVerdict.text(correlation, code: { "`\($0)`" }) {
            out.append("- **Separates them:** " + verdict)
        }
        let decoys = notableRuledOut(correlation).prefix(4)
        if !decoys.isEmpty {
            out.append("- **Ruled out:** " + decoys.map { entry in
                "\(entry.label) (`\(entry.trait.trait)`: \(entry.trait.affectedCount) of \(correlation.affected.count) affected, "
                    + "\(entry.trait.unaffectedCount) of \(correlation.unaffected.count) unaffected)"
            }.joined(separator: "; ") + ".")
        }
        return out
    }

    /// The section after the verdict.
    static func section(_ correlation: Correlation) -> [String] {
        guard !correlation.affected.isEmpty else { return [] }
        var out = ["## What the affected hosts share", ""]
        out.append("Affected when: \(correlation.criterion). Traits are facts of each report (`key=value`); a"
            + " symptom is never a trait. One-sided Fisher's exact test over \(correlation.affected.count) affected"
            + " and \(correlation.unaffected.count) unaffected hosts"
            + (correlation.reportCount == correlation.hosts.count ? "" : " (\(correlation.reportCount) reports; a host is affected when any of its reports is)")
            + ", \(correlation.traitCount) distinct traits.")
        if let significance = correlation.significance {
            out.append("")
            out.append("*Family-wise p*: the share of labelings of these hosts, as many affected, whose best set does at least as well"
                + (significance.method == "exact" ? " (all \(significance.labelings) labelings tried)"
                   : " (\(significance.labelings - 1) random labelings from seed \(significance.seed.map(String.init) ?? "?"), and the observed one)")
                + ": the chance of a set this good among every set of up to three traits the miner tries.")
        }
        out.append("")
        if correlation.allAffected {
            out.append("Every host is affected: there is nothing to compare with. Shared by all of them: "
                + correlation.sharedByAllAffected.prefix(20).map { "`\($0)`" }.joined(separator: ", ") + ".")
            out.append("")
        } else if !correlation.traitSets.isEmpty {
            var table = MarkdownTable(["#", "Traits", "Affected", "Unaffected", "p", "Family-wise p", "Same hosts as"],
                                      alignments: [.right, .left, .right, .right, .right, .right, .left])
            for (rank, set) in correlation.traitSets.prefix(shownSets).enumerated() {
                let equivalents = set.equivalents.flatMap { $0 }
                table.add(["\(rank + 1)", traitList(set.traits) + unknownNote(set.unknownCount),
                           "\(set.affectedCount)/\(set.affectedTotal)", "\(set.unaffectedCount)/\(set.unaffectedTotal)",
                           pText(set.pValue), set.familyWisePValue.map(pText) ?? "—",
                           equivalents.isEmpty ? "—" : equivalents.prefix(4).map { "`\($0)`" }.joined(separator: ", ")
                               + (equivalents.count > 4 ? " and \(equivalents.count - 4) more" : "")])
            }
            out.append(table.render())
            out.append("")
        }
        // The usual suspects first (the verdict names them), then the rest in the correlator's order.
        let notable = notableRuledOut(correlation).map { $0.trait.trait }
        let allHeads = correlation.ruledOut.filter { $0.sameHostsAs == nil }
        let rank = { (head: RuledOutTrait) -> Int? in
            notable.firstIndex { name in
                name == head.trait || correlation.ruledOut.contains { $0.trait == name && $0.sameHostsAs == head.trait }
            }
        }
        let heads = allHeads.filter { rank($0) != nil }.sorted { (rank($0) ?? 0) < (rank($1) ?? 0) }
            + allHeads.filter { rank($0) == nil }
        if !heads.isEmpty {
            out.append("### Ruled out")
            out.append("")
            var table = MarkdownTable(["Trait", "Affected", "Unaffected", "Why not"], alignments: [.left, .right, .right, .left])
            for trait in heads.prefix(shownRuledOut) {
                let followers = correlation.ruledOut.filter { $0.sameHostsAs == trait.trait }.count
                table.add(["`\(trait.trait)`" + (followers > 0 ? " (+\(followers) on the same hosts)" : "") + unknownNote(trait.unknownCount),
                           "\(trait.affectedCount)/\(correlation.affected.count)",
                           "\(trait.unaffectedCount)/\(correlation.unaffected.count)", trait.reason])
            }
            out.append(table.render())
            if heads.count > shownRuledOut {
                out.append("")
                out.append("\(heads.count - shownRuledOut) more in `sosanalyze correlate` and the JSON.")
            }
            out.append("")
        }
        for note in correlation.notes { out.append("> \(note)") }
        if !correlation.notes.isEmpty { out.append("") }
        return out
    }

    /// Decoys worth naming in the verdict: the usual suspects — cluster software, third-party
    /// modules, taint, hardware — each group once; the table below lists everything else.
    static func notableRuledOut(_ correlation: Correlation) -> [(label: String, trait: RuledOutTrait)] {
        let heads = correlation.ruledOut.filter { $0.sameHostsAs == nil && $0.affectedCount > 0 }
        func group(_ trait: RuledOutTrait) -> [String] {
            [trait.trait] + correlation.ruledOut.filter { $0.sameHostsAs == trait.trait }.map(\.trait)
        }
        var picked: [(label: String, trait: RuledOutTrait, rank: Int)] = []
        for trait in heads {
            let members = group(trait)
            let value = { (key: String) in members.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) } }
            let thirdParty = members.filter { $0.hasPrefix("thirdParty=") }.map { String($0.dropFirst("thirdParty=".count)) }.sorted()
            if members.contains(where: { $0.hasPrefix("package=") && NotablePackages.clusterStack.contains(String($0.dropFirst(8))) }) {
                picked.append(("cluster software", representative(trait, members, preferring: "package=cman"), 0))
            } else if !thirdParty.isEmpty {
                let taint = value("taint").map { " (taint \($0))" } ?? ""
                picked.append(("third-party module\(thirdParty.count == 1 ? "" : "s") \(thirdParty.joined(separator: ", "))\(taint)", trait, 1))
            } else if let letter = value("taint") {
                picked.append(("kernel taint \(letter)", trait, 2))
            } else if let hardware = value("hardware") {
                picked.append(("hardware \(hardware)", representative(trait, members, preferring: "hardware=\(hardware)"), 3))
            }
        }
        var seenLabels = Set<String>()
        return picked.sorted { $0.rank < $1.rank }.filter { seenLabels.insert($0.label).inserted }.map { ($0.label, $0.trait) }
    }

    /// The group's head keeps its counts; the name shown is the one people know (cman before clusterlib).
    private static func representative(_ head: RuledOutTrait, _ members: [String], preferring name: String) -> RuledOutTrait {
        guard members.contains(name) else { return head }
        var shown = head
        shown.trait = name
        return shown
    }

    static func traitList(_ traits: [String]) -> String {
        traits.map { "`\($0)`" }.joined(separator: " + ")
    }

    static func pText(_ p: Double) -> String { SeparationVerdict.pText(p) }

    /// " (unknown on 2 hosts)": hosts left out of the counts, the trait's source not collected there.
    static func unknownNote(_ count: Int) -> String {
        count == 0 ? "" : " (unknown on \(count) host\(count == 1 ? "" : "s"))"
    }
}
