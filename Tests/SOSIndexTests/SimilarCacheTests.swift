import Foundation
import GRDB
import Testing
@testable import SOSAnalyzer
@testable import SOSIndex

/// `similar` keeps two caches (each case's total weight per family, and its profile: report
/// count, families, trait ids; migration v3): whatever they hold, the answer is the one a fresh index gives.
@Suite struct SimilarCacheTests {
    static func query() throws -> ReportRecord {
        IndexFixtures.rekeyed(try #require(IndexFixtures.sample("dbnode01")), 1)
    }

    @Test func theCachesFollowAnAddAndARemove() throws {
        let cached = try IndexFolder(), fresh = try IndexFolder()
        let index = try SimilarCasesTests.storyIndex(cached)
        _ = try index.similar(to: [try Self.query()], query: "dbnode01")
        // web05 again (another digest) in a fourth case, after the caches were made.
        let web05 = IndexFixtures.rekeyed(try #require(IndexFixtures.sample("web05")), 2)
        try index.add(web05, toCase: "later")
        let reference = try SimilarCasesTests.storyIndex(fresh)
        try reference.add(web05, toCase: "later")
        let afterAdd = try index.similar(to: [try Self.query()], query: "dbnode01")
        #expect(afterAdd.matches.contains { $0.case == "later" })
        #expect(afterAdd == (try reference.similar(to: [try Self.query()], query: "dbnode01")))
        _ = try index.remove(case: "later")
        _ = try reference.remove(case: "later")
        #expect(try index.similar(toCase: "mlx4") == (try reference.similar(toCase: "mlx4")))
    }

    @Test func anIndexOfVersionTwoIsMigratedAndAnswersTheSame() throws {
        let old = try IndexFolder(), fresh = try IndexFolder()
        let expected = try SimilarCasesTests.storyIndex(fresh).similar(to: [try Self.query()], query: "dbnode01")
        // A v2 file whose weight cache is up to date: v3's table and migration row taken away.
        do {
            let index = try SimilarCasesTests.storyIndex(old)
            _ = try index.similar(to: [try Self.query()], query: "dbnode01")
            try index.pool.write { db in
                try db.execute(sql: """
                    DROP TABLE caseProfile;
                    DELETE FROM grdb_migrations WHERE identifier = 'v3: cached case profiles';
                    """)
            }
        }
        let migrated = try CaseIndex(path: old.indexPath)
        #expect(try migrated.pool.read { try IndexSchema.migrator.hasCompletedMigrations($0) })
        #expect(try migrated.similar(to: [try Self.query()], query: "dbnode01") == expected)
    }
}
