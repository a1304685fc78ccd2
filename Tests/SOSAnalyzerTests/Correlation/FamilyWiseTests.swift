import Foundation
import Testing
@testable import SOSAnalyzer

/// The family-wise p of the trait sets: chance is accounted for before a set "separates them".
@Suite struct FamilyWiseTests {
    static func samples() async -> [Report] {
        await BatchReader.read(paths: [SharedData.samples.path], jobs: 2).reports
    }

    /// The seed labeling: all 462 ways to pick 5 of the 11 hosts are tried; 5 of them are
    /// separated perfectly by some set of at most three traits, so the best set's p is 5/462.
    @Test func seedLabelingStillSeparatesWithFamilyWisePBelowFivePercent() async throws {
        let reports = await Self.samples()
        let correlation = Correlator.correlate(reports)
        let best = try #require(correlation.traitSets.first)
        #expect(best.traits == ["os=RHEL 6.4", "nic.driver=mlx4_en"])
        #expect(best.familyWisePValue == 5.0 / 462.0)
        #expect(correlation.significance?.method == "exact")
        #expect(correlation.significance?.labelings == 462)
        #expect(correlation.significance?.hitsOfBest == 5)
        let verdict = CorrelationMarkdown.verdictLines(correlation).first ?? ""
        #expect(verdict == "- **Separates them:** `os=RHEL 6.4` + `nic.driver=mlx4_en`: 5 of 5 affected, 0 of 6 unaffected"
            + " (p = 0.0022; family-wise p = 0.011: 4 of the 461 other ways to pick 5 of these 11 hosts are separated as cleanly by some set).")
    }

    /// The count 5 of 462 found without the miner: for each way to pick 5 hosts, look for a set of
    /// at most three traits on exactly those hosts among the traits every picked host has.
    @Test func fiveOf462LabelingsAreSeparatedPerfectlyCountedByBruteForce() async throws {
        let reports = await Self.samples()
        let traits = reports.map { Set(HostTraits.traits(of: $0)) }
        let all = Set(traits.flatMap { $0 })
        let hostsOf = Dictionary(uniqueKeysWithValues: all.map { trait in (trait, Set(traits.indices.filter { traits[$0].contains(trait) })) })
        var separated = 0, labelings = 0
        func combinations(_ start: Int, _ picked: [Int]) {
            if picked.count == 5 {
                labelings += 1
                let chosen = Set(picked)
                let candidates = hostsOf.values.filter { chosen.isSubset(of: $0) }
                var found = candidates.contains(chosen)
                for i in candidates.indices where !found {
                    for j in candidates.indices where j > i && !found {
                        let pair = candidates[i].intersection(candidates[j])
                        if pair == chosen { found = true; break }
                        for k in candidates.indices where k > j && pair.intersection(candidates[k]) == chosen { found = true; break }
                    }
                }
                if found { separated += 1 }
                return
            }
            for next in start..<traits.count { combinations(next + 1, picked + [next]) }
        }
        combinations(0, [])
        #expect(labelings == 462)
        #expect(separated == 5)
    }

    /// Five hosts picked at random: `module=mdio` (2 of 5 affected, 0 of 6 unaffected) is no separator.
    @Test func randomLabelingOfSamplesClaimsNoSeparator() async throws {
        let reports = await Self.samples()
        let correlation = Correlator.correlate(reports, criterion: .hosts(["dbnode01", "web07", "infra21", "dbnode12", "app08"]))
        let best = try #require(correlation.traitSets.first)
        #expect((best.familyWisePValue ?? 0) >= 0.05)
        let verdict = CorrelationMarkdown.verdictLines(correlation).first ?? ""
        #expect(verdict.hasPrefix("- **Separates them:** no trait set stands out. The best candidates, `module=mdio` (2 of 5 affected, 0 of 6 unaffected, p = 0.18"))
        #expect(verdict.contains("more unaffected hosts without `module=mdio` would tell whether it matters."))
        let text = CorrelationTextRenderer.render(correlation)
        #expect(text.contains("Separates them: no trait set stands out."))
    }

    /// 40 hosts, 10 affected: C(40, 10) labelings are too many, so random ones are drawn from the
    /// fixed seed; the same inputs give the same p.
    @Test func monteCarloIsRepeatable() {
        var traits: [[String]] = []
        var affected: [Bool] = []
        for host in 0..<40 {
            var these = ["os=RHEL \(host % 3)", "module=m\(host % 5)", "hardware=h\(host % 7)"]
            if host < 10 { these.append("nic.driver=cause") }
            traits.append(these)
            affected.append(host < 10)
        }
        let mined = TraitMiner.mine(traits: traits, affected: affected)
        let first = FamilyWiseTest.run(groups: mined.groups, affected: affected, observed: mined.sets.map(\.logPValue))
        let second = FamilyWiseTest.run(groups: mined.groups, affected: affected, observed: mined.sets.map(\.logPValue))
        #expect(first == second)
        #expect(first?.exact == false)
        #expect(first?.labelings == FamilyWiseTest.permutations + 1)
        // The planted trait is on exactly the affected hosts: no random labeling does as well.
        #expect(first?.hits.first == 1)
        #expect(first?.pValues.first == 1.0 / 1000.0)
    }
}
