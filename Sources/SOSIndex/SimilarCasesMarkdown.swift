import SOSAnalyzer

/// `similar`'s Markdown, and the "Seen before" section `summarize --index` adds. On the Samples
/// story (SimilarCasesTests: the mlx4_en hosts, the quiet RHEL 6 hosts, the modern ones), for
/// dbnode01's report as a new case's, `--top 1`:
///
/// ```
/// ## Similar cases to dbnode01 (1 report)
///
/// 3 indexed cases, 11 reports. Score: overlap of traits weighted by rarity, per family, over the families both sides collected.
///
/// 1. **case mlx4** — score 0.83, 5 reports
///    - shared: `kernel=2.6.32-358.el6.x86_64` (1 of 11 indexed reports), `failure=order-3 GFP_ATOMIC in vxfs` (2 of 11), `module=bonding` (2 of 11), `nic.driver=bonding` (2 of 11), `known=mlx4-en-rhel64-high-order-leak` (5 of 11), `os=RHEL 6.4` (7 of 11), and 66 more
///    - 1 of 11 indexed reports has the first 3 together
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
