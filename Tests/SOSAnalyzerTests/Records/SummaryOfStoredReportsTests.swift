import Foundation
import Testing
@testable import SOSAnalyzer
import SOSArchive

/// `summarize` of 10,000 stored reports in bounded memory: the output in pieces (Markdown per
/// section and host, JSON per report), each stored report kept in part and read again whole for
/// the JSON; every output byte for byte what the whole reports give at once.
@Suite struct SummaryOfStoredReportsTests {
    /// The Samples reports as JSON Lines in a temporary file.
    static func samplesLines(_ folder: URL) async throws -> String {
        var text = ""
        await RecordStream.records(for: [SharedData.samples.path], jobs: 2) { record in
            text += (try? RecordFile.line(record)) ?? ""
        }
        let path = folder.appendingPathComponent("samples.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func trimmedReportsGiveTheSummaryOfWholeOnes() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = try await Self.samplesLines(folder)
        let whole = await ReportInputs.read(paths: [lines], jobs: 2)
        let trimmed = await ReportInputs.read(paths: [lines], jobs: 2, trimStored: true)
        #expect(trimmed.reports.count == 11)
        #expect(trimmed.reports.allSatisfy { $0.storedAt != nil })
        #expect(whole.reports.allSatisfy { $0.storedAt == nil })
        // Kept in part (the distribution's modules lose their details), read again whole.
        #expect(trimmed.reports != whole.reports)
        #expect(try trimmed.reports.map { try ReportInputs.whole($0) } == whole.reports)

        let wholeSummary = CaseSummary(whole), trimmedSummary = CaseSummary(trimmed)
        #expect(MarkdownSummaryRenderer.render(trimmedSummary) == MarkdownSummaryRenderer.render(wholeSummary))
        var json = ""
        try BatchDocument.write(trimmedSummary, wholeReport: { try ReportInputs.whole($0) }) { json += $0 }
        #expect(json == (try JSONRendering.render(BatchDocument(wholeSummary))))
    }

    /// `summarize --rules`: the analysis runs again on each report as read, and again on the
    /// whole one read back for the JSON, so the JSON is the one of whole reports analyzed again.
    @Test func reportsAnalyzedAgainAreAnalyzedAgainWhenReadBack() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = try await Self.samplesLines(folder)
        let options = ReadOptions()
        let whole = await ReportInputs.read(paths: [lines], jobs: 2, options: options, reanalyze: true)
        let trimmed = await ReportInputs.read(paths: [lines], jobs: 2, options: options, reanalyze: true, trimStored: true)
        var json = ""
        try BatchDocument.write(CaseSummary(trimmed), wholeReport: { try ReportInputs.whole($0, options: options, reanalyze: true) }) { json += $0 }
        #expect(json == (try JSONRendering.render(BatchDocument(CaseSummary(whole)))))
        #expect(MarkdownSummaryRenderer.render(CaseSummary(trimmed)) == MarkdownSummaryRenderer.render(CaseSummary(whole)))
    }

    @Test func theDistributionsModulesKeepTheirNameSizeAndThirdPartyOnly() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trimmed = await ReportInputs.read(paths: [try await Self.samplesLines(folder)], jobs: 2, trimStored: true)
        let dbnode01 = try #require(trimmed.reports.first { $0.hostname == "dbnode01.prod.example.com" })
        let whole = try ReportInputs.whole(dbnode01)
        // sos_commands/kernel/lsmod line 40: `ext4                  374902  3 `.
        let ext4 = try #require(dbnode01.modules.first { $0.name == "ext4" })
        #expect(ext4 == ModuleInfo(name: "ext4", size: 374902, usedBy: [], source: Evidence(member: "")))
        #expect(whole.modules.first { $0.name == "ext4" }?.source == Evidence(member: "sos_commands/kernel/lsmod", line: 40))
        // Third-party modules are what the summary shows: kept whole.
        let vxfs = try #require(dbnode01.modules.first { $0.name == "vxfs" })
        #expect(vxfs.thirdParty && vxfs == whole.modules.first { $0.name == "vxfs" })
        #expect(dbnode01.modules.map(\.name) == whole.modules.map(\.name))
        #expect(dbnode01.pagetypeinfo.isEmpty && !whole.pagetypeinfo.isEmpty)
    }

    @Test func aLocationReadsItsLineAgain() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let problem = ReportRecord(
            problem: InputProblem(path: "cases/b.tar.xz", error: "cases/b.tar.xz: empty file (0 bytes): the copy probably failed, fetch the report again"),
            sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", input: "cases/b.tar.xz")
        let input = try #require(InputDiscovery.discover([SharedData.samples.path]).inputs.first { $0.path.hasSuffix("dbnode01-20130514091203-e9e3.tar.xz") })
        let report = try #require(RecordStream.records(for: input).first)
        let first = try RecordFile.line(problem), second = try RecordFile.line(report)
        #expect(first.utf8.count == 242)
        let file = folder.appendingPathComponent("mixed.jsonl").path
        try (first + second).write(toFile: file, atomically: true, encoding: .utf8)
        var seen: [(ReportRecord, RecordLocation?)] = []
        try RecordFile.forEachRecord(in: file) { seen.append(($0, $1)) }
        #expect(seen.map(\.1) == [RecordLocation(path: file, line: 1, offset: 0, length: 241),
                                  RecordLocation(path: file, line: 2, offset: 242, length: second.utf8.count - 1)])
        let location = try #require(seen.last?.1)
        #expect(try RecordFile.record(at: location) == report)
        // A file changed since: the line is not there whole any more.
        try first.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: RecordFileError.self) { try RecordFile.record(at: location) }
    }

    @Test func markdownPiecesEndInANewlineAndJoinToTheSummary() async throws {
        let summary = CaseSummary(await BatchReader.read(paths: [SharedData.samples.path], jobs: 2))
        var pieces: [String] = []
        MarkdownSummaryRenderer.render(summary) { pieces.append($0) }
        #expect(pieces.allSatisfy { $0.hasSuffix("\n") })
        // A piece per section, and one per host.
        #expect(pieces.count > summary.reports.count)
        #expect(pieces.filter { $0.hasPrefix("---\n\n### ") }.count == 11)
        #expect(pieces.joined() == MarkdownSummaryRenderer.render(summary))
    }

    /// `summarize --format json --index`: a key beside the batch's own, in its sorted place.
    struct WithExtraKey: Encodable {
        var document: BatchDocument
        var seenBefore: [String: Int]

        private enum Keys: String, CodingKey { case seenBefore }

        func encode(to encoder: any Encoder) throws {
            try document.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(seenBefore, forKey: .seenBefore)
        }
    }

    @Test func jsonPiecesJoinToTheDocument() async throws {
        let summary = CaseSummary(await BatchReader.read(paths: [SharedData.samples.path], jobs: 2))
        var pieces: [String] = []
        try BatchDocument.write(summary, adding: ["seenBefore": ["matches": 0]]) { pieces.append($0) }
        #expect(pieces.allSatisfy { $0.hasSuffix("\n") })
        #expect(pieces.count == 11 + 8)
        #expect(pieces.joined() == (try JSONRendering.render(WithExtraKey(document: BatchDocument(summary), seenBefore: ["matches": 0]))))
        // No report: the encoder's empty array.
        var empty = ""
        try BatchDocument.write(CaseSummary(BatchOutcome(reports: [], problems: [], inputCount: 0))) { empty += $0 }
        #expect(empty == (try JSONRendering.render(BatchDocument(BatchOutcome(reports: [], problems: [], inputCount: 0)))))
    }

    @Test func indentationMovesEveryLineButTheEmptyOnes() {
        #expect(JSONRendering.indented("[\n  1\n]", by: 2) == "[\n    1\n  ]")
        #expect(JSONRendering.indented("[\n\n]", by: 2) == "[\n\n  ]")
    }
}
