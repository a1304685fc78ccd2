import Foundation
import Testing
@testable import SOSAnalyzer

/// The reference fleet in `Samples/`: the five affected RHEL 6.4 + mlx4_en hosts show their
/// failures attributed to mlx4_en, exhausted high orders, the known issue with its fix and the
/// tuning advice; the six unaffected hosts show none of these.
@Suite struct SampleFleetMemoryTests {
    struct Expected: Decodable {
        struct Failures: Decodable {
            struct One: Decodable { let process: String; let order: Int; let gfpMask: String; let modules: [String] }
            let count: Int
            let failures: [One]
        }
        let hostname: String
        let affected: Bool
        let highOrdersExhausted: Bool
        let allocationFailures: Failures
        let minFreeKbytes: Int
        let zoneReclaimMode: Int
    }

    static let expected: [String: Expected] = {
        let url = SharedData.samples.appendingPathComponent("expected.json")
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: Expected].self, from: data)) ?? [:]
    }()

    static var names: [String] { expected.keys.sorted() }

    @Test func fleetIsThere() {
        #expect(Self.names.count == 11)
        #expect(Self.expected.values.filter(\.affected).count == 5)
    }

    @Test(arguments: names)
    func memoryFindings(name: String) throws {
        let expected = try #require(Self.expected[name])
        let outcome = ReportReader.read(path: SharedData.samples.appendingPathComponent(name).path)
        let report = try #require(outcome.reports.first)
        #expect(report.hostname == expected.hostname)
        let ids = report.findings.map(\.id)
        let known = report.findings.first { $0.id == "known-issue.mlx4-en-rhel64-high-order-leak" }

        // Buddy state is in every report, whatever the verdict.
        #expect(report.buddyAnalysis.count == report.buddyinfo.count)
        #expect(report.buddyAnalysis.map(\.source) == report.buddyinfo.map(\.source))
        #expect(!report.pagetypeinfo.isEmpty)
        #expect(report.pagetypeinfo.allSatisfy { row in report.buddyinfo.contains { $0.node == row.node && $0.zone == row.zone } })
        #expect(report.zonePFNRanges.map(\.zone) == ["DMA", "DMA32", "Normal"])
        let grade = try #require(report.highOrderExhaustion)
        #expect(grade.exhausted == expected.highOrdersExhausted)

        if expected.affected {
            #expect(report.allocationFailures.count == expected.allocationFailures.count)
            #expect(report.allocationFailures.map(\.modules) == expected.allocationFailures.failures.map(\.modules))
            #expect(report.allocationFailures.map(\.order) == expected.allocationFailures.failures.map(\.order))
            #expect(report.allocationFailures.filter { $0.modules == ["mlx4_en"] }.allSatisfy { $0.order >= 2 && $0.gfpMask == "0x4020" })
            #expect(grade.lowestExhaustedOrder == 2)
            #expect(Set(grade.exhaustedZones.map(\.zone)) == ["DMA32", "Normal"])
            #expect(ids.contains("high-orders-exhausted"))
            let finding = try #require(known)
            #expect(finding.severity == .error)
            #expect(finding.fix == "RHEL 6.5 (kernel 2.6.32-431)")
            #expect(finding.title.hasSuffix("leaks high-order pages; fixed in RHEL 6.5 (kernel 2.6.32-431)"))
            #expect(finding.evidence.contains { $0.member == "var/log/messages" || $0.member.hasSuffix("dmesg") })
            let tuning = try #require(report.tuning)
            #expect(tuning.minFreeKbytes == expected.minFreeKbytes)
            #expect(tuning.zoneReclaimMode == expected.zoneReclaimMode)
            #expect(tuning.fix == "RHEL 6.5 (kernel 2.6.32-431)")
            #expect(tuning.setting == (expected.minFreeKbytes == 67584 ? "hugepage-default" : "raised"))
            #expect(ids.contains("tuning.min-free-kbytes"))
            #expect(ids.contains("tuning.zone-reclaim-mode"))
            #expect(ids.first == "known-issue.mlx4-en-rhel64-high-order-leak")
        } else {
            #expect(report.allocationFailures.isEmpty)
            #expect(grade.exhaustedZones.isEmpty)
            #expect(known == nil)
            #expect(!ids.contains { $0.hasPrefix("known-issue.") || $0.hasPrefix("tuning.") || $0 == "high-orders-exhausted" })
            #expect(report.tuning == nil)
        }
    }

    /// The JSON of `inspect` carries the new sections under their contract names.
    @Test func jsonHasTheNewSections() throws {
        let outcome = ReportReader.read(path: SharedData.samples.appendingPathComponent("sosreport-web05-20130516152051-72a7.tar.xz").path)
        let report = try #require(outcome.reports.first)
        let json = try JSONRendering.render(report)
        for key in ["\"buddyAnalysis\"", "\"highOrderExhaustion\"", "\"pagetypeinfo\"", "\"pageblocks\"", "\"zonePFNRanges\"",
                    "\"tuning\"", "\"findings\"", "\"unusableIndex\"", "\"fix\" : \"RHEL 6.5 (kernel 2.6.32-431)\""] {
            #expect(json.contains(key), "missing \(key)")
        }
        let decoded = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        #expect(decoded == report)
    }
}
