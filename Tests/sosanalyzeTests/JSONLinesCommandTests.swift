import Foundation
import Testing
@testable import SOSAnalyzer

/// `inspect --format jsonl` and the stored reports it writes, read back by `summarize` and
/// `correlate` exactly as the archives would be.
@Suite struct JSONLinesCommandTests {
    static let samples = CorrelateCommandTests.samples

    /// The Samples fleet as JSON Lines, written once per test that needs it.
    static func samplesLines(in folder: TemporaryFolder) throws -> String {
        let result = try Command.sosanalyze(["inspect", "--format", "jsonl", "--jobs", "2", samples])
        #expect(result.status == 0, "\(result.stderr)")
        let path = folder.url.appendingPathComponent("samples.jsonl").path
        try result.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func oneLinePerReportWithDigestAndInput() throws {
        let folder = try TemporaryFolder()
        let lines = try String(contentsOfFile: try Self.samplesLines(in: folder), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 11)
        let records = try lines.map { try JSONDecoder().decode(ReportRecord.self, from: Data($0.utf8)) }
        let dbnode01 = try #require(records.first { $0.report?.hostname == "dbnode01.prod.example.com" })
        // `sha256sum Samples/sosreport-dbnode01-20130514091203-e9e3.tar.xz`
        #expect(dbnode01.sha256 == "0cd3def7ad6175d57ac5632f30efd62ed0ff52091525952edb5f548c1617c27f")
        #expect(dbnode01.input == Self.samples + "/sosreport-dbnode01-20130514091203-e9e3.tar.xz")
        #expect(records.allSatisfy { $0.schemaVersion == 1 })
        // The line holds what `inspect --format json` prints, plus sha256 and input.
        let json = try Command.sosanalyze(["inspect", "--format", "json", try #require(dbnode01.input)])
        #expect(try JSONDecoder().decode(Report.self, from: Data(json.stdout.utf8)) == dbnode01.report)
    }

    @Test(arguments: [["summarize"], ["summarize", "--format", "json"], ["correlate"], ["correlate", "--format", "json"],
                      ["correlate", "--affected-if", "event:oom-kill"]])
    func storedReportsGiveTheBytesTheArchivesGive(command: [String]) throws {
        let folder = try TemporaryFolder()
        let lines = try Self.samplesLines(in: folder)
        let fromArchives = try Command.sosanalyze(command + ["--jobs", "2", Self.samples])
        let fromLines = try Command.sosanalyze(command + [lines])
        #expect(fromArchives.status == 0)
        #expect(fromLines.status == 0, "\(fromLines.stderr)")
        #expect(fromLines.stdout == fromArchives.stdout)
    }

    @Test func linesMixWithArchivesAndInspectJSON() throws {
        let folder = try TemporaryFolder()
        let all = try String(contentsOfFile: try Self.samplesLines(in: folder), encoding: .utf8).split(separator: "\n")
        // Lines of everything but web05 and dbnode01; dbnode01 as `inspect --format json`; web05 as its archive.
        let web05 = Self.samples + "/sosreport-web05-20130516152051-72a7.tar.xz"
        let dbnode01 = Self.samples + "/sosreport-dbnode01-20130514091203-e9e3.tar.xz"
        let rest = all.filter { !$0.contains("\"input\":\"\(web05)\"") && !$0.contains("\"input\":\"\(dbnode01)\"") }
        #expect(rest.count == 9)
        let partial = folder.url.appendingPathComponent("rest.jsonl").path
        try (rest.joined(separator: "\n") + "\n").write(toFile: partial, atomically: true, encoding: .utf8)
        let single = folder.url.appendingPathComponent("dbnode01.json").path
        try Command.sosanalyze(["inspect", "--format", "json", dbnode01]).stdout.write(toFile: single, atomically: true, encoding: .utf8)

        let mixed = try Command.sosanalyze(["summarize", web05, partial, single])
        let archives = try Command.sosanalyze(["summarize", "--jobs", "2", Self.samples])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stdout == archives.stdout)
    }

    @Test func aBadArchiveIsOneLineAndTheStatusSaysSo() throws {
        let folder = try TemporaryFolder()
        let empty = folder.url.appendingPathComponent("empty.tar.xz").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        let list = folder.url.appendingPathComponent("paths.txt").path
        let app08 = Self.samples + "/sosreport-app08-20130517133055-6d57.tar.xz"
        try "\(empty)\n\n\(folder.url.path)/missing.tar.xz\n".write(toFile: list, atomically: true, encoding: .utf8)

        let result = try Command.sosanalyze(["inspect", "--format", "jsonl", "--paths-from", list, app08])
        #expect(result.status == 2)
        let records = try result.stdout.split(separator: "\n").map { try JSONDecoder().decode(ReportRecord.self, from: Data($0.utf8)) }
        #expect(records.count == 3)
        #expect(records.compactMap(\.problem).map(\.path) == [empty, folder.url.path + "/missing.tar.xz"])
        #expect(records.first?.problem?.error == "\(empty): empty file (0 bytes): the copy probably failed, fetch the report again")
        #expect(records.first?.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(records.last?.report?.hostname == "app08.prod.example.com")
        #expect(result.stderr.contains("sosanalyze: \(empty): empty file"))

        // Read back, the problems are listed and the status is 2 again.
        let lines = folder.url.appendingPathComponent("bad.jsonl").path
        try result.stdout.write(toFile: lines, atomically: true, encoding: .utf8)
        let summary = try Command.sosanalyze(["summarize", lines])
        #expect(summary.status == 2)
        #expect(summary.stdout.contains("empty file (0 bytes)"))
        #expect(summary.stdout.contains("read 1 input offline"))
    }

    @Test func pathsFromStandardInput() throws {
        let app08 = Self.samples + "/sosreport-app08-20130517133055-6d57.tar.xz"
        let result = try Command.run("/bin/sh", ["-c", "printf '%s\\n' \"$1\" | \"$0\" inspect --format jsonl --paths-from -",
                                                  Command.sosanalyze, app08])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stdout.contains("\"hostname\":\"app08.prod.example.com\""))
    }

    @Test func usage() throws {
        #expect(try Command.sosanalyze(["inspect", "--paths-from", "-"]).status == 64)
        #expect(try Command.sosanalyze(["inspect", Self.samples, Self.samples]).status == 64)
        #expect(try Command.sosanalyze(["inspect", "--format", "jsonl"]).status == 64)
    }
}
