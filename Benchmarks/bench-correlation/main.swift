// Times `TraitMiner.mine` (matrix from trait strings + search of all conjunctions of up to three
// traits) on synthetic fleets: 300 distinct traits, each report holding each trait with that
// trait's own frequency (2%...60%), a planted two-trait cause plus 2% of affected reports that
// have neither, deterministic seed. Prints the time at 1,000 and 10,000 reports and the growth.
// Target: <= 1 s at 10,000 reports in `swift run -c release bench-correlation`.
import Foundation
import SOSAnalyzer

/// SplitMix64: small, fast, and the same sequence on every platform.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

struct Fleet {
    var traits: [[String]] = []
    var affected: [Bool] = []
}

func makeFleet(reports: Int, distinctTraits: Int = 300, planted: Bool = true, seed: UInt64 = 20_130_514) -> Fleet {
    var random = SplitMix64(state: seed)
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

/// Best of three runs: the machine is shared, the best run is the one least disturbed.
func time(_ fleet: Fleet) -> (Double, TraitMiner.Result) {
    var best = Double.infinity
    var result: TraitMiner.Result?
    for _ in 0..<3 {
        let clock = ContinuousClock()
        let start = clock.now
        let mined = TraitMiner.mine(traits: fleet.traits, affected: fleet.affected, maxSize: 3, limit: 20)
        best = min(best, seconds(clock.now - start))
        result = mined
    }
    guard let result else { fatalError("no run") }
    return (best, result)
}

for planted in [true, false] {
    print(planted ? "planted two-trait cause (bench0 + bench1), 2% noise:" : "no cause (10% affected at random):")
    var times: [Int: Double] = [:]
    for reports in [1_000, 10_000] {
        let fleet = makeFleet(reports: reports, planted: planted)
        let (elapsed, result) = time(fleet)
        times[reports] = elapsed
        let top = result.sets.first.map { set in
            set.groups.map { result.groups[$0].traits[0] }.joined(separator: " + ")
                + " (\(set.affectedCount)/\(result.affectedTotal) affected, \(set.unaffectedCount)/\(result.unaffectedTotal) unaffected, p = \(set.pValue))"
        } ?? "none"
        print(String(format: "  %6d reports x %d traits: %8.3f s   top: %@", reports, result.groups.count, elapsed, top))
    }
    if let small = times[1_000], let large = times[10_000], small > 0 {
        print(String(format: "  growth 1,000 -> 10,000 reports: x%.1f (target at 10,000: <= 1 s: %@)",
                     large / small, large <= 1 ? "met" : "NOT met"))
    }
}
