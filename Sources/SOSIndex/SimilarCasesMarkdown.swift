import SOSAnalyzer

/// `similar`'s Markdown, and the "Seen before" section `summarize --index` adds:
///
/// ```
/// ## Similar cases to case 0123 (3 reports)
///
/// 2 indexed cases, 11 reports. Score: overlap of traits weighted by rarity, per family, over the families both sides collected.
///
/// 1. **case rhel6** — score 0.62, 5 reports
///    - shared: `known=mlx4-en-rhel64-high-order-leak` (5 of 11 indexed reports), `failure=order-2 GFP_ATOMIC in mlx4_en` (5 of 11)
///    - 5 of 11 indexed reports have the first 3 together
/// ```
public enum SimilarCasesMarkdown {
    /// Shared traits shown per match (JSON lists them all).
    public static let shownTraits = 6

    public static func render(_ result: SimilarCases) -> String {
        var text = "## Similar cases to \(result.query) (\(count(result.queryReports, "report")))\n\n"
        text += body(result)
        return text
    }

    /// The section for `summarize --index`.
    public static func seenBefore(_ result: SimilarCases) -> String {
        "\n## Seen before\n\n" + body(result)
    }

    static func body(_ result: SimilarCases) -> String {
        var text = "\(count(result.indexedCases, "indexed case")), \(count(result.indexedReports, "report")). "
            + "Score: overlap of traits weighted by rarity, per family, over the families both sides collected.\n\n"
        if result.matches.isEmpty {
            return text + "No indexed case shares a trait with it.\n"
        }
        for (number, match) in result.matches.enumerated() {
            text += "\(number + 1). **case \(match.case)** — score \(formatScore(match.score)), \(count(match.reports, "report"))\n"
            let shown = match.sharedTraits.prefix(shownTraits).enumerated().map { index, shared in
                "`\(shared.trait)` (\(shared.reportsWithIt) of \(index == 0 ? "\(result.indexedReports) indexed reports" : "\(result.indexedReports)"))"
            }
            let more = match.sharedTraits.count > shownTraits ? ", and \(match.sharedTraits.count - shownTraits) more" : ""
            text += "   - shared: \(shown.joined(separator: ", "))\(more)\n"
            let together = min(3, match.sharedTraits.count)
            if together > 1 {
                text += "   - \(match.reportsWithTopTraits) of \(result.indexedReports) indexed reports \(match.reportsWithTopTraits == 1 ? "has" : "have") the first \(together) together\n"
            }
        }
        return text
    }

    static func formatScore(_ score: Double) -> String {
        let hundredths = Int((score * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
