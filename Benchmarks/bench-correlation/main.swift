// Times `TraitMiner.mine` (matrix from trait strings + search of all conjunctions of up to three
// traits) and the family-wise permutation test (`FamilyWiseTest`, the miner's best set under
// each random labeling) on synthetic fleets: 300 distinct traits, each host holding each trait
// with that trait's own frequency (2%...60%), a planted two-trait cause plus 2% of affected
// hosts that have neither, deterministic seed. Prints the times at 1,000 and 10,000 hosts, the
// number of labelings the test used, and the verdict.
// Targets: mining <= 1 s and the permutation test <= 2 s at 10,000 hosts in
// `swift run -c release bench-correlation`; the no-cause run says "no trait set stands out",
// the planted run still finds its cause. `--sizes 1000` runs the small fleet only.
import Foundation
import SOSAnalyzer

extension SplitMix64 {
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

struct Fleet {
    var traits: [[String]] = []
    var affected: [Bool] = []
}

func makeFleet(reports: Int, distinctTraits: Int = 300, planted: Bool = true, seed: UInt64 = 20_130_514) -> Fleet {
    var random = SplitMix64(seed: seed)
    let keys = ["os", "kernel", "module", "nic.driver", "package", "hardware", "taint", "memory"]
    let names = (0..<distinctTraits).map { "\(keys[$0 % keys.count])=bench\($0)" }
    let frequencies = (0..<distinctTraits).map { _ in 0.02 + 0.58 * random.unit() }
    var fleet = Fleet()
    for _ in 0..<reports {
        var traits: [String] = []
        for index in 0..<distinctTraits where random.unit() < frequencies[index] { traits.append(names[index]) }
        let cause = traits.contains(names[0]) && traits.contains(names[1])
        fleet.affected.append(planted ? (cause || random.unit() < 0.02) : random.unit() < 0.1)
        fleet.traits.append(traits)
    }
    return fleet
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func measure<T>(_ body: () -> T) -> (Double, T) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = body()
    return (seconds(clock.now - start), value)
}

var sizes = [1_000, 10_000]
if let index = CommandLine.arguments.firstIndex(of: "--sizes"), index + 1 < CommandLine.arguments.count {
    sizes = CommandLine.arguments[index + 1].split(separator: ",").compactMap { Int($0) }
}

for planted in [true, false] {
    print(planted ? "planted two-trait cause (bench0 + bench1), 2% noise:" : "no cause (10% affected at random):")
    for reports in sizes {
        let fleet = makeFleet(reports: reports, planted: planted)
        let (mining, result) = measure { TraitMiner.mine(traits: fleet.traits, affected: fleet.affected, maxSize: 3, limit: 20) }
        let (permuting, test) = measure {
            FamilyWiseTest.run(groups: result.groups, affected: fleet.affected, observed: result.sets.map(\.logPValue))
        }
        let top = result.sets.first.map { set in
            set.groups.map { result.groups[$0].traits[0] }.joined(separator: " + ")
                + " (\(set.affectedCount)/\(result.affectedTotal) affected, \(set.unaffectedCount)/\(result.unaffectedTotal) unaffected, p = \(set.pValue))"
        } ?? "none"
        let familyWise = test?.pValues.first ?? 1
        let verdict = familyWise < 0.05 ? "separates them" : "no trait set stands out"
        // The labelings counted: the observed one plus the random permutations searched (Monte
        // Carlo), or every way to pick the affected hosts (exact).
        let labelings = test?.labelings ?? 0
        let method = test?.exact == true ? "exact, every labeling"
            : "Monte Carlo: \(max(labelings - 1, 0)) permutations + the observed labeling"
                + (labelings < FamilyWiseTest.permutations + 1 ? ", stopped early" : "")
        print(String(format: "  %6d hosts x %d traits: mining %7.3f s, permutation test %7.3f s over %d labelings (%@)",
                     reports, result.groups.count, mining, permuting, labelings, method))
        print(String(format: "      top: %@; family-wise p = %.4g: %@", top, familyWise, verdict))
        if reports == 10_000 {
            print(String(format: "      target at 10,000: mining <= 1 s %@, permutation test <= 2 s %@",
                         mining <= 1 ? "met" : "NOT met", permuting <= 2 ? "met" : "NOT met"))
        }
    }
}
