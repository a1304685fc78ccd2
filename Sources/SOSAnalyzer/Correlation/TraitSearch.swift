import Foundation

/// The branch-and-bound search over groups.
struct Search {
    let matrix: TraitMatrix
    let limit: Int
    let test: FisherExactTest
    /// p(a, 0) for a = 0...A: the best any set covering at most a affected reports can reach.
    let bound: [Double]
    var best: [TraitMiner.MinedSet] = []
    var memo: [Int: Double] = [:]
    /// Counts of each pair (i < j) at i * G + j; unaffected -1 until computed.
    var pairAffected: [Int32]
    var pairUnaffected: [Int32]
    let groupCount: Int
    /// The worst kept set's log p, +inf while fewer than `limit` are kept.
    var threshold = Double.infinity
    /// The search stops at the first set with a log p at most this (the permutation test only
    /// asks whether a labeling does as well as the best set found); -inf: never.
    var stopBelow = -Double.infinity
    private(set) var stopped = false
    /// Per affected count a: the largest unaffected count a set can have and still enter the
    /// list, and the threshold it was computed for (threshold only falls, so a stale value is
    /// still a valid, looser limit).
    var unaffectedLimit: [Int]
    var unaffectedLimitThreshold: [Double]

    /// - Parameter threshold: only sets with a log p at most this enter (the permutation test
    ///   asks only whether a labeling reaches the observed sets).
    /// The test and the bound of a matrix; the same for every labeling of a fleet without unknowns.
    struct Tables {
        let test: FisherExactTest
        let bound: [Double]

        init(_ matrix: TraitMatrix) {
            let test = FisherExactTest(affectedTotal: matrix.affectedTotal, unaffectedTotal: matrix.unaffectedTotal)
            // With unknowns a set's totals can be smaller; p(a, 0) grows with the affected total, so the
            // least it can be bounds every set (and no set covers more affected reports than it knows).
            let leastAffected = matrix.affectedTotal - matrix.affectedEverUnknown
            let bigU = matrix.unaffectedTotal
            self.test = test
            bound = (0...matrix.affectedTotal).map { a in
                a == 0 ? 0 : test.logPValue(affected: a, unaffected: 0, affectedTotal: max(a, leastAffected), unaffectedTotal: bigU)
            }
        }
    }

    init(matrix: TraitMatrix, limit: Int, threshold: Double = .infinity, tables: Tables? = nil) {
        self.matrix = matrix
        self.limit = limit
        self.threshold = threshold
        let tables = tables ?? Tables(matrix)
        test = tables.test
        bound = tables.bound
        groupCount = matrix.groups.count
        pairAffected = [Int32](repeating: 0, count: groupCount * groupCount)
        pairUnaffected = [Int32](repeating: -1, count: groupCount * groupCount)
        unaffectedLimit = [Int](repeating: matrix.unaffectedTotal, count: matrix.affectedTotal + 1)
        unaffectedLimitThreshold = [Double](repeating: .infinity, count: matrix.affectedTotal + 1)
    }

    /// The largest u for which a set covering `a` affected reports could still enter the list
    /// (``unaffectedLimit(_:affectedTotal:unaffectedTotal:test:threshold:)``), remembered per a.
    mutating func maxUnaffected(_ a: Int) -> Int {
        // The limit assumes the batch's totals; with unknowns a set's own may be smaller.
        if matrix.hasUnknowns { return matrix.unaffectedTotal }
        if unaffectedLimitThreshold[a] == threshold { return unaffectedLimit[a] }
        let limit = Search.unaffectedLimit(a, affectedTotal: matrix.affectedTotal, unaffectedTotal: matrix.unaffectedTotal,
                                           test: test, threshold: threshold)
        unaffectedLimit[a] = limit
        unaffectedLimitThreshold[a] = threshold
        return limit
    }

    /// The largest u for which a set covering `a` affected reports could still have a log p at
    /// most `threshold`, over a batch of `bigA` affected and `bigU` unaffected reports.
    ///
    /// p(a, u) = P(X >= a | n = a + u draws) grows with u (more draws), and is at least its first
    /// term, which grows with u while a(U+1) > A(u+1) (ratio of consecutive terms). So the first
    /// u up to that peak whose first term is above the threshold bounds every larger u too;
    /// past the peak, the enrichment condition a/A > u/U is the limit.
    static func unaffectedLimit(_ a: Int, affectedTotal bigA: Int, unaffectedTotal bigU: Int, test: FisherExactTest,
                                threshold: Double) -> Int {
        let enriched = bigA == 0 ? 0 : (a * bigU - 1) / bigA   // largest u with a*U > u*A
        var limit = min(enriched, bigU)
        if threshold.isFinite {
            let peak = min(limit, max(0, (a * (bigU + 1)) / bigA - 1))
            var low = 0, high = peak + 1   // first u in 0...peak with the first term above the threshold
            while low < high {
                let middle = (low + high) / 2
                if test.logFirstTerm(affected: a, unaffected: middle) > threshold + Search.slack { high = middle } else { low = middle + 1 }
            }
            if low <= peak { limit = low - 1 }
        }
        return limit
    }

    /// Room for rounding: a bound equal to the threshold must not prune a set that would tie.
    static let slack = 1e-9

    /// True when no set covering `a` affected reports (or a subset of them) can enter the list.
    func hopeless(_ a: Int) -> Bool {
        a == 0 || bound[a] > threshold + Search.slack
    }

    mutating func logP(_ a: Int, _ u: Int) -> Double {
        let key = a &* (matrix.unaffectedTotal + 1) &+ u
        if let known = memo[key] { return known }
        let value = test.logPValue(affected: a, unaffected: u)
        memo[key] = value
        return value
    }

    /// Offers the set {i, j, k} (j, k = -1 when absent).
    mutating func offer(_ i: Int, _ j: Int, _ k: Int, _ a: Int, _ u: Int) {
        let groups = k >= 0 ? [i, j, k] : j >= 0 ? [i, j] : [i]
        let (bigA, bigU) = matrix.hasUnknowns ? matrix.knownTotals(groups) : (matrix.affectedTotal, matrix.unaffectedTotal)
        // Over-represented among the affected only: a/A > u/U.
        guard a * bigU > u * bigA else { return }
        let logPValue: Double
        if bigA == matrix.affectedTotal && bigU == matrix.unaffectedTotal {
            // p is at least its first term, three table lookups: most sets stop here.
            if threshold.isFinite && test.logFirstTerm(affected: a, unaffected: u) > threshold + Search.slack { return }
            logPValue = logP(a, u)
        } else {
            logPValue = test.logPValue(affected: a, unaffected: u, affectedTotal: bigA, unaffectedTotal: bigU)
        }
        if logPValue > threshold { return }
        var candidate = TraitMiner.MinedSet(groups: groups, affectedCount: a, unaffectedCount: u, logPValue: logPValue)
        candidate.affectedTotal = bigA
        candidate.unaffectedTotal = bigU
        if best.count >= limit, let last = best.last, !Search.ranksBefore(candidate, last) { return }
        var low = 0, high = best.count
        while low < high {
            let middle = (low + high) / 2
            if Search.ranksBefore(best[middle], candidate) { low = middle + 1 } else { high = middle }
        }
        best.insert(candidate, at: low)
        if best.count > limit { best.removeLast() }
        if best.count >= limit, let last = best.last { threshold = last.logPValue }
        if logPValue <= stopBelow { stopped = true }
    }

    static func ranksBefore(_ lhs: TraitMiner.MinedSet, _ rhs: TraitMiner.MinedSet) -> Bool {
        if lhs.logPValue != rhs.logPValue { return lhs.logPValue < rhs.logPValue }
        if lhs.affectedCount != rhs.affectedCount { return lhs.affectedCount > rhs.affectedCount }
        if lhs.groups.count != rhs.groups.count { return lhs.groups.count < rhs.groups.count }
        return lhs.groups.lexicographicallyPrecedes(rhs.groups)
    }

    mutating func pairCounts(_ i: Int, _ j: Int, _ bits: UnsafeBufferPointer<UInt64>) -> (Int, Int) {
        let slot = i * groupCount + j
        if pairUnaffected[slot] < 0 {
            let words = matrix.wordsPerRow, split = matrix.affectedWords
            var u = 0
            if let base = bits.baseAddress { u = andPopcount(base + i * words, base + j * words, split, words) }
            pairUnaffected[slot] = Int32(u)
        }
        return (Int(pairAffected[slot]), Int(pairUnaffected[slot]))
    }

    mutating func run(maxSize: Int) {
        let groups = matrix.groups
        let count = groupCount
        for index in 0..<count {
            offer(index, -1, -1, groups[index].affectedCount, groups[index].unaffectedCount)
        }
        guard maxSize >= 2, count >= 2 else { return }
        let rows = matrix.bits
        rows.withUnsafeBufferPointer { bits in search(bits, maxSize: maxSize) }
    }

    private mutating func search(_ bits: UnsafeBufferPointer<UInt64>, maxSize: Int) {
        let groups = matrix.groups
        let count = groupCount
        let words = matrix.wordsPerRow, split = matrix.affectedWords

        // Affected counts of every pair: cheap (affected words only) and reused by the triples. A
        // pair covers no more affected reports than either group, so only groups that can still
        // enter the list pair at all (the others' pairs stay at 0: hopeless).
        guard let base = bits.baseAddress else { return }
        let live = (0..<count).filter { !hopeless(groups[$0].affectedCount) }
        for (position, i) in live.enumerated() {
            for j in live[(position + 1)...] {
                pairAffected[i * count + j] = Int32(andPopcount(base + i * words, base + j * words, 0, split))
            }
        }
        var minimalPair = [Bool](repeating: false, count: count * count)
        for (position, i) in live.enumerated() {
            if stopped { return }
            for j in live[(position + 1)...] {
                let a = Int(pairAffected[i * count + j])
                if hopeless(a) { continue }
                let (_, u) = pairCounts(i, j, bits)
                if (a, u) == (groups[i].affectedCount, groups[i].unaffectedCount)
                    || (a, u) == (groups[j].affectedCount, groups[j].unaffectedCount) { continue }
                minimalPair[i * count + j] = true
                offer(i, j, -1, a, u)
            }
        }
        guard maxSize >= 3, count >= 3 else { return }

        let prefix = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(words, 1))
        defer { prefix.deallocate() }
        guard let prefixBase = UnsafePointer(prefix.baseAddress), let rowBase = bits.baseAddress else { return }
        // Per group, the later groups it pairs with hopefully: a triple needs all three of its
        // pairs so (the threshold only falls, so a pair hopeless now stays so).
        var partners = [[Int]](repeating: [], count: count)
        for (position, i) in live.enumerated() {
            partners[i] = live[(position + 1)...].filter { !hopeless(Int(pairAffected[i * count + $0])) }
        }
        for i in live {
            let mine = partners[i]
            for (position, j) in mine.enumerated() where minimalPair[i * count + j] {
                if stopped { return }
                let aij = Int(pairAffected[i * count + j])
                if hopeless(aij) { continue }
                let (_, uij) = pairCounts(i, j, bits)
                for w in 0..<words { prefix[w] = bits[i * words + w] & bits[j * words + w] }
                for k in mine[(position + 1)...] {
                    let aik = Int(pairAffected[i * count + k]), ajk = Int(pairAffected[j * count + k])
                    if hopeless(min(aij, aik, ajk)) { continue }
                    let row = k * words
                    let a = andPopcount(prefixBase, rowBase + row, 0, split)
                    if hopeless(a) { continue }
                    // Counting stops once the set has too many unaffected reports to enter the list.
                    let limit = maxUnaffected(a)
                    if limit < 0 { continue }
                    var u = 0
                    var w = split
                    while w < words && u <= limit {
                        let end = min(w + 16, words)
                        u += andPopcount(prefixBase, rowBase + row, w, end)
                        w = end
                    }
                    if u > limit { continue }
                    // Minimal only: adding any one trait to a pair must narrow its cover.
                    if (a, u) == (aij, uij) || (a, u) == pairCounts(i, k, bits) || (a, u) == pairCounts(j, k, bits) { continue }
                    offer(i, j, k, a, u)
                }
            }
        }
    }
}

/// Set bits of `x[from..<to] & y[from..<to]`.
///
/// Counted the SWAR way (bits to 2-bit, 4-bit then byte counts), with the byte counts of up to
/// 30 words added before one horizontal sum: without a POPCNT instruction in the baseline x86-64
/// target this is about twice as fast as `nonzeroBitCount` per word, and the loop vectorizes.
@inline(__always)
func andPopcount(_ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>, _ from: Int, _ to: Int) -> Int {
    let m1: UInt64 = 0x5555_5555_5555_5555, m2: UInt64 = 0x3333_3333_3333_3333
    let m4: UInt64 = 0x0F0F_0F0F_0F0F_0F0F, m8: UInt64 = 0x00FF_00FF_00FF_00FF
    var total = 0
    var index = from
    while index < to {
        let end = min(index + 30, to)
        var bytes: UInt64 = 0   // 8 byte lanes, each at most 30 x 8 = 240
        while index < end {
            var v = x[index] & y[index]
            v = v &- ((v &>> 1) & m1)
            v = (v & m2) &+ ((v &>> 2) & m2)
            bytes &+= (v &+ (v &>> 4)) & m4
            index &+= 1
        }
        let halves = (bytes & m8) &+ ((bytes &>> 8) & m8)   // 4 lanes of 16 bits, each at most 480
        total &+= Int(truncatingIfNeeded: (halves &* 0x0001_0001_0001_0001) &>> 48)
    }
    return total
}
