import Foundation
import SOSAnalyzer
import SOSIndex

/// `summarize --index PATH`: the summary, then the indexed cases that look like it.
enum SeenBefore {
    static func append(to text: String, format: SummaryFormat, outcome: BatchOutcome, indexPath: String) throws -> String {
        guard FileManager.default.fileExists(atPath: indexPath) else {
            Output.error("sosanalyze: \(indexPath): no index there (index add makes it); no \"Seen before\" section")
            return text
        }
        let index: CaseIndex
        do {
            index = try CaseIndex(path: indexPath)
        } catch {
            Output.error("sosanalyze: \(indexPath): cannot open the index: \(error)")
            return text
        }
        let result = try index.seenBefore(outcome.reports)
        switch format {
        case .markdown:
            return text + SimilarCasesMarkdown.seenBefore(result)
        case .json:
            return try JSONRendering.render(Document(summary: BatchDocument(outcome), seenBefore: result))
        }
    }

    /// `summarize --format json` with a `seenBefore` key beside `reports`, `correlation`, `problems`.
    struct Document: Encodable {
        var summary: BatchDocument
        var seenBefore: SimilarCases

        private enum Keys: String, CodingKey { case seenBefore }

        func encode(to encoder: any Encoder) throws {
            try summary.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(seenBefore, forKey: .seenBefore)
        }
    }
}
