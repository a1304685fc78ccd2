import Testing
@testable import SOSAnalyzer

/// Generated fleets with planted patterns. Hosts are indices; every expected p-value comes from
/// `Hypergeometric` (integer binomials), not from the code under test.
@Suite struct TraitMinerTests {
    /// Deterministic noise: trait `noise=n<k>` on report r when a fixed hash says so.
    static func noise(report: Int, traits: Int = 6) -> [String] {
        (0..<traits).compactMap { k in
            var x = UInt64(report * 131 + k * 7919) &* 0x9E37_79B9_7F4A_7C15
            x ^= x >> 29
            return x % 3 == 0 ? "noise=n\(k)" : nil
        }
    }

    static func labels(_ result: TraitMiner.Result, _ set: TraitMiner.MinedSet) -> [String] {
        set.groups.map { result.groups[$0].traits[0] }
    }

    @Test func singleTraitCause() throws {
        // 20 reports; module=bad on exactly the 5 affected ones (0...4), plus noise everywhere.
        let traits = (0..<20).map { r in (r < 5 ? ["module=bad"] : []) + ["os=RHEL 6.4"] + Self.noise(report: r) }
        let affected = (0..<20).map { $0 < 5 }
        let result = TraitMiner.mine(traits: traits, affected: affected)
        let top = try #require(result.sets.first)
        #expect(Self.labels(result, top) == ["module=bad"])
        #expect(top.affectedCount == 5)
        #expect(top.unaffectedCount == 0)
        #expect(abs(top.pValue - 1.0 / 15504) < 1e-15)   // 1 / C(20,5)
        #expect(Hypergeometric.choose(20, 5) == 15504)
        // The trait on every report is never a set of its own, nor part of one (it narrows nothing).
        #expect(!result.sets.contains { Self.labels(result, $0).contains("os=RHEL 6.4") })
        #expect(result.affectedTotal == 5)
        #expect(result.unaffectedTotal == 15)
    }

    @Test func twoTraitCauseWhereEachTraitAloneIsCommonAmongTheUnaffected() throws {
        // 16 reports, affected 0...3. os=RHEL 6.4 on 0...7, nic.driver=mlx4_en on 0...3 and 8...11:
        // each alone covers the 4 affected and 4 unaffected; together exactly the affected.
        let traits = (0..<16).map { r in
            (r < 8 ? ["os=RHEL 6.4"] : ["os=RHEL 6.3"]) + (r < 4 || (8..<12).contains(r) ? ["nic.driver=mlx4_en"] : ["nic.driver=igb"])
        }
        let affected = (0..<16).map { $0 < 4 }
        let result = TraitMiner.mine(traits: traits, affected: affected)
        let top = try #require(result.sets.first)
        #expect(Self.labels(result, top) == ["os=RHEL 6.4", "nic.driver=mlx4_en"])
        #expect((top.affectedCount, top.unaffectedCount) == (4, 0))
        #expect(abs(top.pValue - 1.0 / 1820) < 1e-15)   // 1 / C(16,4)
        // Each trait alone: 4 affected, 4 unaffected, p = C(12,4) / C(16,8) = 495/12870.
        for single in ["os=RHEL 6.4", "nic.driver=mlx4_en"] {
            let set = try #require(result.sets.first { Self.labels(result, $0) == [single] })
            #expect((set.affectedCount, set.unaffectedCount) == (4, 4))
            #expect(abs(set.pValue - 495.0 / 12870) < 1e-14)
        }
        #expect(result.sets.map { Self.labels(result, $0) } == [
            ["os=RHEL 6.4", "nic.driver=mlx4_en"], ["os=RHEL 6.4"], ["nic.driver=mlx4_en"],
        ])
    }

    @Test func decoyOnEightyPercentOfHostsDoesNotWin() throws {
        // 20 reports, affected 0...3 carry kernel=bad. package=cman on 16 hosts: 3 affected (0...2), 13 unaffected.
        let traits = (0..<20).map { r in
            (r < 4 ? ["kernel=bad"] : ["kernel=good"]) + (r < 3 || (5..<18).contains(r) ? ["package=cman"] : [])
                + Self.noise(report: r)
        }
        let affected = (0..<20).map { $0 < 4 }
        let result = TraitMiner.mine(traits: traits, affected: affected)
        let top = try #require(result.sets.first)
        #expect(Self.labels(result, top) == ["kernel=bad"])
        #expect(abs(top.pValue - 1.0 / 4845) < 1e-15)   // 1 / C(20,4)
        let decoy = try #require(result.groups.first { $0.traits == ["package=cman"] })
        #expect((decoy.affectedCount, decoy.unaffectedCount) == (3, 13))
        // 3/4 of affected vs 13/16 of unaffected: not over-represented, so never a set alone.
        #expect(!result.sets.contains { Self.labels(result, $0) == ["package=cman"] })
        // Beside the cause it only loses host 3: a minimal set, ranked below the cause.
        let rank = try #require(result.sets.firstIndex { Self.labels(result, $0) == ["kernel=bad", "package=cman"] })
        #expect(rank > 0)
        #expect((result.sets[rank].affectedCount, result.sets[rank].unaffectedCount) == (3, 0))
        #expect(abs(result.sets[rank].pValue - Hypergeometric.upperTail(a: 3, u: 0, affected: 4, unaffected: 16)) < 1e-15)
    }

    @Test func everySetIsMinimalAndOverRepresented() {
        let traits = (0..<40).map { r in Self.noise(report: r, traits: 12) + (r % 5 == 0 ? ["taint=P"] : []) }
        let affected = (0..<40).map { $0 % 4 == 0 }
        let result = TraitMiner.mine(traits: traits, affected: affected, limit: 200)
        #expect(!result.sets.isEmpty)
        func counts(_ groups: [Int]) -> (Int, Int) {
            let covered = groups.map { Set(result.groups[$0].reports) }.reduce(Set(0..<40)) { $0.intersection($1) }
            return (covered.filter { affected[$0] }.count, covered.filter { !affected[$0] }.count)
        }
        for set in result.sets {
            #expect(counts(set.groups) == (set.affectedCount, set.unaffectedCount))
            #expect(set.affectedCount * result.unaffectedTotal > set.unaffectedCount * result.affectedTotal)
            for dropped in set.groups.indices where set.groups.count > 1 {
                var subset = set.groups
                subset.remove(at: dropped)
                #expect(counts(subset) != (set.affectedCount, set.unaffectedCount), "\(set.groups) is not minimal")
            }
            let expected = Hypergeometric.upperTail(a: set.affectedCount, u: set.unaffectedCount,
                                                    affected: result.affectedTotal, unaffected: result.unaffectedTotal)
            #expect(abs(set.pValue - expected) <= 1e-12 * max(expected, 1e-300))
        }
        // Ranked: p ascending, then affected covered descending, then fewer traits.
        for (better, worse) in zip(result.sets, result.sets.dropFirst()) {
            let key = { (s: TraitMiner.MinedSet) in (s.logPValue, -s.affectedCount, s.groups.count) }
            #expect(key(better) <= key(worse))
        }
    }

    @Test func noiseOnlyFindsNothingPerfect() {
        let traits = (0..<30).map { Self.noise(report: $0) }
        let affected = (0..<30).map { $0 % 3 == 0 }
        let result = TraitMiner.mine(traits: traits, affected: affected)
        #expect(result.sets.allSatisfy { $0.pValue > 1.0 / Double(Hypergeometric.choose(30, 10)) })
        #expect(result.sets.count <= 20)
    }

    @Test func allAffectedMinesNothing() {
        let traits = (0..<6).map { r in ["os=RHEL 6.4", "nic.driver=mlx4_en"] + (r < 3 ? ["package=cman"] : []) }
        let result = TraitMiner.mine(traits: traits, affected: Array(repeating: true, count: 6))
        #expect(result.sets.isEmpty)
        #expect(result.affectedTotal == 6)
        #expect(result.unaffectedTotal == 0)
        #expect(result.groups.map(\.traits) == [["os=RHEL 6.4", "nic.driver=mlx4_en"], ["package=cman"]])
    }

    @Test func oneAffectedHostGroupsItsUniqueTraits() throws {
        // Host 0 alone is affected and alone has hardware=X and module=Y: one group, p = 1/10.
        let traits = (0..<10).map { r in (r == 0 ? ["hardware=HP X", "module=y"] : ["hardware=Dell Z"]) + ["os=RHEL 6.4"] }
        let affected = (0..<10).map { $0 == 0 }
        let result = TraitMiner.mine(traits: traits, affected: affected)
        let top = try #require(result.sets.first)
        #expect(result.groups[top.groups[0]].traits == ["hardware=HP X", "module=y"])
        #expect((top.affectedCount, top.unaffectedCount) == (1, 0))
        #expect(abs(top.pValue - 0.1) < 1e-15)
        #expect(result.sets.count == 1)
    }

    @Test func tiesAreOrderedTheSameWhateverTheInputOrder() throws {
        // Affected 0...3; module=alpha on 0,1 and module=beta on 2,3: same counts, same p.
        func fleet(_ order: [Int]) -> TraitMiner.Result {
            let traits = order.map { r in (r < 2 ? ["module=beta"] : []) + ((2..<4).contains(r) ? ["module=alpha"] : []) + ["os=x"] }
            return TraitMiner.mine(traits: traits, affected: order.map { $0 < 4 })
        }
        let forward = fleet(Array(0..<12)), backward = fleet(Array((0..<12).reversed()))
        let names = { (r: TraitMiner.Result) in r.sets.map { Self.labels(r, $0) } }
        #expect(names(forward) == [["module=alpha"], ["module=beta"]])
        #expect(names(backward) == names(forward))
        #expect(forward.sets.map(\.pValue) == backward.sets.map(\.pValue))
        let expected = Hypergeometric.upperTail(a: 2, u: 0, affected: 4, unaffected: 8)
        #expect(abs(try #require(forward.sets.first).pValue - expected) < 1e-15)
    }

    @Test func limitKeepsTheBestAndPrunesTheRest() {
        let traits = (0..<40).map { r in Self.noise(report: r, traits: 12) }
        let affected = (0..<40).map { $0 % 4 == 0 }
        let all = TraitMiner.mine(traits: traits, affected: affected, limit: 10_000)
        let top5 = TraitMiner.mine(traits: traits, affected: affected, limit: 5)
        #expect(top5.sets == Array(all.sets.prefix(5)))
    }

    @Test func countsHoldOverManyWords() {
        // 4,000 reports: 1,091 affected (18 words) and 2,909 unaffected (46 words, past one 30-word chunk).
        let patterns: [(String, (Int) -> Bool)] = [
            ("module=a", { $0 % 3 == 0 }), ("module=b", { $0 % 5 < 2 }), ("module=c", { $0 % 7 < 3 }),
            ("module=d", { $0 % 2 == 0 }), ("module=e", { ($0 / 10) % 3 == 1 }),
        ]
        let traits = (0..<4000).map { r in patterns.filter { $0.1(r) }.map(\.0) }
        let affected = (0..<4000).map { $0 % 5 == 0 || $0 % 11 == 0 }
        let result = TraitMiner.mine(traits: traits, affected: affected, limit: 1000)
        #expect(result.affectedTotal == 1091)   // 800 multiples of 5 + 364 of 11 - 73 of 55
        #expect(result.sets.count > 5)
        for set in result.sets {
            let names = set.groups.flatMap { result.groups[$0].traits }
            let covered = (0..<4000).filter { r in names.allSatisfy { traits[r].contains($0) } }
            #expect(set.affectedCount == covered.filter { affected[$0] }.count, "\(names)")
            #expect(set.unaffectedCount == covered.filter { !affected[$0] }.count, "\(names)")
        }
    }
}
