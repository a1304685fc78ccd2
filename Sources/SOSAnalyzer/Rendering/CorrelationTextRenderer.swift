import Foundation

/// `sosanalyze correlate --format text`: the correlation for a person reading a terminal.
/// Traits found on the same hosts are shown once, with the others beside them.
public enum CorrelationTextRenderer {
    /// Trait sets shown; the JSON has all of them.
    static let setsShown = 10

    public static func render(_ correlation: Correlation) -> String {
        let affectedTotal = correlation.affected.count, unaffectedTotal = correlation.unaffected.count
        var text = "Correlation of \(affectedTotal + unaffectedTotal) hosts (\(correlation.reportCount) reports), \(correlation.traitCount) distinct traits\n"
        text += "Affected when: \(correlation.criterion)\n\n"

        text += "Affected (\(affectedTotal)):\n"
        for host in correlation.affected {
            text += "  \(host.host)\n"
            for reason in host.reasons { text += "      \(reason)\n" }
        }
        text += "Unaffected (\(unaffectedTotal)): "
            + (correlation.unaffected.isEmpty ? "none" : correlation.unaffected.map(\.host).joined(separator: ", ")) + "\n\n"

        if !correlation.allAffected, let verdict = SeparationVerdict.text(correlation, code: { $0 }) {
            text += "Separates them: \(verdict)\n\n"
        }
        if correlation.allAffected {
            text += "Shared by all affected hosts:\n"
            text += wrapped(correlation.sharedByAllAffected) + "\n"
        }
        if !correlation.traitSets.isEmpty {
            text += "Trait sets, best first (affected covered / unaffected matched, one-sided Fisher p, family-wise p"
                + (correlation.significance.map { " over \($0.labelings) labelings, \($0.method)" } ?? "") + "):\n"
            for (rank, set) in correlation.traitSets.prefix(setsShown).enumerated() {
                text += "  \(rank + 1). \(set.traits.joined(separator: " + "))   "
                    + "affected \(set.affectedCount)/\(set.affectedTotal), unaffected \(set.unaffectedCount)/\(set.unaffectedTotal), "
                    + "p = \(formatted(set.pValue))" + (set.familyWisePValue.map { ", family-wise p = \(formatted($0))" } ?? "") + "\n"
                for (trait, others) in zip(set.traits, set.equivalents) where !others.isEmpty {
                    text += "       on the same hosts as \(trait): \(shortList(others))\n"
                }
                if !set.missedAffected.isEmpty { text += "       misses affected: \(set.missedAffected.joined(separator: ", "))\n" }
                if !set.unknownHosts.isEmpty {
                    text += "       unknown on \(set.unknownCount) host\(set.unknownCount == 1 ? "" : "s"): \(set.unknownHosts.joined(separator: ", "))\n"
                }
                if !set.matchedUnaffected.isEmpty { text += "       also on unaffected: \(set.matchedUnaffected.joined(separator: ", "))\n" }
            }
            if correlation.traitSets.count > setsShown {
                text += "  (\(correlation.traitSets.count - setsShown) more in --format json)\n"
            }
            text += "\n"
        }

        let leaders = correlation.ruledOut.filter { $0.sameHostsAs == nil }
        if !leaders.isEmpty {
            text += "Ruled out:\n"
            for entry in leaders {
                let followers = correlation.ruledOut.filter { $0.sameHostsAs == entry.trait }.map(\.trait)
                text += "  \(entry.trait) (affected \(entry.affectedCount), unaffected \(entry.unaffectedCount)): \(entry.reason)\n"
                if !followers.isEmpty { text += "      on the same hosts: \(shortList(followers))\n" }
            }
            text += "\n"
        }

        for timeline in correlation.timelines {
            text += "Timeline of \(timeline.host) (\(timeline.reports.count) reports):\n"
            for point in timeline.reports {
                let events = point.kernelEvents.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                text += "  \(point.collectedAt ?? "?")  \(point.os ?? "?")  \(point.kernel ?? "?")  \(point.source)"
                    + (point.affected ? "  affected" : "") + (point.allocationFailures > 0 ? ", \(point.allocationFailures) allocation failures" : "")
                    + (events.isEmpty ? "" : ", events: " + events.joined(separator: ", ")) + "\n"
            }
            for change in timeline.changes { text += "  change: \(change)\n" }
            for zone in timeline.highOrderTrend {
                let counts = zone.highOrderBlocks.map { $0.map(String.init) ?? "-" }.joined(separator: " -> ")
                text += "  Node \(zone.node) \(zone.zone) free blocks of order >= 2: \(counts) (\(zone.trend))\n"
            }
            text += "\n"
        }
        for note in correlation.notes { text += "Note: \(note)\n" }
        return text
    }

    static func formatted(_ p: Double) -> String {
        p == 0 ? "< 1e-300" : String(format: "%.4g", p)
    }

    private static func shortList(_ traits: [String], limit: Int = 8) -> String {
        traits.prefix(limit).joined(separator: ", ") + (traits.count > limit ? ", ... (\(traits.count - limit) more)" : "")
    }

    private static func wrapped(_ traits: [String]) -> String {
        var lines: [String] = [], line = " "
        for trait in traits {
            if line.count + trait.count > 100 { lines.append(line); line = " " }
            line += " " + trait
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
