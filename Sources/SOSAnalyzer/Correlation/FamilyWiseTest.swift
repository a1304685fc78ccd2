import Foundation

/// How likely chance alone gives a trait set as good as the ones found, the miner's thousands
/// of tries accounted for: the affected labels are dealt again over the same hosts (as many
/// affected as there are), the miner looks for its best set under each labeling, and a set's
/// family-wise p is the share of labelings whose best set is at least as good (Westfall and
/// Young's max-statistic: traits found on the same hosts, or nearly, are handled as they are).
///
/// When the labelings are few (at most ``exactLimit``) every one is tried, the observed one
/// among them. Otherwise ``permutations`` random ones are drawn from a fixed seed, the observed
/// labeling counted in (p = (1 + hits) / (1 + drawn)), and the draw stops early once
/// ``enoughHits`` labelings did as well as the best set (Besag and Clifford's sequential test):
/// by then it is plain that chance does it often. The labelings are dealt in order and searched
/// in blocks of `blockSize` (8), each core taking the next labeling of the block, and the stop is
/// checked after each block, so the result is the same whatever `--jobs` is.
///
/// Each labeling is searched as the miner searches (`LabelingScorer`: the same sets, bounds
/// and stop), without redoing what does not depend on the labeling: the hosts of each group,
/// pair and triple are counted once for all labelings, and a labeling counts only its affected
/// hosts. 1,000 labelings of 10,000 hosts × 300 traits take about a second on two cores.
///
/// On `Samples/` (11 hosts, 5 affected) all 462 ways to pick 5 of the 11 hosts are tried: 5 of
/// them (the observed one among them) have a set of at most three traits that separates them
/// perfectly, so the best set `os=RHEL 6.4` + `nic.driver=mlx4_en` has family-wise p = 5/462 = 0.011.
public enum FamilyWiseTest {
    /// Labelings tried one by one when there are at most this many.
    public static let exactLimit = 5_000
    /// Random labelings drawn otherwise, at most.
    public static let permutations = 999
    /// The draw stops once this many labelings did as well as the best set (then p = hits /
    /// labelings, at least 5/100 when it stops before 100: it never stops on a set that stands out).
    public static let enoughHits = 5
    /// Seed of the random labelings (SplitMix64).
    public static let seed: UInt64 = 20_130_514
    /// Labelings searched at once, one per core; the early stop is checked after each block.
    static let blockSize = 8

    public struct Result: Sendable, Equatable {
        /// Family-wise p per observed set, in the order given.
        public var pValues: [Double]
        /// Labelings whose best set was at least as good, per observed set (the observed labeling
        /// counted in).
        public var hits: [Int]
        /// Labelings tried, the observed one counted in.
        public var labelings: Int
        /// True when every labeling was tried.
        public var exact: Bool
        /// The log p that 5 % of labelings reach or beat by chance, when known (nil when fewer than
        /// 5 % reach the observed sets, which then stand out). A random labeling that does as well
        /// as the best set stops there, so with random labelings this is an upper bound.
        public var chanceLogP05: Double?
    }

    /// - Parameters:
    ///   - groups: the miner's trait groups (each with the positions of its hosts).
    ///   - affected: the observed labeling, per host.
    ///   - observed: the log p of the sets found, best first.
    public static func run(groups: [TraitMiner.Group], affected: [Bool], observed: [Double], maxSize: Int = 3) -> Result? {
        let hosts = affected.count, affectedTotal = affected.filter { $0 }.count
        guard affectedTotal > 0, affectedTotal < hosts, let best = observed.min(), let worst = observed.max() else { return nil }
        let total = binomial(hosts, affectedTotal)
        let exact = total <= Double(exactLimit)
        var bests: [Double] = []
        // Best log p of a labeling, +inf when no set reaches the worst observed one. A random
        // labeling that does as well as the best set counts for every set: its search stops there
        // (every labeling is searched whole when they are few, for the quantile).
        let stop = exact ? -Double.infinity : best + Search.slack
        let scorer = LabelingScorer(groups: groups, hosts: hosts, affectedTotal: affectedTotal,
                                    threshold: worst + Search.slack, stopBelow: stop, maxSize: maxSize)
        // One core per labeling at a time, each with its view of the shared host counts.
        let totals = IntersectionTotals(groupCount: groups.count)
        let workers = (0..<max(1, min(ProcessInfo.processInfo.activeProcessorCount, blockSize)))
            .map { _ in IntersectionTotals.View(totals) }
        func searchBlock(_ block: [[Bool]]) -> [Double] { Self.searchBlock(block, scorer, workers) }
        // Labelings are dealt in order and searched a block at a time, each block on every core:
        // the blocks and the stopping rule do not depend on the number of cores.
        var blocks: [[[Bool]]] = []
        if exact {
            var chosen = Array(0..<affectedTotal)
            var block: [[Bool]] = []
            while true {
                var labeling = [Bool](repeating: false, count: hosts)
                for index in chosen { labeling[index] = true }
                block.append(labeling)
                if block.count == blockSize { blocks.append(block); block = [] }
                // next combination in lexicographic order
                var position = affectedTotal - 1
                while position >= 0 && chosen[position] == hosts - affectedTotal + position { position -= 1 }
                if position < 0 { break }
                chosen[position] += 1
                for next in (position + 1)..<affectedTotal { chosen[next] = chosen[next - 1] + 1 }
            }
            if !block.isEmpty { blocks.append(block) }
            for block in blocks { bests += searchBlock(block) }
        } else {
            var random = SplitMix64(seed: seed)
            var order = Array(0..<hosts)
            var dealt = 0
            var hitsOfBest = 0
            while dealt < permutations && hitsOfBest < enoughHits {
                var block: [[Bool]] = []
                while block.count < blockSize && dealt < permutations {
                    // A partial Fisher-Yates shuffle: the first `affectedTotal` positions are affected.
                    for index in 0..<affectedTotal {
                        let pick = index + Int(random.next() % UInt64(hosts - index))
                        order.swapAt(index, pick)
                    }
                    var labeling = [Bool](repeating: false, count: hosts)
                    for index in order[..<affectedTotal] { labeling[index] = true }
                    block.append(labeling)
                    dealt += 1
                }
                for value in searchBlock(block) {
                    bests.append(value)
                    if value <= best + Search.slack { hitsOfBest += 1 }
                }
            }
        }
        let extra = exact ? 0 : 1   // the observed labeling, counted in
        let labelings = bests.count + extra
        let hits = observed.map { logP in bests.filter { $0 <= logP + Search.slack }.count + extra }
        let sorted = bests.sorted()
        let rank = Int((Double(sorted.count) * 0.05).rounded(.down)) - 1
        let quantile = rank >= 0 && rank < sorted.count && sorted[rank].isFinite ? sorted[rank] : nil
        return Result(pValues: hits.map { min(1, Double($0) / Double(labelings)) }, hits: hits, labelings: labelings,
                      exact: exact, chanceLogP05: quantile)
    }

    /// The best log p of each labeling of the block, in order: each core takes the next labeling
    /// nobody took yet and scores it with its own view of the shared counts (`workers[core]`);
    /// the values do not depend on which core scored which.
    static func searchBlock(_ block: [[Bool]], _ scorer: LabelingScorer, _ workers: [IntersectionTotals.View]) -> [Double] {
        let results = BlockResults(count: block.count)
        let box = WorkerBox(workers)
        DispatchQueue.concurrentPerform(iterations: min(workers.count, block.count)) { worker in
            while let index = results.take() {
                results.set(index, scorer.bestLogP(block[index], totals: box.workers[worker]))
            }
        }
        return results.values
    }

    /// C(n, k) as a Double (exact up to 2^53, which is all the comparison with 5,000 needs).
    static func binomial(_ n: Int, _ k: Int) -> Double {
        let k = min(k, n - k)
        guard k >= 0 else { return 0 }
        var value = 1.0
        for i in 0..<k { value = value * Double(n - i) / Double(i + 1) }
        return value.rounded()
    }
}

/// One slot per labeling of a block, written by the thread that searched it, and the next
/// labeling to take.
private final class BlockResults: @unchecked Sendable {
    // Every access holds `lock`; `storage` is read after `concurrentPerform` returns.
    private var storage: [Double]
    private var next = 0
    private let lock = NSLock()

    init(count: Int) { storage = [Double](repeating: .infinity, count: count) }

    /// The next labeling nobody took, nil when all are taken.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < storage.count else { return nil }
        next += 1
        return next - 1
    }

    func set(_ index: Int, _ value: Double) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Double] { storage }
}

/// The views of each core: `workers[w]` is used by iteration w of `concurrentPerform` only.
private struct WorkerBox: @unchecked Sendable {
    let workers: [IntersectionTotals.View]
    init(_ workers: [IntersectionTotals.View]) { self.workers = workers }
}
