import Foundation
import Testing
@testable import SOSAnalyzer
import SOSArchive

/// A stored report is the report: decode(encode(r)) == r for every sample and real report, and
/// the JSON Lines shapes (a report line, an error line, a line that is no record).
@Suite struct ReportRecordTests {
    static func inputs(_ folder: URL) -> [DiscoveredInput] {
        InputDiscovery.discover([folder.path]).inputs
    }

    static func roundTrip(_ folder: URL) throws -> Int {
        var count = 0
        for input in inputs(folder) {
            for record in RecordStream.records(for: input) {
                let report = try #require(record.report, "\(input.path): \(record.problem?.error ?? "")")
                let line = try RecordFile.line(record)
                #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"), "one line per record")
                let decoded = try JSONDecoder().decode(ReportRecord.self, from: Data(line.utf8))
                #expect(decoded == record)
                #expect(decoded.report == report, "\(input.path)")
                #expect(decoded.sha256?.count == 64)
                count += 1
            }
        }
        return count
    }

    @Test func everySampleReportSurvivesTheRoundTrip() throws {
        #expect(try Self.roundTrip(SharedData.samples) == 11)
    }

    @Test(.enabled(if: SharedData.realSosreports != nil, "needs ../shared/real-sosreports (absent here)"))
    func everyRealReportSurvivesTheRoundTrip() throws {
        #expect(try Self.roundTrip(try #require(SharedData.realSosreports)) == 3)
    }

    @Test func errorLineKeepsPathCauseAndDigest() throws {
        let problem = InputProblem(path: "cases/b.tar.xz", error: "cases/b.tar.xz: empty file (0 bytes): the copy probably failed, fetch the report again")
        let record = ReportRecord(problem: problem, sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", input: "cases/b.tar.xz")
        let line = try RecordFile.line(record)
        #expect(line == #"{"error":"cases/b.tar.xz: empty file (0 bytes): the copy probably failed, fetch the report again","input":"cases/b.tar.xz","path":"cases/b.tar.xz","schemaVersion":1,"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}"# + "\n")
        #expect(try JSONDecoder().decode(ReportRecord.self, from: Data(line.utf8)) == record)
    }

    @Test func aLineThatIsNoRecordBecomesAProblemAndTheRestIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try #require(Self.inputs(SharedData.samples).first { $0.path.hasSuffix("dbnode01-20130514091203-e9e3.tar.xz") })
        let good = try RecordFile.line(try #require(RecordStream.records(for: input).first))
        let file = folder.appendingPathComponent("mixed.jsonl")
        try Data(("{\"hostname\": 3}\n\n" + good + "not json\n").utf8).write(to: file)
        let records = try RecordFile.records(in: file.path)
        #expect(records.count == 3)
        #expect(records[0].problem?.path == file.path + ":1")
        #expect(records[0].problem?.error.hasPrefix(file.path + ":1: not a report record: ") == true)
        #expect(records[1].report?.hostname == "dbnode01.prod.example.com")
        #expect(records[2].problem?.path == file.path + ":4")
    }

    @Test func bundleReportsGetTheirOwnKeys() {
        var report = Report(source: ReportSourceInfo(path: "c/bundle.tar.xz/sosreport-node1.tar.xz", format: "tar.xz", topFolder: nil, memberCount: 1))
        report.hostname = "node1"
        let inner = ReportRecord(report: report, sha256: "ab", input: "c/bundle.tar.xz")
        #expect(inner.key == "ab/sosreport-node1.tar.xz")
        report.source.path = "c/bundle.tar.xz"
        #expect(ReportRecord(report: report, sha256: "ab", input: "c/bundle.tar.xz").key == "ab")
    }
}
