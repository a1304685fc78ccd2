import Foundation
internal import GRDB
internal import GRDBSQLite
import SOSAnalyzer

/// The local case index: a SQLite file (WAL mode) of stored reports, their case, host, traits and
/// findings, keyed by the archive's SHA-256.
///
/// ```swift
/// let index = try CaseIndex(path: CaseIndex.defaultPath())
/// try index.add(record, toCase: "0123")   // .added, or .known("0123") the second time
/// try index.cases()                       // [CaseSummary(case: "0123", reports: 1, hosts: 1)]
/// ```
///
/// Each report goes in in one IMMEDIATE transaction: a killed `index add` leaves every report
/// either stored whole or not at all, and two `add`s at once wait for each other (busy timeout)
/// instead of failing or corrupting the file.
public final class CaseIndex: Sendable {
    public let path: String
    let pool: DatabasePool

    /// `$XDG_DATA_HOME/sosanalyze/index.sqlite`, or `~/.local/share/sosanalyze/index.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            base = data
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/sosanalyze/index.sqlite"
    }

    /// Opens (creating the file and its folder if needed) and migrates the index.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.foreignKeysEnabled = true
        // In WAL mode NORMAL still commits each transaction whole (a crash keeps the file
        // consistent); it only skips the fsync per commit, which made one report ~10 ms.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A persistent WAL (GRDB's advice for shared files): the -wal and -shm files stay when
            // the last connection closes. Else every run found no WAL, and GRDB wrote a
            // transaction to make one and SQLite checkpointed and deleted it at exit: four fsyncs
            // and about half the wall time of a `similar` at 10,000 reports.
            var persist: CInt = 1
            let code = withUnsafeMutablePointer(to: &persist) { sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, $0) }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        }
        pool = try Self.open(path, configuration)
    }

    /// Opens the pool and brings the schema up to date, when another process may be doing the
    /// same to a new file. Two things go wrong then, and neither waits on the busy timeout: the
    /// switch to WAL mode (`PRAGMA journal_mode = WAL`) fails at once with "database is locked"
    /// while the other connection holds the file, and the migrator, which reads which migrations
    /// are applied before it runs each one in its own transaction, stops at `table "case" already
    /// exists` when both saw none (its transaction rolled back: nothing half done). Tried again a
    /// moment later, the other process's work is there; the error is kept when it never settles.
    /// Only those two are tried again: "locked" for up to five seconds, a failed statement (one
    /// attempt per migration the other process may be running) a few times; any other error (a
    /// file that is no database, a corrupt one) is reported at once.
    static func open(_ path: String, _ configuration: Configuration) throws -> DatabasePool {
        let migrator = IndexSchema.migrator
        var lockedAttempts = 0
        var statementAttempts = 0
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try migrator.migrate(pool)
                return pool
            } catch let error as DatabaseError {
                let locked = error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
                if locked, lockedAttempts < 100 {
                    lockedAttempts += 1
                } else if error.resultCode == .SQLITE_ERROR, statementAttempts < migrator.migrations.count {
                    statementAttempts += 1
                } else {
                    throw error
                }
                usleep(50_000)
            }
        }
    }

    public enum AddOutcome: Sendable, Equatable {
        case added
        /// Already stored (same key), under this case: nothing changed.
        case known(case: String)
        /// An error line, or a record without digest: nothing to store.
        case notStored(reason: String)
    }

    /// Stores one record under `caseName`, or does nothing if its key is already stored.
    @discardableResult
    public func add(_ record: ReportRecord, toCase caseName: String) throws -> AddOutcome {
        try add(record, toCase: caseName, beforeCommit: nil)
    }

    /// `beforeCommit` runs inside the transaction after every row is written (tests make it throw
    /// to prove that a report is stored whole or not at all).
    func add(_ record: ReportRecord, toCase caseName: String, beforeCommit: (() throws -> Void)?) throws -> AddOutcome {
        guard let report = record.report else {
            return .notStored(reason: record.problem?.error ?? "no report")
        }
        guard let key = record.key, let sha256 = record.sha256 else {
            return .notStored(reason: "\(report.source.path): no sha256 in the record (write it with inspect --format jsonl)")
        }
        let traits = CaseTraits(report)
        let now = ISO8601DateFormatter().string(from: Date())
        return try pool.writeWithoutTransaction { db in
            var outcome = AddOutcome.added
            try db.inTransaction(.immediate) {
                if let known = try String.fetchOne(db, sql: """
                    SELECT c.name FROM report r JOIN "case" c ON c.id = r.caseId WHERE r.key = ?
                    """, arguments: [key]) {
                    outcome = .known(case: known)
                    return .commit
                }
                try db.execute(sql: #"INSERT INTO "case"(name) VALUES (?) ON CONFLICT(name) DO NOTHING"#, arguments: [caseName])
                guard let caseId = try Int64.fetchOne(db, sql: #"SELECT id FROM "case" WHERE name = ?"#, arguments: [caseName]) else {
                    throw DatabaseError(message: "case \(caseName) vanished inside its transaction")
                }
                try db.execute(sql: """
                    INSERT INTO report(key, sha256, caseId, hostname, sourcePath, os, kernel, collectedAt, families, addedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [key, sha256, caseId, report.hostname, report.source.path, report.os?.displayName,
                                     report.kernel?.release, report.collectedAt,
                                     traits.collected.sorted().map(\.rawValue).joined(separator: ","), now])
                let reportId = db.lastInsertedRowID
                for trait in traits.traits {
                    guard let family = TraitFamily(trait: trait) else { continue }
                    guard let traitId = try Int64.fetchOne(db, sql: """
                        INSERT INTO trait(text, family, reports) VALUES (?, ?, 1)
                        ON CONFLICT(text) DO UPDATE SET reports = reports + 1 RETURNING id
                        """, arguments: [trait, family.rawValue]) else { continue }
                    try db.execute(sql: "INSERT INTO reportTrait(reportId, traitId) VALUES (?, ?)", arguments: [reportId, traitId])
                    try db.execute(sql: """
                        INSERT INTO caseTrait(caseId, traitId, reports) VALUES (?, ?, 1)
                        ON CONFLICT(caseId, traitId) DO UPDATE SET reports = reports + 1
                        """, arguments: [caseId, traitId])
                }
                for finding in report.findings {
                    try db.execute(sql: """
                        INSERT INTO finding(reportId, findingId, severity, title) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING
                        """, arguments: [reportId, finding.id, finding.severity.rawValue, finding.title])
                }
                try db.execute(sql: "UPDATE indexState SET value = value + 1 WHERE key = 'generation'")
                try beforeCommit?()
                return .commit
            }
            return outcome
        }
    }

    /// One row of `index list`.
    public struct CaseSummary: Sendable, Codable, Equatable {
        public var `case`: String
        public var reports: Int
        /// Distinct host names among the case's reports.
        public var hosts: Int

        public init(case name: String, reports: Int, hosts: Int) {
            self.case = name
            self.reports = reports
            self.hosts = hosts
        }
    }

    /// Every case, in name order.
    public func cases() throws -> [CaseSummary] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.name, COUNT(r.id) AS reports, COUNT(DISTINCT r.hostname) AS hosts
                FROM "case" c LEFT JOIN report r ON r.caseId = c.id GROUP BY c.id ORDER BY c.name
                """).map { CaseSummary(case: $0["name"], reports: $0["reports"], hosts: $0["hosts"]) }
        }
    }

    /// Removes a case and its reports; returns how many reports went (0: no such case).
    @discardableResult
    public func remove(case caseName: String) throws -> Int {
        try pool.writeWithoutTransaction { db in
            var removed = 0
            try db.inTransaction(.immediate) {
                guard let caseId = try Int64.fetchOne(db, sql: #"SELECT id FROM "case" WHERE name = ?"#, arguments: [caseName]) else {
                    return .commit
                }
                removed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report WHERE caseId = ?", arguments: [caseId]) ?? 0
                try db.execute(sql: """
                    UPDATE trait SET reports = reports - (SELECT ct.reports FROM caseTrait ct WHERE ct.caseId = ? AND ct.traitId = trait.id)
                    WHERE id IN (SELECT traitId FROM caseTrait WHERE caseId = ?)
                    """, arguments: [caseId, caseId])
                try db.execute(sql: #"DELETE FROM "case" WHERE id = ?"#, arguments: [caseId])
                try db.execute(sql: "DELETE FROM trait WHERE reports <= 0")
                try db.execute(sql: "UPDATE indexState SET value = value + 1 WHERE key = 'generation'")
                return .commit
            }
            return removed
        }
    }

    /// Stored reports in all.
    public func reportCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report") ?? 0 }
    }

    /// Problems with the file itself: SQLite's integrity check, and every trait's count against
    /// its rows (what a torn write would break). Empty when the index is sound.
    public func consistencyProblems() throws -> [String] {
        try pool.read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            problems += try String.fetchAll(db, sql: """
                SELECT t.text || ': counted ' || t.reports || ', stored ' || COUNT(rt.reportId) FROM trait t
                LEFT JOIN reportTrait rt ON rt.traitId = t.id GROUP BY t.id HAVING COUNT(rt.reportId) != t.reports
                """)
            problems += try String.fetchAll(db, sql: """
                SELECT 'case ' || ct.caseId || ' trait ' || ct.traitId || ': counted ' || ct.reports FROM caseTrait ct
                WHERE ct.reports != (SELECT COUNT(*) FROM reportTrait rt JOIN report r ON r.id = rt.reportId
                                     WHERE r.caseId = ct.caseId AND rt.traitId = ct.traitId)
                """)
            problems += try String.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return problems
        }
    }
}
