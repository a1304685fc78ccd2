import Foundation
import Testing
@testable import SOSAnalyzer

/// The three sos 4.2 archives of real Ubuntu 20.04 machines in `shared/real-sosreports`,
/// checked against the facts that folder's `expected.json` lists.
@Suite struct RealSosreportTests {
    struct Expected: Decodable {
        struct Zone: Decodable { let node: Int; let zone: String; let freeBlocks: [Int] }
        let hostname: String
        let kernel: String
        let osId: String
        let osVersion: String
        let moduleCount: Int
        let nics: [String: String]
        let buddyinfo: [Zone]
        let memTotalKiB: Int
    }

    static var archives: [String] {
        guard let folder = SharedData.realSosreports,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".tar.xz") }.sorted()
    }

    @Test(arguments: archives)
    func factsMatchExpected(name: String) throws {
        let folder = try #require(SharedData.realSosreports)
        let expectations = try JSONDecoder().decode(
            [String: Expected].self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        let expected = try #require(expectations[name])
        let outcome = ReportReader.read(path: folder.appendingPathComponent(name).path)
        #expect(outcome.problems.isEmpty)
        let report = try #require(outcome.reports.first)
        #expect(outcome.reports.count == 1)

        #expect(report.hostname == expected.hostname)
        #expect(report.kernel?.release == expected.kernel)
        #expect(report.kernel?.distroRelease == nil)
        #expect(report.os?.id == expected.osId)
        #expect(report.os?.version == expected.osVersion)
        #expect(report.modules.count == expected.moduleCount)
        #expect(report.memory?.memTotalKiB == expected.memTotalKiB)
        #expect(report.sosVersion == "4.2")
        #expect(report.sosGeneration == "4.x")
        #expect(report.source.format == "tar.xz")
        #expect(report.source.memberCount > 10_000)

        var drivers: [String: String] = [:]
        for nic in report.nics { if let driver = nic.driver { drivers[nic.interface] = driver } }
        #expect(drivers == expected.nics)

        #expect(report.buddyinfo.map(\.node) == expected.buddyinfo.map(\.node))
        #expect(report.buddyinfo.map(\.zone) == expected.buddyinfo.map(\.zone))
        #expect(report.buddyinfo.map(\.freeBlocks) == expected.buddyinfo.map(\.freeBlocks))

        // Every scalar fact cites the member it came from.
        for fact in ["hostname", "os", "kernel.release", "memory", "taint", "vm.min_free_kbytes"] {
            #expect(report.evidence[fact] != nil, "no evidence for \(fact)")
        }
    }

    /// A displayed-only fact read through `DisplayedFact`: the k8stest-4 archive holds
    /// `sys/kernel/mm/transparent_hugepage/enabled` ("always [madvise] never"); the LXD
    /// containers' reports do not, and say so.
    @Test func transparentHugePagesWhereCollected() throws {
        let folder = try #require(SharedData.realSosreports)
        let k8s = try #require(ReportReader.read(
            path: folder.appendingPathComponent("sosreport-juju-110cc2-k8stest-4-2022-02-10-dnuxkgx.tar.xz").path).reports.first)
        #expect(k8s.transparentHugePages?.mode == "madvise")
        #expect(k8s[evidence: .transparentHugePages] == Evidence(member: "sys/kernel/mm/transparent_hugepage/enabled", line: 1))
        let lxd = try #require(ReportReader.read(
            path: folder.appendingPathComponent("sosreport-juju-04f1e3-0-lxd-5-2022-02-10-otnemqq.tar.xz").path).reports.first)
        #expect(lxd.transparentHugePages == nil)
        #expect(lxd[state: .transparentHugePages] == .notCollected)
    }

    /// The LXD containers' dmidecode printed errors (read with bsdtar: line 2 is
    /// `/sys/firmware/dmi/tables/smbios_entry_point: Permission denied`): hardware is not
    /// collected, and the report says why and where. The OpenStack guest's has no reason.
    @Test func hardwareNotCollectedSaysWhy() throws {
        let folder = try #require(SharedData.realSosreports)
        func read(_ name: String) throws -> Report {
            try #require(ReportReader.read(path: folder.appendingPathComponent(name).path).reports.first)
        }
        for name in ["sosreport-juju-04f1e3-0-lxd-5-2022-02-10-otnemqq.tar.xz", "sosreport-juju-04f1e3-1-lxd-5-2022-02-10-ktuubmf.tar.xz"] {
            let lxd = try read(name)
            #expect(lxd.hardware == nil)
            #expect(lxd[state: .hardware] == .notCollected)
            #expect(lxd.factStateReasons == ["hardware": FactStateReason(
                message: "/sys/firmware/dmi/tables/smbios_entry_point: Permission denied",
                source: Evidence(member: "sos_commands/hardware/dmidecode", line: 2))])
            let markdown = MarkdownSummaryRenderer.render(BatchOutcome(reports: [lxd], problems: [], inputCount: 1))
            #expect(markdown.contains("*not collected*: /sys/firmware/dmi/tables/smbios_entry_point: Permission denied"))
        }
        let k8s = try read("sosreport-juju-110cc2-k8stest-4-2022-02-10-dnuxkgx.tar.xz")
        #expect(k8s.hardware?.model == "OpenStack Nova")
        #expect(k8s.factStateReasons.isEmpty)
    }

    @Test func zfsModulesAreThirdPartyWithTheirReasons() throws {
        let folder = try #require(SharedData.realSosreports)
        let outcome = ReportReader.read(
            path: folder.appendingPathComponent("sosreport-juju-110cc2-k8stest-4-2022-02-10-dnuxkgx.tar.xz").path)
        let report = try #require(outcome.reports.first)
        let thirdParty = report.modules.filter(\.thirdParty).map(\.name).sorted()
        #expect(thirdParty == ["icp", "spl", "zavl", "zcommon", "zfs", "zlua", "znvpair", "zunicode"])
        let spl = try #require(report.modules.first { $0.name == "spl" })
        #expect(spl.taintFlags == ["O"])
        #expect(spl.license == "GPL")
        #expect(spl.thirdPartyReasons.contains { $0.contains("spl: loading out-of-tree module taints kernel.") })
        #expect(spl.thirdPartyReasons.contains { $0.hasPrefix("taint flag O (out-of-tree)") })
        let virtio = try #require(report.modules.first { $0.name == "virtio_net" })
        #expect(!virtio.thirdParty)
        #expect(virtio.intree == true)
        #expect(report.taint?.value == 4097)
        #expect(report.taint?.flags == ["P", "O"])
        #expect(report.evidence["os"]?.member == "usr/lib/os-release")
    }
}
