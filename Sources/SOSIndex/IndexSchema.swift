internal import GRDB

/// The index's tables, as numbered GRDB migrations: a file made by an older sosanalyze is
/// migrated when it is opened, never rebuilt. Never edit a registered migration; add one.
///
/// - `case`: one row per case name.
/// - `report`: one row per stored report, keyed by `key` (the archive's SHA-256; a collect
///   bundle's inner report adds its name), with its host, OS, kernel and the families it collected.
/// - `trait`: every trait seen, its family, and `reports`: how many stored reports have it
///   (kept in the same transaction as the reports, so IDF weights cost no scan).
/// - `reportTrait`, `caseTrait` (with the number of the case's reports that have it), `finding`.
/// - v2: `indexState` (a change counter) and `caseWeight`, the cache `similar` keeps.
/// - v3: `caseProfile`, each case's report count, families and trait ids in one row, the
///   other cache `similar` keeps.
enum IndexSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: cases, reports, traits, findings") { db in
            try db.execute(sql: """
                CREATE TABLE "case" (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE
                );
                CREATE TABLE report (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    sha256 TEXT NOT NULL,
                    caseId INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
                    hostname TEXT,
                    sourcePath TEXT NOT NULL,
                    os TEXT,
                    kernel TEXT,
                    collectedAt TEXT,
                    families TEXT NOT NULL,
                    addedAt TEXT NOT NULL
                );
                CREATE INDEX report_caseId ON report(caseId);
                CREATE TABLE trait (
                    id INTEGER PRIMARY KEY,
                    text TEXT NOT NULL UNIQUE,
                    family TEXT NOT NULL,
                    reports INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE reportTrait (
                    reportId INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                    traitId INTEGER NOT NULL REFERENCES trait(id),
                    PRIMARY KEY (reportId, traitId)
                ) WITHOUT ROWID;
                CREATE INDEX reportTrait_traitId ON reportTrait(traitId);
                CREATE TABLE caseTrait (
                    caseId INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
                    traitId INTEGER NOT NULL REFERENCES trait(id),
                    reports INTEGER NOT NULL,
                    PRIMARY KEY (caseId, traitId)
                ) WITHOUT ROWID;
                CREATE TABLE finding (
                    reportId INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                    findingId TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    title TEXT NOT NULL,
                    PRIMARY KEY (reportId, findingId)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: cached case weights") { db in
            // `generation` counts the changes (a report added, a case removed); `similar` keeps
            // each case's total trait weight per family in caseWeight, as of `weightsGeneration`,
            // and computes it again only when the two differ. caseTrait by trait: the rows of the
            // query's traits alone.
            try db.execute(sql: """
                CREATE TABLE indexState (
                    key TEXT PRIMARY KEY,
                    value INTEGER NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO indexState(key, value) VALUES ('generation', 0);
                CREATE TABLE caseWeight (
                    caseId INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
                    family TEXT NOT NULL,
                    total REAL NOT NULL,
                    PRIMARY KEY (caseId, family)
                ) WITHOUT ROWID;
                CREATE INDEX caseTrait_traitId ON caseTrait(traitId);
                """)
        }
        migrator.registerMigration("v3: cached case profiles") { db in
            // One row per case, as of `weightsGeneration` like caseWeight: its report count, the
            // families its reports collected, and its trait ids packed (8 bytes each,
            // little-endian, ascending). `similar` reads these 1,000 rows instead of grouping
            // 130,000 caseTrait rows and 10,000 reports (about 60 ms of CPU at 10,000 reports).
            // Both caches are made again at the next `similar`.
            try db.execute(sql: """
                CREATE TABLE caseProfile (
                    caseId INTEGER PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
                    reports INTEGER NOT NULL,
                    families TEXT NOT NULL,
                    traitIds BLOB NOT NULL
                );
                DELETE FROM indexState WHERE key = 'weightsGeneration';
                """)
        }
        return migrator
    }
}
