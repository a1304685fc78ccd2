/// How many hosts two or three trait groups share, whatever the labeling: the permutation test
/// (``LabelingScorer``) deals the affected labels again and again over the same hosts, so the
/// hosts of a pair or a triple are counted once, and per labeling only its affected part (the
/// unaffected part is the rest).
///
/// Rows are kept per prefix: for group `i`, the hosts it shares with each later group; for the
/// pair `(i, j)`, the hosts it shares with each group after `j`. A row is counted the first time
/// a labeling needs it. Past the budget a labeling counts what it needs itself; the counts are
/// the same either way. One per thread: it is written as it is read, without a lock.
final class IntersectionTotals {
    /// Counts kept at most (4 bytes each).
    let budget: Int
    let groupCount: Int
    /// Where each row starts in `counts`, -1 until counted: pair rows at `i`, triple rows at
    /// `groupCount + i * groupCount + j` (only when that table is not too big).
    private var starts: [Int32]
    private let counts: UnsafeMutablePointer<Int32>
    private var stored = 0
    /// True when triple rows can be kept (the table of their starts is at most 4M entries).
    let keepsTriples: Bool

    init(groupCount: Int, budget: Int = 1 << 23) {
        self.groupCount = groupCount
        self.budget = max(budget, 0)
        keepsTriples = groupCount * groupCount <= 1 << 22
        starts = [Int32](repeating: -1, count: groupCount + (keepsTriples ? groupCount * groupCount : 0))
        counts = UnsafeMutablePointer<Int32>.allocate(capacity: max(self.budget, 1))
    }

    deinit { counts.deallocate() }

    /// The hosts group `i` shares with each group after it (`row[j - i - 1]`), nil past the budget.
    func pairRow(_ i: Int, _ hosts: (Int) -> Int) -> UnsafePointer<Int32>? {
        row(at: i, first: i + 1, hosts)
    }

    /// The hosts of `(i, j, k)` for each group k after j (`row[k - j - 1]`), nil past the budget.
    func tripleRow(_ i: Int, _ j: Int, _ hosts: (Int) -> Int) -> UnsafePointer<Int32>? {
        guard keepsTriples else { return nil }
        return row(at: groupCount + i * groupCount + j, first: j + 1, hosts)
    }

    private func row(at key: Int, first: Int, _ hosts: (Int) -> Int) -> UnsafePointer<Int32>? {
        let start = Int(starts[key])
        if start >= 0 { return UnsafePointer(counts + start) }
        let length = max(groupCount - first, 0)
        guard stored + length <= budget, stored + length < Int(Int32.max) else { return nil }
        for offset in 0..<length { counts[stored + offset] = Int32(hosts(first + offset)) }
        starts[key] = Int32(stored)
        stored += length
        return UnsafePointer(counts + (stored - length))
    }
}
