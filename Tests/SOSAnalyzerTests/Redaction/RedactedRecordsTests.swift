import Foundation
import Testing
@testable import SOSAnalyzer
import SOSArchive

/// `Redaction.redacting(records)` (what `index add --redact` stores) gives each report what
/// `summarize --redact` gives it.
@Suite struct RedactedRecordsTests {
    @Test func recordsAreRedactedAsTheSummaryRedactsTheirReports() async throws {
        var records: [ReportRecord] = []
        await RecordStream.records(for: [SharedData.samples.path], jobs: 2) { records.append($0) }
        #expect(records.count == 11)
        let (redacted, redaction) = Redaction.redacting(records)

        var outcome = BatchOutcome(reports: records.compactMap(\.report).sorted(by: ReportInputs.precedes), problems: [], inputCount: 11)
        var summary = Redaction(outcome)
        outcome = summary.redact(outcome)
        #expect(redacted.compactMap(\.report).sorted(by: ReportInputs.precedes) == outcome.reports)
        #expect(redaction.map == summary.map)
        // In their own order, with their digests; dbnode01 under its pseudonym.
        #expect(redacted.map(\.sha256) == records.map(\.sha256))
        let dbnode01 = try #require(records.firstIndex { $0.report?.hostname == "dbnode01.prod.example.com" })
        #expect(redacted[dbnode01].report?.hostname == redaction.map.hosts["dbnode01.prod.example.com"])
        #expect(redacted[dbnode01].input?.contains("dbnode01") == false)
    }
}
