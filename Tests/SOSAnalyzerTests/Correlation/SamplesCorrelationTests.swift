import Foundation
import Testing
@testable import SOSAnalyzer

/// The `Samples/` fleet tells the reference story: 5 RHEL 6.4 + mlx4_en hosts fail, and
/// `Samples/expected-correlation.json` says what the correlator must find.
@Suite struct SamplesCorrelationTests {
    struct Expected: Decodable {
        struct Ruled: Decodable { let trait: String; let affectedCount: Int; let unaffectedCount: Int }
        let affected: [String]
        let unaffected: [String]
        let separatingTraits: [String]
        let ruledOut: [Ruled]
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: SharedData.samples.appendingPathComponent("expected-correlation.json")))
    }

    @Test func rhel64WithMlx4IsTheTopSetAndTheDecoysAreRuledOut() async throws {
        let expected = try Self.expected()
        let outcome = await BatchReader.read(paths: [SharedData.samples.path], jobs: 2)
        #expect(outcome.reports.count == 11)
        let correlation = Correlator.correlate(outcome.reports)

        #expect(correlation.criterion == "allocation failures or exhausted high orders")
        #expect(correlation.affected.map(\.host).sorted() == expected.affected.sorted())
        #expect(correlation.unaffected.map(\.host).sorted() == expected.unaffected.sorted())
        #expect(correlation.unaffected.allSatisfy { $0.reasons.isEmpty })
        // Every affected host is there for both reasons, each citing its evidence.
        for host in correlation.affected {
            #expect(host.reasons.count == 2, "\(host.host)")
            #expect(host.reasons[0].contains("allocation failure") && host.reasons[0].contains("var/log/messages:"))
            #expect(host.reasons[1].hasPrefix("high orders exhausted in Node 0 DMA32, Node 0 Normal"))
            #expect(host.reasons[1].hasSuffix("(proc/buddyinfo:2)"))
        }
        let dbnode01 = try #require(correlation.affected.first { $0.host == "dbnode01.prod.example.com" })
        #expect(dbnode01.reasons[0] == "5 allocation failures, orders 2, 3 (first at var/log/messages:25)")
        #expect(dbnode01.source.hasSuffix("Samples/sosreport-dbnode01-20130514091203-e9e3.tar.xz"))

        let top = try #require(correlation.traitSets.first)
        #expect(top.traits == expected.separatingTraits)
        #expect(top.equivalents == [["kernel.stream=RHEL 6.4"], ["module=mlx4_core", "module=mlx4_en"]])
        #expect((top.affectedCount, top.unaffectedCount) == (5, 0))
        #expect((top.affectedTotal, top.unaffectedTotal) == (5, 6))
        #expect(abs(top.pValue - 1.0 / 462) < 1e-15)
        #expect(abs(top.log10PValue - log10(1.0 / 462)) < 1e-12)
        #expect(top.missedAffected.isEmpty)
        #expect(top.matchedUnaffected.isEmpty)
        // Each half alone also matches two healthy hosts: C(6,2)/C(11,7) = 15/330.
        let os = try #require(correlation.traitSets.first { $0.traits == ["os=RHEL 6.4"] })
        #expect((os.affectedCount, os.unaffectedCount) == (5, 2))
        #expect(os.matchedUnaffected == ["app08.prod.example.com", "web07.dmz.example.com"])
        #expect(abs(os.pValue - 15.0 / 330) < 1e-15)
        let driver = try #require(correlation.traitSets.first { $0.traits == ["nic.driver=mlx4_en"] })
        #expect(driver.matchedUnaffected == ["dbnode11.prod.example.com", "dbnode12.prod.example.com"])
        // Second: the firmware of 4 of the 5 (web05 runs the older one), C(5,4)/C(11,4) = 5/330.
        #expect(correlation.traitSets[1].traits == ["nic.firmware=mlx4_en 2.11.500"])
        #expect(abs(correlation.traitSets[1].pValue - 5.0 / 330) < 1e-15)
        #expect(correlation.traitSets[1].missedAffected == ["web05.dmz.example.com"])

        for ruled in expected.ruledOut {
            let entry = try #require(correlation.ruledOut.first { $0.trait == ruled.trait }, "\(ruled.trait)")
            #expect((entry.affectedCount, entry.unaffectedCount) == (ruled.affectedCount, ruled.unaffectedCount), "\(ruled.trait)")
        }
        let taint = try #require(correlation.ruledOut.first { $0.trait == "taint=P" })
        #expect(taint.sameHostsAs == nil)
        #expect(taint.reason == "proprietary-module taint on 1 unaffected host (dbnode11) too, and missing on 3 of 5 affected hosts (appnode03, dbnode02, web05)")
        let vxfs = try #require(correlation.ruledOut.first { $0.trait == "module=vxfs" })
        #expect(vxfs.sameHostsAs == "taint=P")
        #expect(correlation.ruledOut.first { $0.trait == "thirdParty=vxfs" }?.sameHostsAs == "taint=P")
        let cluster = try #require(correlation.ruledOut.first { $0.trait == "package=clusterlib" })
        #expect(cluster.reason == "cluster software on 2 unaffected hosts (dbnode11, dbnode12) too, and missing on 2 of 5 affected hosts (batch04, web05)")
        #expect(correlation.ruledOut.first { $0.trait == "package=cman" }?.sameHostsAs == "package=clusterlib")
        // The traits of the explanation are not ruled out.
        #expect(!correlation.ruledOut.contains { ["os=RHEL 6.4", "nic.driver=mlx4_en", "module=mlx4_en", "kernel.stream=RHEL 6.4"].contains($0.trait) })

        #expect(!correlation.allAffected)
        #expect(correlation.timelines.isEmpty)
        #expect(correlation.unmatchedHosts.isEmpty)
        #expect(correlation.notes.isEmpty)
        // 181: k8swork07 runs kubelet, a cluster package (package=kubelet).
        #expect(correlation.traitCount == 181)
        #expect(Array(correlation.sharedByAllAffected.prefix(3)) == ["os=RHEL 6.4", "kernel.stream=RHEL 6.4", "nic.driver=mlx4_en"])

        // The same object is the `correlation` of `summarize --format json`.
        let document = BatchDocument(outcome)
        #expect(document.correlation == correlation)
        let json = try JSONRendering.render(document)
        #expect(json.contains("\"traitSets\" : ["))
        #expect(json.contains("\"ruledOut\" : ["))
    }

    @Test func traitsOfTheReferenceHost() throws {
        let outcome = ReportReader.read(path: SharedData.samples.appendingPathComponent("sosreport-dbnode01-20130514091203-e9e3.tar.xz").path)
        let report = try #require(outcome.reports.first)
        let traits = HostTraits.traits(of: report)
        let expected = [
            "os=RHEL 6.4", "kernel.stream=RHEL 6.4", "kernel=2.6.32-358.el6.x86_64",
            "nic.driver=bonding", "nic.driver=igb", "nic.driver=mlx4_en",
            "nic.firmware=igb 1.5.1, 0x80000a33", "nic.firmware=mlx4_en 2.11.500",
            "hardware=HP ProLiant DL380p Gen8", "taint=P",
            "thirdParty=fdd", "thirdParty=vxfs", "thirdParty=vxportal",
        ]
        #expect(Array(traits.prefix(expected.count)) == expected)
        for trait in ["package=cman", "package=rgmanager", "package=VRTSvxfs", "package=device-mapper-multipath",
                      "module=mlx4_en", "module=vxfs", "memory=64-128 GiB",
                      "sysctl.vm.min_free_kbytes=64-128 MiB", "sysctl.vm.zone_reclaim_mode=0"] {
            #expect(traits.contains(trait), "\(trait)")
        }
        // 13 above + 11 cluster, VRTSvxfs (the one Veritas package with drivers), 8 notable packages
        // + 54 modules + memory + 2 sysctl bands.
        #expect(traits.count == 13 + 20 + 54 + 3)
        // Symptoms never become traits.
        #expect(!traits.contains { $0.contains("alloc") || $0.contains("finding") || $0.contains("buddy") })
        #expect(ZoneExhaustion.exhaustedZones(report).map { "\($0.node) \($0.zone)" } == ["0 DMA32", "0 Normal", "1 Normal"])
    }
}
