/// "Which past cases look like this one, and why": indexed cases ranked by the traits they share
/// with the query, each trait weighted by how rare it is in the index.
///
/// A trait's weight is `ln(1 + N / n)`, N the stored reports and n those that have it (a trait
/// on every report weighs ln 2 ≈ 0.69; one on 3 of 4,200 reports, 7.2). Traits are compared per
/// ``TraitFamily``, and only in the families both sides collected: per family the weighted
/// overlap `Σ shared / Σ (query ∪ case)`, and the score is their mean over the families where
/// either side has a trait (1: the same traits, 0: none shared). One rare NIC firmware counts
/// as much as fifty shared modules.
/// Each match names the shared traits, the rarest of each family first, with how many stored
/// reports have each, and how many have the first three together.
public struct SimilarCases: Sendable, Codable, Equatable {
    /// What was asked about: `case 0123`, or the paths.
    public var query: String
    public var queryReports: Int
    public var indexedReports: Int
    public var indexedCases: Int
    public var matches: [Match]

    public struct Match: Sendable, Codable, Equatable {
        public var `case`: String
        /// 0...1, four decimals.
        public var score: Double
        /// Reports stored under the case.
        public var reports: Int
        /// The rarest shared trait of each family first, then the others; rarest first in each part.
        public var sharedTraits: [SharedTrait]
        /// Stored reports that have all of the first (up to three) shared traits: how rare the
        /// combination that explains the match is.
        public var reportsWithTopTraits: Int
        /// The families compared: collected on both sides, with a trait on at least one.
        public var families: [TraitFamily]
    }

    public struct SharedTrait: Sendable, Codable, Equatable {
        public var trait: String
        /// Stored reports that have it.
        public var reportsWithIt: Int
    }
}
