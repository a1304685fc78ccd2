import Foundation
import SOSAnalyzer
import SOSIndex

/// `summarize --index PATH`: the indexed cases that look like the summary's reports, for its
/// "Seen before" section (Markdown) or its `seenBefore` key (JSON, beside `reports`,
/// `correlation`, `problems`).
enum SeenBefore {
    /// Nil (with a message) when there is no index there or it cannot be opened.
    static func result(for outcome: BatchOutcome, indexPath: String) throws -> SimilarCases? {
        guard FileManager.default.fileExists(atPath: indexPath) else {
            Output.error("sosanalyze: \(indexPath): no index there (index add makes it); no \"Seen before\" section")
            return nil
        }
        let index: CaseIndex
        do {
            index = try CaseIndex(path: indexPath)
        } catch {
            Output.error("sosanalyze: \(indexPath): cannot open the index: \(error)")
            return nil
        }
        return try index.seenBefore(outcome.reports)
    }
}
