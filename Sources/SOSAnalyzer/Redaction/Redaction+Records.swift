extension Redaction {
    /// Stored records redacted the way `summarize --redact` redacts the same reports: the names
    /// learned from all of them in batch order (``ReportInputs/precedes(_:_:)``), every string of
    /// each report redacted in that order, then the error lines' paths and messages and the
    /// `input` paths. `sha256` stays (it names the archive's bytes, not a host). What
    /// `index add --redact` stores.
    ///
    /// ```swift
    /// let (shareable, redaction) = Redaction.redacting(records)
    /// // dbnode01.prod.example.com in Samples/ is host-03.domain-01.example in `shareable`;
    /// // redaction.map is the private key back
    /// ```
    ///
    /// The records come back in their own order. A collect bundle's inner reports are then
    /// keyed (``ReportRecord/key``) by their redacted names.
    public static func redacting(_ records: [ReportRecord]) -> (records: [ReportRecord], redaction: Redaction) {
        var reports = records.enumerated().compactMap { position, record in record.report.map { (position: position, report: $0) } }
        reports.sort { ReportInputs.precedes($0.report, $1.report) }
        var redaction = Redaction(reports: reports.map(\.report), problems: records.compactMap(\.problem))
        var result = records
        for (position, report) in reports {
            result[position].content = .report(redaction.redact(report))
        }
        for position in result.indices {
            if let problem = result[position].problem {
                result[position].content = .problem(InputProblem(path: redaction.redactText(problem.path), error: redaction.redactText(problem.error)))
            }
        }
        for position in result.indices {
            result[position].input = result[position].input.map { redaction.redactText($0) }
        }
        return (result, redaction)
    }
}
