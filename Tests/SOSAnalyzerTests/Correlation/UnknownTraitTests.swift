import Foundation
import Testing
@testable import SOSAnalyzer

/// A trait whose source was not collected is unknown: counted neither for nor against a set.
@Suite struct UnknownTraitTests {
    /// The Samples fleet with web05's `ethtool -i` output gone (as a report without the
    /// networking plugin has it): web05 is unknown for `nic.driver`, not a host without mlx4_en.
    static func fleetWithoutWeb05NICs() async throws -> [Report] {
        var reports = await BatchReader.read(paths: [SharedData.samples.path], jobs: 2).reports
        let index = try #require(reports.firstIndex { $0.hostname == "web05.dmz.example.com" })
        reports[index].nics = []
        reports[index][state: .nics] = .notCollected
        return reports
    }

    @Test func missingNICFactsAreUnknownNotDifferent() async throws {
        let reports = try await Self.fleetWithoutWeb05NICs()
        let web05 = try #require(reports.first { $0.hostname == "web05.dmz.example.com" })
        let unknown = TraitKnowledge.unknownKeys(of: web05, traits: HostTraits.traits(of: web05))
        // The samples hold no network counters (ethtool -S, softnet_stat, netstat): unknown as well.
        #expect(unknown == ["nic.driver", "nic.firmware", "nic.rx_drops", "softnet.dropped", "tcp.prune"])

        let correlation = Correlator.correlate(reports)
        let set = try #require(correlation.traitSets.first { $0.traits == ["os=RHEL 6.4", "nic.driver=mlx4_en"] })
        // Counted over the 10 hosts where the NIC drivers are known: 4 of 4 affected, 0 of 6 unaffected.
        #expect(set.affectedCount == 4)
        #expect(set.affectedTotal == 4)
        #expect(set.unaffectedCount == 0)
        #expect(set.unaffectedTotal == 6)
        #expect(set.unknownCount == 1)
        #expect(set.unknownHosts == ["web05.dmz.example.com"])
        #expect(set.missedAffected.isEmpty)
        #expect(set.pValue == FisherExactTest(affectedTotal: 4, unaffectedTotal: 6).pValue(affected: 4, unaffected: 0))
        // Alone it is ruled out by the two RHEL 6.3 hosts, never by web05, where nobody knows.
        let alone = try #require(correlation.ruledOut.first { $0.trait == "nic.driver=mlx4_en" })
        #expect(alone.unknownCount == 1)
        #expect(alone.reason == "NIC driver on 2 unaffected hosts (dbnode11, dbnode12) too, and unknown on 1 host (web05)")
        let markdown = CorrelationMarkdown.section(correlation).joined(separator: "\n")
        #expect(markdown.contains("`os=RHEL 6.4` + `nic.driver=mlx4_en` (unknown on 1 host)"))
        let text = CorrelationTextRenderer.render(correlation)
        #expect(text.contains("unknown on 1 host: web05.dmz.example.com"))
    }

    /// Unknown hosts do not make a set look better by chance either: the permutation test deals
    /// the labels over the same hosts, unknowns kept where they are.
    @Test func familyWiseTestKeepsTheUnknowns() async throws {
        let reports = try await Self.fleetWithoutWeb05NICs()
        let correlation = Correlator.correlate(reports)
        #expect(correlation.significance?.labelings == 462)
        #expect(correlation.traitSets.allSatisfy { $0.familyWisePValue != nil })
    }

    /// On every affected host where it is known and on no unaffected one: never ruled out.
    @Test func neverRuledOutOnUnknowns() {
        var silent = CorrelatorTests.report("a2.example.com", os: "6.3", kernel: "2.6.32-279.el6.x86_64")
        silent[state: .nics] = .notCollected
        let reports = [CorrelatorTests.report("a1.example.com", drivers: ["mlx4_en"]), silent,
                       CorrelatorTests.report("h1.example.com", drivers: ["igb"]),
                       CorrelatorTests.report("h2.example.com", os: "6.3", kernel: "2.6.32-279.el6.x86_64", drivers: ["igb"])]
        let correlation = Correlator.correlate(reports, criterion: .hosts(["a1", "a2"]))
        #expect(!correlation.ruledOut.contains { $0.trait == "nic.driver=mlx4_en" })
        let set = correlation.traitSets.first { $0.traits == ["nic.driver=mlx4_en"] }
        #expect(set?.affectedCount == 1)
        #expect(set?.affectedTotal == 1)
        #expect(set?.unknownHosts == ["a2.example.com"])
    }

    @Test func knownWherePresentEvenIfTheStateSaysOtherwise() {
        var report = Report(source: ReportSourceInfo(path: "/a", format: "directory", topFolder: nil, memberCount: 1))
        report.nics = [NICInfo(interface: "eth0", driver: "igb", version: nil, firmware: nil, busInfo: nil, namespace: nil,
                               source: Evidence(member: "sos_commands/pci/lspci_-k", line: 3))]
        report[state: .nics] = .empty
        let unknown = TraitKnowledge.unknownKeys(of: report, traits: HostTraits.traits(of: report))
        #expect(!unknown.contains("nic.driver"))
        #expect(unknown.contains("nic.firmware"))
        #expect(unknown.contains("os"))
    }
}
