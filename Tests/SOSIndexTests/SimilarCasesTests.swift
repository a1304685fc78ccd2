import Foundation
import Testing
@testable import SOSAnalyzer
@testable import SOSIndex

/// `similar` on the Samples story and on the real reports: the right case first, and the
/// shared rare traits that explain it.
@Suite struct SimilarCasesTests {
    /// The five hosts with the mlx4_en known issue in one case, the other RHEL 6 hosts in a
    /// second, the modern ones in a third; dbnode01's report as a new case's (another digest).
    static func storyIndex(_ folder: IndexFolder) throws -> CaseIndex {
        let index = try CaseIndex(path: folder.indexPath)
        for record in IndexFixtures.sampleRecords {
            let report = try #require(record.report)
            let known = report.findings.contains { $0.id.hasPrefix("known-issue.mlx4-en") }
            let rhel6 = report.os?.version?.hasPrefix("6") == true
            try index.add(record, toCase: known ? "mlx4" : rhel6 ? "rhel6-quiet" : "modern")
        }
        return index
    }

    @Test func theKnownIssueCaseComesFirstAndSaysWhy() throws {
        let folder = try IndexFolder()
        let index = try Self.storyIndex(folder)
        #expect(try index.cases().map(\.reports) == [5, 2, 4])  // mlx4, modern, rhel6-quiet
        let query = IndexFixtures.rekeyed(try #require(IndexFixtures.sample("dbnode01")), 1)
        let result = try index.similar(to: [query], query: "dbnode01", top: 10)
        #expect(result.indexedReports == 11)
        #expect(result.matches.map(\.case) == ["mlx4", "rhel6-quiet", "modern"])
        let first = try #require(result.matches.first)
        #expect(first.reports == 5)
        #expect(first.score > result.matches[1].score)
        let shared = Dictionary(uniqueKeysWithValues: first.sharedTraits.map { ($0.trait, $0.reportsWithIt) })
        #expect(shared["known=mlx4-en-rhel64-high-order-leak"] == 5)
        #expect(shared["failure=order-2 GFP_ATOMIC in mlx4_en"] == 5)
        #expect(shared["nic.firmware=mlx4_en 2.11.500"] != nil)
        #expect(shared["os=RHEL 6.4"] != nil)
        // The rarest of each family up front: all seven families are named in the first seven.
        #expect(Set(first.sharedTraits.prefix(7).compactMap { TraitFamily(trait: $0.trait) }) == Set(TraitFamily.allCases.filter { $0 != .event }))
        #expect(first.families.contains(.knownIssue) && first.families.contains(.failure))
        // The quiet RHEL 6 case shares no failure or known issue.
        #expect(!result.matches[1].sharedTraits.contains { $0.trait.hasPrefix("known=") || $0.trait.hasPrefix("failure=") })
    }

    @Test func theCaseItselfIsLeftOut() throws {
        let folder = try IndexFolder()
        let index = try Self.storyIndex(folder)
        // dbnode01's own record: the mlx4 case holds it, so that case is not a match.
        let own = try index.similar(to: [try #require(IndexFixtures.sample("dbnode01"))], query: "dbnode01")
        #expect(!own.matches.contains { $0.case == "mlx4" })
        let byCase = try index.similar(toCase: "rhel6-quiet", top: 1)
        #expect(byCase.queryReports == 4)
        #expect(byCase.matches.map(\.case) == ["mlx4"])
        #expect(throws: CaseIndexError.noSuchCase("nosuch")) { try index.similar(toCase: "nosuch") }
    }

    @Test func markdownNamesTheSharedTraitsWithTheirCounts() throws {
        let folder = try IndexFolder()
        let index = try Self.storyIndex(folder)
        let query = IndexFixtures.rekeyed(try #require(IndexFixtures.sample("dbnode01")), 1)
        let text = SimilarCasesMarkdown.render(try index.similar(to: [query], query: "dbnode01", top: 1))
        // The doc comment of SimilarCasesMarkdown shows this same text.
        #expect(text == """
            ## Similar cases to dbnode01 (1 report)

            3 indexed cases, 11 reports. Score: overlap of traits weighted by rarity, per family, over the families both sides collected.

            1. **case mlx4** — score 0.83, 5 reports
               - shared: `kernel=2.6.32-358.el6.x86_64` (1 of 11 indexed reports), `failure=order-3 GFP_ATOMIC in vxfs` (2 of 11), `module=bonding` (2 of 11), `nic.driver=bonding` (2 of 11), `known=mlx4-en-rhel64-high-order-leak` (5 of 11), `os=RHEL 6.4` (7 of 11), and 66 more
               - 1 of 11 indexed reports has the first 3 together

            """)
    }

    /// Two LXD containers of one host (juju-04f1e3-0 and -1) and a Kubernetes worker: the
    /// second container's closest case is the first's.
    @Test(.enabled(if: IndexFixtures.realSosreports != nil, "needs ../shared/real-sosreports (absent here)"))
    func realReportsFindTheirSibling() throws {
        let real = try #require(IndexFixtures.realSosreports)
        let records = IndexFixtures.records(real)
        #expect(records.count == 3)
        let folder = try IndexFolder()
        let index = try CaseIndex(path: folder.indexPath)
        for record in records {
            let host = try #require(record.report?.hostname)
            if host.hasPrefix("juju-04f1e3-0") { try index.add(record, toCase: "lxd") }
            if host.hasPrefix("juju-110cc2") { try index.add(record, toCase: "k8s") }
        }
        for record in IndexFixtures.sampleRecords { try index.add(record, toCase: "samples") }
        let query = try #require(records.first { $0.report?.hostname?.hasPrefix("juju-04f1e3-1") == true })
        let result = try index.similar(to: [query], query: "juju-04f1e3-1")
        #expect(result.matches.map(\.case) == ["lxd", "k8s", "samples"])
        let first = try #require(result.matches.first)
        #expect(first.sharedTraits.contains { $0.trait == "kernel=5.4.0-97-generic" && $0.reportsWithIt == 1 })
        #expect(first.sharedTraits.contains { $0.trait.hasPrefix("os=Ubuntu 20.04") })
    }
}
