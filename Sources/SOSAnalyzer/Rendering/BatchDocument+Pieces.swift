import Foundation

extension BatchDocument {
    /// Writes the `summarize --format json` document of `summary` in pieces, one report at a
    /// time, so a summary of 10,000 reports is never encoded whole: the pieces joined are
    /// `JSONRendering.render(BatchDocument(summary))` byte for byte (keys sorted, the same
    /// indentation), plus the `extra` top-level keys in their sorted places.
    ///
    /// ```swift
    /// try BatchDocument.write(summary, adding: ["seenBefore": similarCases]) { piece in Output.write(piece) }
    /// ```
    ///
    /// Every piece ends in `\n`. `wholeReport` gives the report to write for each of
    /// `summary.reports`, in batch order: a report that `ReportInputs` kept only in part
    /// (``Report/storedAt``) is read again whole there (`ReportInputs.whole`).
    public static func write(
        _ summary: CaseSummary, adding extra: [String: any Encodable & Sendable] = [:],
        wholeReport: (Report) throws -> Report = { $0 },
        to write: (String) throws -> Void
    ) throws {
        enum Entry {
            case value(any Encodable)
            case reports
        }
        var entries: [String: Entry] = [
            "schemaVersion": .value(Report.currentSchemaVersion),
            "correlation": .value(summary.correlation),
            "problems": .value(summary.problems),
            "reports": .reports,
        ]
        if !summary.skipped.isEmpty { entries["skipped"] = .value(summary.skipped) }
        for (key, value) in extra { entries[key] = .value(value) }
        let keys = entries.keys.sorted()
        try write("{\n")
        for (position, key) in keys.enumerated() {
            let end = position == keys.count - 1 ? "\n" : ",\n"
            let start = "  \"\(key)\" : "
            switch entries[key] {
            case .value(let value)?:
                try write(start + JSONRendering.indented(try JSONRendering.fragment(value), by: 2) + end)
            case .reports?:
                guard !summary.reports.isEmpty else {
                    try write(start + JSONRendering.indented(try JSONRendering.fragment([Report]()), by: 2) + end)
                    continue
                }
                try write(start + "[\n")
                for (number, report) in summary.reports.enumerated() {
                    let separator = number == summary.reports.count - 1 ? "\n" : ",\n"
                    try write("    " + JSONRendering.indented(try JSONRendering.fragment(try wholeReport(report)), by: 4) + separator)
                }
                try write("  ]" + end)
            case nil:
                continue
            }
        }
        try write("}\n")
    }
}
