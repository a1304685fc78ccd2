import Foundation

/// Finds the conjunctions of up to three traits that best separate affected from unaffected
/// reports, with bitsets over reports.
///
/// Reports are reordered affected first, so each trait is one row of 64-bit words whose first
/// words hold the affected reports: the count that the pruning bound needs comes from the short
/// affected part alone, and the unaffected part is read only for the sets that survive it.
///
/// - Traits on exactly the same reports (module=mlx4_en and nic.driver=mlx4_en) form one group
///   and are mined once: they cannot be told apart by these reports.
/// - A set is kept only when it is minimal (no subset has the same counts, so every trait in it
///   narrows the cover) and over-represented among the affected (a/A > u/U).
/// - Ranking: one-sided Fisher p-value, then affected reports covered (more first), then fewer
///   traits, then the traits' display order; a total order, so the result does not depend on the
///   order reports or traits come in.
/// - Only the `limit` best sets are kept, which gives a branch-and-bound: a superset of a set
///   covering `a` affected reports can do no better than p(a, 0), so when that is worse than the
///   current last kept set the whole branch is skipped.
public enum TraitMiner {
    /// Traits on exactly the same reports; `traits[0]` is the one shown (see `TraitOrder`).
    public struct Group: Sendable, Equatable {
        public var traits: [String]
        public var affectedCount: Int
        public var unaffectedCount: Int
        /// Positions (in the input order) of the reports that have these traits.
        public var reports: [Int]
        /// Positions of the reports where these traits are unknown (their source not collected):
        /// neither present nor absent, left out of every count of a set that holds them.
        public var unknownReports: [Int] = []
    }

    /// One conjunction of trait groups.
    public struct MinedSet: Sendable, Equatable {
        /// Indices into `Result.groups`, ascending (which is display order).
        public var groups: [Int]
        public var affectedCount: Int
        public var unaffectedCount: Int
        /// Natural log of the one-sided Fisher p-value (kept apart: at 10,000 reports p underflows).
        public var logPValue: Double
        public var pValue: Double { exp(logPValue) }
        /// Affected and unaffected reports where every trait of the set is known (the totals of its test).
        public var affectedTotal = 0
        public var unaffectedTotal = 0
    }

    public struct Result: Sendable, Equatable {
        /// All trait groups, in display order (see `TraitOrder`).
        public var groups: [Group]
        /// Best first.
        public var sets: [MinedSet]
        public var affectedTotal: Int
        public var unaffectedTotal: Int
    }

    /// - Parameters:
    ///   - traits: the traits of each report (duplicates are ignored).
    ///   - affected: parallel to `traits`.
    ///   - unknown: per report, the trait keys it cannot tell (``TraitKnowledge``); empty: all known.
    ///   - maxSize: largest conjunction, 1...3.
    ///   - limit: how many sets to keep, best first.
    public static func mine(traits: [[String]], affected: [Bool], unknown: [Set<String>] = [], maxSize: Int = 3,
                            limit: Int = 20) -> Result {
        let matrix = TraitMatrix(traits: traits, affected: affected, unknown: unknown)
        var result = Result(groups: matrix.groups, sets: [], affectedTotal: matrix.affectedTotal,
                            unaffectedTotal: matrix.unaffectedTotal)
        guard matrix.affectedTotal > 0, matrix.unaffectedTotal > 0, limit > 0 else { return result }
        var search = Search(matrix: matrix, limit: limit)
        search.run(maxSize: min(max(maxSize, 1), 3))
        result.sets = search.best
        return result
    }
}
