import Foundation

/// How many hosts two or three trait groups share, whatever the labeling: the permutation test
/// (``LabelingScorer``) deals the affected labels again and again over the same hosts, so the
/// hosts of a pair or a triple are counted once, and per labeling only its affected part (the
/// unaffected part is the rest).
///
/// Rows are kept per prefix: for group `i`, the hosts it shares with each later group; for the
/// pair `(i, j)`, the hosts it shares with each group after `j`. A row is counted by the first
/// labeling that needs it, whatever core it runs on, and shared from then on; a labeling that
/// finds it being counted on another core, or the budget spent, counts what it needs itself. The
/// counts are the same either way, so the values do not depend on which core came first.
final class IntersectionTotals: @unchecked Sendable {
    // `starts` and `stored` are read and written under `lock`. A row's counts are written by the
    // core that claimed it before it publishes the row (under `lock`), and never change after.
    private let lock = NSLock()
    /// Where each row starts in `counts`: -1 absent, -2 being counted. Pair rows at `i`, triple
    /// rows at `groupCount + i * groupCount + j` (only when that table is at most 4M entries).
    private var starts: [Int32]
    private let counts: UnsafeMutablePointer<Int32>
    private var stored = 0
    /// Counts kept at most (4 bytes each).
    let budget: Int
    let groupCount: Int
    let keepsTriples: Bool

    init(groupCount: Int, budget: Int = 1 << 23) {
        self.groupCount = groupCount
        let triples = groupCount * groupCount <= 1 << 22
        keepsTriples = triples
        // No more than every row would take: the pairs, and the triples when kept.
        let all = groupCount * max(groupCount - 1, 0) / 2 + (triples ? groupCount * max(groupCount - 1, 0) * max(groupCount - 2, 0) / 6 : 0)
        self.budget = min(max(budget, 0), all, Int(Int32.max))
        starts = [Int32](repeating: -1, count: groupCount + (keepsTriples ? groupCount * groupCount : 0))
        counts = UnsafeMutablePointer<Int32>.allocate(capacity: max(self.budget, 1))
    }

    deinit { counts.deallocate() }

    /// What a core may do with a row.
    private enum Claim {
        case ready(Int)
        case mine(Int)
        /// Being counted on another core.
        case busy
        /// Past the budget, for good.
        case full
    }

    private func claim(_ key: Int, length: Int) -> Claim {
        lock.lock()
        defer { lock.unlock() }
        let start = Int(starts[key])
        if start >= 0 { return .ready(start) }
        if start == -2 { return .busy }
        guard stored + length <= budget else { return .full }
        starts[key] = -2
        stored += length
        return .mine(stored - length)
    }

    private func publish(_ key: Int, _ start: Int) {
        lock.lock()
        starts[key] = Int32(start)
        lock.unlock()
    }

    /// What one core knows of the shared rows: the rows it found ready, read without the lock.
    final class View {
        let totals: IntersectionTotals
        /// Per row, its start once found ready; -1 not yet, -3 past the budget.
        private var known: [Int32]

        init(_ totals: IntersectionTotals) {
            self.totals = totals
            known = [Int32](repeating: -1, count: totals.starts.count)
        }

        /// The hosts group `i` shares with each group after it (`row[j - i - 1]`); nil when
        /// another core counts it or past the budget.
        func pairRow(_ i: Int, _ hosts: (Int) -> Int) -> UnsafePointer<Int32>? {
            row(at: i, first: i + 1, hosts)
        }

        /// The hosts of `(i, j, k)` for each group k after j (`row[k - j - 1]`), or nil.
        func tripleRow(_ i: Int, _ j: Int, _ hosts: (Int) -> Int) -> UnsafePointer<Int32>? {
            guard totals.keepsTriples else { return nil }
            return row(at: totals.groupCount + i * totals.groupCount + j, first: j + 1, hosts)
        }

        private func row(at key: Int, first: Int, _ hosts: (Int) -> Int) -> UnsafePointer<Int32>? {
            let start = Int(known[key])
            if start >= 0 { return UnsafePointer(totals.counts + start) }
            if start == -3 { return nil }
            let length = max(totals.groupCount - first, 0)
            switch totals.claim(key, length: length) {
            case .ready(let start):
                known[key] = Int32(start)
                return UnsafePointer(totals.counts + start)
            case .mine(let start):
                for offset in 0..<length { totals.counts[start + offset] = Int32(hosts(first + offset)) }
                totals.publish(key, start)
                known[key] = Int32(start)
                return UnsafePointer(totals.counts + start)
            case .busy:
                return nil
            case .full:
                known[key] = -3
                return nil
            }
        }
    }
}
