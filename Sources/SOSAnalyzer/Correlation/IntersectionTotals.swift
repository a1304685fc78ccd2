import Foundation

/// How many hosts two or three trait groups share, whatever the labeling: the permutation test
/// (``LabelingScorer``) deals the affected labels again and again over the same hosts, so the
/// number of hosts of a pair or a triple is counted once and only its affected part per labeling
/// (the unaffected part is the rest).
///
/// Rows are kept per prefix: for group `i`, the hosts it shares with each later group; for the
/// pair `(i, j)`, the hosts it shares with each group after `j`. The first labeling that needs a
/// row claims it and counts it; a labeling that finds it claimed by another thread, or the budget
/// spent, counts what it needs itself. Either way the counts are the same, so the result does not
/// depend on which thread came first.
final class IntersectionTotals: @unchecked Sendable {
    // Every access to `rows`, `claimed` and `stored` holds `lock`; a row never changes once stored.
    private let lock = NSLock()
    private var rows: [Int: [Int32]] = [:]
    private var claimed: Set<Int> = []
    private var stored = 0
    /// Counts kept at most (4 bytes each).
    let budget: Int

    /// What a lookup found.
    enum Lookup {
        /// The row, counted before.
        case ready([Int32])
        /// Absent and now claimed by the caller, who counts it and hands it to ``store(_:_:)``.
        case claimed
        /// Being counted by another thread, or over the budget: count what you need yourself.
        case unavailable
    }

    init(budget: Int = 1 << 24) { self.budget = budget }

    /// The row under `key`, of `length` counts.
    func lookup(_ key: Int, length: Int) -> Lookup {
        lock.lock()
        defer { lock.unlock() }
        if let row = rows[key] { return .ready(row) }
        if claimed.contains(key) || stored + length > budget { return .unavailable }
        claimed.insert(key)
        stored += length
        return .claimed
    }

    /// Keeps a row the caller claimed.
    func store(_ key: Int, _ row: [Int32]) {
        lock.lock()
        rows[key] = row
        claimed.remove(key)
        lock.unlock()
    }
}
