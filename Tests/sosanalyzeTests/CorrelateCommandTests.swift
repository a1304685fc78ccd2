import Foundation
import Testing
@testable import SOSAnalyzer

/// `sosanalyze correlate` on the Samples fleet, and `correlation` inside `summarize --format json`.
@Suite struct CorrelateCommandTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples").path

    @Test func jsonNamesTheSeparatingSetAndTheCriterion() throws {
        let result = try Command.sosanalyze(["correlate", "--format", "json", "--jobs", "2", Self.samples])
        #expect(result.status == 0, "\(result.stderr)")
        let correlation = try JSONDecoder().decode(Correlation.self, from: Data(result.stdout.utf8))
        #expect(correlation.criterion == "allocation failures or exhausted high orders")
        #expect(correlation.affected.count == 5)
        #expect(correlation.unaffected.count == 6)
        #expect(correlation.traitSets.first?.traits == ["os=RHEL 6.4", "nic.driver=mlx4_en"])
        #expect(correlation.ruledOut.contains { $0.trait == "package=cman" && $0.affectedCount == 3 && $0.unaffectedCount == 2 })
    }

    @Test func textShowsTheTopSetAndTheRuledOut() throws {
        let result = try Command.sosanalyze(["correlate", "--jobs", "2", Self.samples])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  1. os=RHEL 6.4 + nic.driver=mlx4_en   affected 5/5, unaffected 0/6, p = 0.002165, family-wise p = 0.01082\n"))
        #expect(result.stdout.contains("Separates them: os=RHEL 6.4 + nic.driver=mlx4_en: 5 of 5 affected, 0 of 6 unaffected (p = 0.0022; family-wise p = 0.011"))
        #expect(result.stdout.contains("  taint=P (affected 2, unaffected 1): proprietary-module taint on 1 unaffected host (dbnode11) too"))
    }

    @Test func namedHostsAndUnknownNames() throws {
        let result = try Command.sosanalyze(["correlate", "--format", "json", "--jobs", "2",
                                             "--affected", "web05,dbnode11,nosuch", Self.samples])
        #expect(result.status == 0)
        #expect(result.stderr.contains("sosanalyze: --affected nosuch: no report of this host"))
        let correlation = try JSONDecoder().decode(Correlation.self, from: Data(result.stdout.utf8))
        #expect(correlation.affected.map(\.host) == ["dbnode11.prod.example.com", "web05.dmz.example.com"])
        #expect(correlation.unmatchedHosts == ["nosuch"])
    }

    @Test func usageErrors() throws {
        #expect(try Command.sosanalyze(["correlate", "--affected-if", "tainted", Self.samples]).status == 64)
        #expect(try Command.sosanalyze(["correlate", "--affected", "a", "--affected-if", "finding:x", Self.samples]).status == 64)
        #expect(try Command.sosanalyze(["correlate", "--affected", ",", Self.samples]).status == 64)
    }

    @Test func summarizeJSONCarriesTheCorrelation() throws {
        let result = try Command.sosanalyze(["summarize", "--format", "json", "--jobs", "2", Self.samples])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONDecoder().decode(BatchDocument.self, from: Data(result.stdout.utf8))
        #expect(document.correlation.traitSets.first?.traits == ["os=RHEL 6.4", "nic.driver=mlx4_en"])
        #expect(document.correlation.affected.count == 5)
    }
}
