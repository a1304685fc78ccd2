import Foundation
import Testing
@testable import SOSAnalyzer

/// The permutation test's scorer finds, for every labeling, the very log p the miner's search
/// finds (the permutation test before the scorer: a matrix per labeling and ``Search`` on it).
@Suite struct LabelingScorerTests {
    /// The best log p of `labeling` as the permutation test found it before ``LabelingScorer``.
    static func searched(_ groups: [TraitMiner.Group], _ labeling: [Bool], threshold: Double, stop: Double, maxSize: Int = 3) -> Double {
        let first = TraitMatrix(groups: groups, affected: labeling)
        let shared = first.hasUnknowns ? nil : Search.Tables(first)
        let matrix = TraitMatrix(groups: groups, affected: labeling,
                                 needsRow: shared.map { tables in { tables.bound[$0] <= threshold + Search.slack } } ?? { _ in true })
        var search = Search(matrix: matrix, limit: 1, threshold: threshold, tables: shared)
        search.stopBelow = stop
        search.run(maxSize: maxSize)
        return search.best.first?.logPValue ?? .infinity
    }

    /// A random fleet: each trait with its own frequency, some keys unknown on some hosts.
    static func fleet(_ random: inout SplitMix64, hosts: Int, traits: Int, unknowns: Bool) -> (traits: [[String]], unknown: [Set<String>]) {
        let keys = ["os", "module", "nic.driver", "package", "hardware"]
        let frequencies = (0..<traits).map { _ in 0.05 + 0.7 * Double(random.next() % 1000) / 1000 }
        var all: [[String]] = [], unknown: [Set<String>] = []
        for _ in 0..<hosts {
            var these: [String] = []
            for index in 0..<traits where Double(random.next() % 1000) / 1000 < frequencies[index] {
                these.append("\(keys[index % keys.count])=t\(index)")
            }
            // A few hosts did not collect the NIC facts (or the packages): those keys are unknown there.
            var missing: Set<String> = []
            if unknowns && random.next() % 5 == 0 { missing.insert("nic.driver") }
            if unknowns && random.next() % 9 == 0 { missing.insert("package") }
            these.removeAll { missing.contains(String(TraitOrder.key(of: $0))) }
            all.append(these)
            unknown.append(missing)
        }
        return (all, unknown)
    }

    static func randomLabeling(_ random: inout SplitMix64, hosts: Int, affected: Int) -> [Bool] {
        var order = Array(0..<hosts)
        for index in 0..<affected { order.swapAt(index, index + Int(random.next() % UInt64(hosts - index))) }
        var labeling = [Bool](repeating: false, count: hosts)
        for index in order[..<affected] { labeling[index] = true }
        return labeling
    }

    @Test(arguments: [false, true])
    func sameBestLogPAsTheSearchOnRandomLabelingsOfRandomFleets(unknowns: Bool) {
        var random = SplitMix64(seed: unknowns ? 7 : 3)
        var compared = 0, finite = 0, stoppedEarly = 0
        for round in 0..<24 {
            let hosts = 8 + Int(random.next() % 150), traitCount = 4 + Int(random.next() % 36)
            let fleet = Self.fleet(&random, hosts: hosts, traits: traitCount, unknowns: unknowns)
            let affectedTotal = 1 + Int(random.next() % UInt64(hosts / 3))
            let observed = Self.randomLabeling(&random, hosts: hosts, affected: affectedTotal)
            let mined = TraitMiner.mine(traits: fleet.traits, affected: observed, unknown: fleet.unknown)
            guard let best = mined.sets.first?.logPValue, let worst = mined.sets.last?.logPValue else { continue }
            if unknowns { #expect(mined.groups.contains { !$0.unknownReports.isEmpty }) }
            // As the permutation test sets them, and looser: every set, and no early stop.
            let settings: [(threshold: Double, stop: Double)] = [
                (worst + Search.slack, best + Search.slack), (worst + Search.slack, -.infinity), (.infinity, -.infinity),
            ]
            for (threshold, stop) in settings {
                let scorer = LabelingScorer(groups: mined.groups, hosts: hosts, affectedTotal: affectedTotal, threshold: threshold,
                                            stopBelow: stop, maxSize: 3)
                // The shared counts are counted once and reused; past the budget each labeling counts its own.
                for budget in [1 << 23, round % 3 == 0 ? 0 : 100] {
                    let totals = IntersectionTotals.View(IntersectionTotals(groupCount: mined.groups.count, budget: budget))
                    for _ in 0..<12 {
                        let labeling = Self.randomLabeling(&random, hosts: hosts, affected: affectedTotal)
                        let expected = Self.searched(mined.groups, labeling, threshold: threshold, stop: stop)
                        let found = scorer.bestLogP(labeling, totals: totals)
                        #expect(found == expected, "round \(round), \(hosts) hosts, \(mined.groups.count) groups")
                        compared += 1
                        if expected.isFinite { finite += 1 }
                        if expected <= stop { stoppedEarly += 1 }
                    }
                    #expect(scorer.bestLogP(observed, totals: totals) == Self.searched(mined.groups, observed, threshold: threshold, stop: stop))
                }
            }
        }
        #expect(compared > 1_000)
        #expect(finite > compared / 4)
        #expect(stoppedEarly > 10)
    }

    /// Labelings scored on two cores at once, sharing one set of counts (rows being counted on the
    /// other core are counted again where needed): the same values, in order.
    @Test func twoCoresSharingTheCountsGiveTheSameValues() {
        var random = SplitMix64(seed: 5)
        let fleet = Self.fleet(&random, hosts: 160, traits: 36, unknowns: false)
        let observed = Self.randomLabeling(&random, hosts: 160, affected: 20)
        let mined = TraitMiner.mine(traits: fleet.traits, affected: observed, unknown: fleet.unknown)
        let scorer = LabelingScorer(groups: mined.groups, hosts: 160, affectedTotal: 20, threshold: .infinity, stopBelow: -.infinity, maxSize: 3)
        let totals = IntersectionTotals(groupCount: mined.groups.count)
        let workers = [IntersectionTotals.View(totals), IntersectionTotals.View(totals)]
        let block = (0..<32).map { _ in Self.randomLabeling(&random, hosts: 160, affected: 20) }
        let values = FamilyWiseTest.searchBlock(block, scorer, workers)
        #expect(values == block.map { Self.searched(mined.groups, $0, threshold: .infinity, stop: -.infinity) })
    }

    /// Pairs only, and singles only: the sizes the miner allows.
    @Test func sameBestLogPWithSmallerSets() {
        var random = SplitMix64(seed: 11)
        let fleet = Self.fleet(&random, hosts: 60, traits: 20, unknowns: true)
        let observed = Self.randomLabeling(&random, hosts: 60, affected: 12)
        let mined = TraitMiner.mine(traits: fleet.traits, affected: observed, unknown: fleet.unknown)
        for maxSize in 1...2 {
            let scorer = LabelingScorer(groups: mined.groups, hosts: 60, affectedTotal: 12, threshold: .infinity, stopBelow: -.infinity, maxSize: maxSize)
            for _ in 0..<50 {
                let labeling = Self.randomLabeling(&random, hosts: 60, affected: 12)
                #expect(scorer.bestLogP(labeling) == Self.searched(mined.groups, labeling, threshold: .infinity, stop: -.infinity, maxSize: maxSize))
            }
        }
    }

    /// Every one of the 462 ways to pick 5 of the 11 hosts of `Samples/`: the same log p as the
    /// search, and 5 of them (the seed's among them) as good as the seed set.
    @Test func all462LabelingsOfSamplesAsTheSearchFindsThem() async throws {
        let reports = await BatchReader.read(paths: [SharedData.samples.path], jobs: 2).reports
        #expect(reports.count == 11)
        let traits = reports.map(HostTraits.traits(of:))
        let unknown = reports.indices.map { TraitKnowledge.unknownKeys(of: reports[$0], traits: traits[$0]) }
        let observed = reports.map(ZoneExhaustion.isAffected)
        #expect(observed.filter { $0 }.count == 5)
        let mined = TraitMiner.mine(traits: traits, affected: observed, unknown: unknown, limit: Correlator.defaultLimit)
        let best = try #require(mined.sets.first?.logPValue)
        let worst = try #require(mined.sets.last?.logPValue)
        let scorer = LabelingScorer(groups: mined.groups, hosts: 11, affectedTotal: 5, threshold: worst + Search.slack,
                                    stopBelow: -.infinity, maxSize: 3)
        var labelings = 0, asGood = 0
        let totals = IntersectionTotals.View(IntersectionTotals(groupCount: mined.groups.count))
        for mask in 0..<(1 << 11) where mask.nonzeroBitCount == 5 {
            let labeling = (0..<11).map { mask & (1 << $0) != 0 }
            let found = scorer.bestLogP(labeling, totals: totals)
            #expect(found == Self.searched(mined.groups, labeling, threshold: worst + Search.slack, stop: -.infinity))
            labelings += 1
            if found <= best + Search.slack { asGood += 1 }
        }
        #expect(labelings == 462)
        #expect(asGood == 5)
        #expect(abs(best - log(1.0 / 462)) < 1e-12)
    }

    /// The whole Monte Carlo test as it ran before the scorer (the same deal of labelings from the
    /// seed, each searched by ``Search``), on fleets with and without unknowns: the same result,
    /// p-values, hits, labelings and the 5 % quantile included.
    @Test(arguments: [false, true])
    func monteCarloResultIsTheSameAsBeforeTheScorer(unknowns: Bool) throws {
        var random = SplitMix64(seed: unknowns ? 17 : 13)
        let fleet = Self.fleet(&random, hosts: 90, traits: 30, unknowns: unknowns)
        let observed = Self.randomLabeling(&random, hosts: 90, affected: 12)
        let mined = TraitMiner.mine(traits: fleet.traits, affected: observed, unknown: fleet.unknown)
        let logPs = mined.sets.map(\.logPValue)
        let result = try #require(FamilyWiseTest.run(groups: mined.groups, affected: observed, observed: logPs))
        #expect(!result.exact)

        // Before: the labelings dealt as FamilyWiseTest deals them, each searched by Search.
        let best = try #require(logPs.min()), worst = try #require(logPs.max())
        var deal = SplitMix64(seed: FamilyWiseTest.seed)
        var order = Array(0..<90)
        var bests: [Double] = []
        var hitsOfBest = 0
        while bests.count < FamilyWiseTest.permutations && hitsOfBest < FamilyWiseTest.enoughHits {
            var block: [Double] = []
            while block.count < FamilyWiseTest.blockSize && bests.count + block.count < FamilyWiseTest.permutations {
                for index in 0..<12 { order.swapAt(index, index + Int(deal.next() % UInt64(90 - index))) }
                var labeling = [Bool](repeating: false, count: 90)
                for index in order[..<12] { labeling[index] = true }
                block.append(Self.searched(mined.groups, labeling, threshold: worst + Search.slack, stop: best + Search.slack))
            }
            for value in block {
                bests.append(value)
                if value <= best + Search.slack { hitsOfBest += 1 }
            }
        }
        let hits = logPs.map { logP in bests.filter { $0 <= logP + Search.slack }.count + 1 }
        let sorted = bests.sorted()
        let rank = Int((Double(sorted.count) * 0.05).rounded(.down)) - 1
        let quantile = rank >= 0 && rank < sorted.count && sorted[rank].isFinite ? sorted[rank] : nil
        #expect(result.labelings == bests.count + 1)
        #expect(result.hits == hits)
        #expect(result.pValues == hits.map { min(1, Double($0) / Double(bests.count + 1)) })
        #expect(result.chanceLogP05 == quantile)
    }
}
