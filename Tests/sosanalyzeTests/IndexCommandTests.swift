import Foundation
import Testing
@testable import SOSAnalyzer
import SOSIndex
#if canImport(Glibc)
import Glibc
#endif

/// `index add|list|remove`, `similar` and `summarize --index` as a user runs them, and the
/// index file under two processes at once and under a killed `add`.
@Suite struct IndexCommandTests {
    static let samples = CorrelateCommandTests.samples

    /// The Samples lines, and `count` copies of app08's line under other digests.
    static func lines(in folder: TemporaryFolder, copies count: Int, name: String, offset: Int = 0) throws -> String {
        let all = try Command.sosanalyze(["inspect", "--format", "jsonl", Self.samples + "/sosreport-app08-20130517133055-6d57.tar.xz"])
        let line = try #require(all.stdout.split(separator: "\n").first)
        let digest = "ab2634cefec55877597fba50e0ee8ba252a28f10f0e64b1885992a9437d8a07a"  // sha256sum of the archive
        #expect(line.contains("\"sha256\":\"\(digest)\""))
        var text = ""
        for number in 0..<count {
            text += line.replacingOccurrences(of: digest, with: String(repeating: "f", count: 56) + String(format: "%08x", offset + number)) + "\n"
        }
        let path = folder.url.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func addListRemoveAndSimilarFromTheCommandLine() throws {
        let folder = try TemporaryFolder()
        let index = folder.url.appendingPathComponent("data/index.sqlite").path
        let dbnode01 = Self.samples + "/sosreport-dbnode01-20130514091203-e9e3.tar.xz"
        let web05 = Self.samples + "/sosreport-web05-20130516152051-72a7.tar.xz"
        let first = try Command.sosanalyze(["index", "add", "--index", index, "--case", "0123", dbnode01])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("case 0123: 1 added, 0 already indexed, 0 not stored"))
        let again = try Command.sosanalyze(["index", "add", "--index", index, "--case", "0123", dbnode01])
        #expect(again.stderr.contains("case 0123: 0 added, 1 already indexed, 0 not stored"))
        #expect(try Command.sosanalyze(["index", "add", "--index", index, "--case", "0456", web05]).status == 0)

        let list = try Command.sosanalyze(["index", "list", "--index", index, "--format", "json"])
        #expect(list.stdout == """
            {
              "cases" : [
                {
                  "case" : "0123",
                  "hosts" : 1,
                  "reports" : 1
                },
                {
                  "case" : "0456",
                  "hosts" : 1,
                  "reports" : 1
                }
              ]
            }

            """)
        let similar = try Command.sosanalyze(["similar", "--index", index, "--case", "0456", "--format", "json"])
        #expect(similar.status == 0, "\(similar.stderr)")
        let result = try JSONDecoder().decode(SimilarCases.self, from: Data(similar.stdout.utf8))
        #expect(result.matches.map(\.case) == ["0123"])
        #expect(result.matches.first?.sharedTraits.contains { $0.trait == "known=mlx4-en-rhel64-high-order-leak" && $0.reportsWithIt == 2 } == true)

        let summary = try Command.sosanalyze(["summarize", "--index", index, web05])
        #expect(summary.stdout.contains("\n## Seen before\n\n2 indexed cases, 2 reports."))
        #expect(summary.stdout.contains("1. **case 0123** — score "))
        #expect(!summary.stdout.contains("**case 0456**"), "the case that holds web05 is web05's own")

        #expect(try Command.sosanalyze(["index", "remove", "--index", index, "--case", "0123"]).status == 0)
        #expect(try Command.sosanalyze(["index", "remove", "--index", index, "--case", "0123"]).status == 1)
        #expect(try Command.sosanalyze(["index", "list", "--index", index]).stdout == "case  reports  hosts\n0456        1      1\n")
        #expect(try Command.sosanalyze(["similar", "--index", index, "--case", "nosuch"]).status == 1)
        #expect(try Command.sosanalyze(["similar", "--index", index]).status == 64)
    }

    @Test func aMissingIndexIsNamedAndNotMade() throws {
        let folder = try TemporaryFolder()
        let missing = folder.url.appendingPathComponent("none/index.sqlite").path
        let app08 = Self.samples + "/sosreport-app08-20130517133055-6d57.tar.xz"
        let similar = try Command.sosanalyze(["similar", "--index", missing, app08])
        #expect(similar.status == 1)
        #expect(similar.stderr.contains("\(missing): no index there"))
        let list = try Command.sosanalyze(["index", "list", "--index", missing])
        #expect(list.status == 0)
        #expect(list.stdout == "no cases indexed in \(missing)\n")
        let summary = try Command.sosanalyze(["summarize", "--index", missing, app08])
        #expect(summary.status == 0)
        #expect(summary.stderr.contains("no index there"))
        #expect(!summary.stdout.contains("## Seen before"))
        #expect(try Command.sosanalyze(["index", "remove", "--index", missing, "--case", "1"]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func theDefaultFileIsUnderXDGDataHome() throws {
        let folder = try TemporaryFolder()
        let app08 = Self.samples + "/sosreport-app08-20130517133055-6d57.tar.xz"
        let result = try Command.run("/usr/bin/env", ["XDG_DATA_HOME=\(folder.url.path)", Command.sosanalyze, "index", "add", "--case", "1", app08])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.url.path + "/sosanalyze/index.sqlite"))
    }

    /// Two `index add`s at once, each round on a new index file: both create it, switch it to WAL
    /// and migrate it at the same moment (the race that once failed one of them with "database is
    /// locked" or `table "case" already exists`), then store their reports.
    @Test func twoProcessesAddingAtOnce() throws {
        let folder = try TemporaryFolder()
        let a = try Self.lines(in: folder, copies: 60, name: "a.jsonl")
        let b = try Self.lines(in: folder, copies: 60, name: "b.jsonl", offset: 30)  // 30 shared with a
        for round in 1...4 {
            let index = folder.url.appendingPathComponent("index-\(round).sqlite").path
            let errors = folder.url.appendingPathComponent("errors-\(round)")
            let processes = try [("a", a), ("b", b)].map { name, path -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: Command.sosanalyze)
                process.arguments = ["index", "add", "--index", index, "--case", name, path]
                _ = FileManager.default.createFile(atPath: errors.path + name, contents: nil)
                process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors.path + name))
                try process.run()
                return process
            }
            processes.forEach { $0.waitUntilExit() }
            let said = ["a", "b"].map { (try? String(contentsOfFile: errors.path + $0, encoding: .utf8)) ?? "" }
            #expect(processes.map(\.terminationStatus) == [0, 0], "round \(round): \(said)")
            let opened = try CaseIndex(path: index)
            #expect(try opened.reportCount() == 90)
            #expect(try opened.cases().map(\.reports).reduce(0, +) == 90)
            #expect(try opened.consistencyProblems() == [])
        }
    }

    @Test func aKilledAddLeavesTheIndexWhole() throws {
        let folder = try TemporaryFolder()
        let index = folder.url.appendingPathComponent("index.sqlite").path
        let lines = try Self.lines(in: folder, copies: 400, name: "many.jsonl")
        _ = try CaseIndex(path: index)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Command.sosanalyze)
        process.arguments = ["index", "add", "--index", index, "--case", "big", lines]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watcher = try CaseIndex(path: index)
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, try watcher.reportCount() < 20, Date() < deadline { usleep(10_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let after = try CaseIndex(path: index)
        let stored = try after.reportCount()
        #expect(stored >= 20)
        #expect(try after.consistencyProblems() == [])
        // Run again: the stored ones are known, the rest go in.
        let rerun = try Command.sosanalyze(["index", "add", "--index", index, "--case", "big", lines])
        #expect(rerun.stderr.contains("case big: \(400 - stored) added, \(stored) already indexed, 0 not stored"))
        #expect(try after.reportCount() == 400)
        #expect(try after.consistencyProblems() == [])
    }
}

/// `index add --redact`: the index holds what `summarize --redact` shows, and no original name.
@Suite struct IndexAddRedactTests {
    @Test func theIndexHoldsThePseudonymsOfSummarizeRedact() throws {
        let folder = try TemporaryFolder()
        let index = folder.url.appendingPathComponent("index.sqlite").path
        let map = folder.url.appendingPathComponent("map.json").path
        let samples = IndexCommandTests.samples
        let add = try Command.sosanalyze(["index", "add", "--index", index, "--case", "0123", "--redact", "--redact-map", map, samples])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stderr.contains("case 0123: 11 added, 0 already indexed, 0 not stored"))
        // The same pseudonyms as summarize --redact of the same reports (its private map too).
        let summary = try Command.sosanalyze(["summarize", "--redact", "--format", "json", "--redact-map", map + ".summary", samples])
        #expect(try String(contentsOfFile: map, encoding: .utf8) == (try String(contentsOfFile: map + ".summary", encoding: .utf8)))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        let hostnames = try #require(document["reports"] as? [[String: Any]]).compactMap { $0["hostname"] as? String }
        #expect(hostnames.count == 11 && hostnames.allSatisfy { $0.hasPrefix("host-") })
        // No original host or domain name anywhere in the index's files (WAL included).
        var bytes = Data()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: index + suffix) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: index + suffix))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        for original in ["dbnode01", "appnode03", "web05", "example.com"] {
            #expect(!text.contains(original), "\(original) is in the index")
        }
        for pseudonym in hostnames {
            #expect(text.contains(pseudonym))
        }
        // And `similar` reads it (one case: nothing else to rank).
        let similar = try Command.sosanalyze(["similar", "--index", index, "--format", "json", "--case", "0123"])
        #expect(similar.status == 0, "\(similar.stderr)")
    }
}
