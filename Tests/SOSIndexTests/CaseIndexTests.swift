import Foundation
import GRDB
import Testing
@testable import SOSAnalyzer
@testable import SOSIndex

/// The index file: schema and WAL, adding (once), listing, removing, and that a report is
/// stored whole or not at all, also with two writers at once.
@Suite struct CaseIndexTests {
    @Test func walModeAndTheMigrationRunOnce() throws {
        let folder = try IndexFolder()
        let index = try CaseIndex(path: folder.indexPath)
        #expect(try index.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try index.pool.read { try IndexSchema.migrator.appliedIdentifiers($0) } == ["v1: cases, reports, traits, findings", "v2: cached case weights", "v3: cached case profiles"])
        let again = try CaseIndex(path: folder.indexPath)
        #expect(try again.pool.read { try IndexSchema.migrator.hasCompletedMigrations($0) })
    }

    /// The open is tried again only for what two processes creating one index at once meet
    /// ("locked", a migration the other one ran): a file that is no database fails on the first try.
    @Test func aFileThatIsNoDatabaseIsReportedAsSuch() throws {
        let folder = try IndexFolder()
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }).write(to: URL(fileURLWithPath: folder.indexPath))
        #expect(throws: DatabaseError.self) { try CaseIndex(path: folder.indexPath) }
        do {
            _ = try CaseIndex(path: folder.indexPath)
        } catch let error as DatabaseError {
            #expect(error.resultCode == .SQLITE_NOTADB)
        }
    }

    @Test func defaultPathFollowsXDG() {
        #expect(CaseIndex.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/a"]) == "/data/sosanalyze/index.sqlite")
        #expect(CaseIndex.defaultPath(environment: ["HOME": "/home/a"]) == "/home/a/.local/share/sosanalyze/index.sqlite")
        // The spec says a relative XDG_DATA_HOME is invalid and to be ignored.
        #expect(CaseIndex.defaultPath(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/a"]) == "/home/a/.local/share/sosanalyze/index.sqlite")
    }

    @Test func addingAKnownReportIsANoOp() throws {
        let folder = try IndexFolder()
        let index = try CaseIndex(path: folder.indexPath)
        let record = try #require(IndexFixtures.sample("dbnode01"))
        #expect(try index.add(record, toCase: "0123") == .added)
        let before = try index.pool.read { db in
            try [Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reportTrait"), Int.fetchOne(db, sql: "SELECT SUM(reports) FROM trait")]
        }
        #expect(try index.add(record, toCase: "0123") == .known(case: "0123"))
        #expect(try index.add(record, toCase: "0456") == .known(case: "0123"))
        let after = try index.pool.read { db in
            try [Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reportTrait"), Int.fetchOne(db, sql: "SELECT SUM(reports) FROM trait")]
        }
        #expect(before == after)
        #expect(try index.cases() == [CaseIndex.CaseSummary(case: "0123", reports: 1, hosts: 1)])
        #expect(try index.consistencyProblems() == [])
    }

    @Test func errorLinesAndUndigestedRecordsAreNotStored() throws {
        let folder = try IndexFolder()
        let index = try CaseIndex(path: folder.indexPath)
        let problem = ReportRecord(problem: InputProblem(path: "b.tar.xz", error: "b.tar.xz: empty file (0 bytes): the copy probably failed, fetch the report again"),
                                   sha256: nil, input: "b.tar.xz")
        #expect(try index.add(problem, toCase: "0123") == .notStored(reason: problem.problem?.error ?? ""))
        var bare = try #require(IndexFixtures.sample("web05"))
        bare.sha256 = nil
        guard case .notStored = try index.add(bare, toCase: "0123") else { Issue.record("stored without a digest"); return }
        #expect(try index.reportCount() == 0)
    }

    @Test func aFailureInsideAReportRollsItBackWhole() throws {
        struct Interrupted: Error {}
        let folder = try IndexFolder()
        let index = try CaseIndex(path: folder.indexPath)
        try index.add(try #require(IndexFixtures.sample("web05")), toCase: "0123")
        let before = try index.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM trait ORDER BY id") }
        #expect(throws: Interrupted.self) {
            try index.add(try #require(IndexFixtures.sample("dbnode01")), toCase: "0456", beforeCommit: { throw Interrupted() })
        }
        #expect(try index.cases() == [CaseIndex.CaseSummary(case: "0123", reports: 1, hosts: 1)], "no case 0456 either")
        #expect(try index.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM trait ORDER BY id") } == before)
        #expect(try index.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM finding") } == (IndexFixtures.sample("web05")?.report?.findings.count ?? -1))
        #expect(try index.consistencyProblems() == [])
        #expect(try index.add(try #require(IndexFixtures.sample("dbnode01")), toCase: "0456") == .added)
    }

    @Test func twoConnectionsAddingAtOnceLoseNothing() async throws {
        let folder = try IndexFolder()
        let path = folder.indexPath
        _ = try CaseIndex(path: path)
        let records = IndexFixtures.sampleRecords
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let index = try CaseIndex(path: path)  // its own pool: its own connections
                    for round in 0..<5 {
                        for (number, record) in records.enumerated() {
                            // Both writers add the same 11 reports of round 0 (one wins each), and their own copies.
                            let copy = round == 0 ? record : IndexFixtures.rekeyed(record, writer * 1000 + round * 100 + number)
                            try index.add(copy, toCase: round == 0 ? "shared" : "writer\(writer)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let index = try CaseIndex(path: path)
        #expect(try index.cases() == [
            CaseIndex.CaseSummary(case: "shared", reports: 11, hosts: 11),
            CaseIndex.CaseSummary(case: "writer0", reports: 44, hosts: 11),
            CaseIndex.CaseSummary(case: "writer1", reports: 44, hosts: 11),
        ])
        #expect(try index.consistencyProblems() == [])
    }

    @Test func removingACaseTakesItsReportsAndCounts() throws {
        let folder = try IndexFolder()
        let index = try CaseIndex(path: folder.indexPath)
        for record in IndexFixtures.sampleRecords.prefix(4) { try index.add(record, toCase: "a") }
        for record in IndexFixtures.sampleRecords.dropFirst(4) { try index.add(record, toCase: "b") }
        #expect(try index.remove(case: "a") == 4)
        #expect(try index.remove(case: "nosuch") == 0)
        #expect(try index.cases() == [CaseIndex.CaseSummary(case: "b", reports: 7, hosts: 7)])
        #expect(try index.consistencyProblems() == [])
        let orphans = try index.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trait WHERE reports = 0") }
        #expect(orphans == 0)
        // Re-added after removal: stored again.
        #expect(try index.add(try #require(IndexFixtures.sampleRecords.first), toCase: "a") == .added)
    }
}
