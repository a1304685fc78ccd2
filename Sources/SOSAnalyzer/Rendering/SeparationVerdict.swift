import Foundation

/// The correlator's verdict in words, for the case summary and `correlate`'s text alike: the set
/// that separates the affected hosts when chance does not explain it (family-wise p below
/// ``Correlator/familyWiseLevel``), else "no trait set stands out" with the best candidates, how
/// often chance does as well, and how many more unaffected hosts it would take to tell.
///
/// On `Samples/`: "`os=RHEL 6.4` + `nic.driver=mlx4_en`: 5 of 5 affected, 0 of 6 unaffected
/// (p = 0.0022; family-wise p = 0.011: 4 of the 461 other ways to pick 5 of these 11 hosts are
/// separated as cleanly by some set)."
enum SeparationVerdict {
    /// The text after "Separates them: "; nil when there is nothing to compare. `code` formats a trait.
    static func text(_ correlation: Correlation, code: (String) -> String) -> String? {
        guard let best = correlation.traitSets.first, !correlation.affected.isEmpty, !correlation.unaffected.isEmpty else {
            return correlation.affected.isEmpty || correlation.unaffected.isEmpty ? nil : "no trait set stands out (no set is more common among the affected)."
        }
        let traits = best.traits.map(code).joined(separator: " + ")
        let chance = chanceWords(correlation)
        if let p = best.familyWisePValue, p < Correlator.familyWiseLevel {
            return "\(traits): \(counts(best)) (p = \(pText(best.pValue)); family-wise p = \(pText(p))"
                + (chance.map { ": \($0)" } ?? "") + ")."
        }
        var seen = Set<[String]>()
        let candidates = correlation.traitSets.filter { seen.insert($0.traits).inserted }.prefix(3).map { set in
            set.traits.map(code).joined(separator: " + ") + " (\(counts(set)), p = \(pText(set.pValue))"
                + (set.familyWisePValue.map { ", family-wise p = \(pText($0))" } ?? "") + ")"
        }
        var text = "no trait set stands out. The best candidate\(candidates.count == 1 ? "" : "s"), " + list(Array(candidates))
            + ", " + (candidates.count == 1 ? "does" : "do") + " no better than chance"
            + (chance.map { ": \($0)." } ?? ".")
        if let more = correlation.significance?.moreUnaffectedToTell {
            text += " About \(more) more unaffected host\(more == 1 ? "" : "s") without \(traits) would tell whether it matters."
        } else if correlation.significance?.chanceP05 != nil {
            text += " No number of unaffected hosts would tell: it covers too few of the affected ones."
        }
        return text
    }

    /// "4 of the 461 other ways to pick 5 of these 11 hosts are separated as cleanly by some set".
    static func chanceWords(_ correlation: Correlation) -> String? {
        guard let significance = correlation.significance else { return nil }
        let affected = correlation.affected.count, hosts = affected + correlation.unaffected.count
        let others = significance.hitsOfBest - 1, tried = significance.labelings - 1
        let verb = others == 1 ? "is" : "are"
        if significance.method == "exact" {
            return "\(others) of the \(tried) other ways to pick \(affected) of these \(hosts) hosts \(verb) separated as cleanly by some set"
        }
        return "\(others) of \(tried) random picks of \(affected) of these \(hosts) hosts (seed \(significance.seed.map(String.init) ?? "?"))"
            + " \(verb) separated as cleanly by some set" + (significance.stoppedEarly ? ", and the draw stopped there" : "")
    }

    static func counts(_ set: TraitSet) -> String {
        "\(set.affectedCount) of \(set.affectedTotal) affected, \(set.unaffectedCount) of \(set.unaffectedTotal) unaffected"
    }

    /// Two significant digits, scientific below 0.001: "0.0022", "4.5e-07".
    static func pText(_ p: Double) -> String {
        if p >= 0.001 { return String(format: "%.2g", p).replacingOccurrences(of: "e-0", with: "e-") }
        return String(format: "%.1e", p).replacingOccurrences(of: "e-0", with: "e-")
    }

    private static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
}
