import Foundation
import Testing
@testable import SOSAnalyzer

/// Every report in `Samples/` read by the library and compared with `Samples/expected.json`,
/// which the sample generator writes from the facts it planted.
@Suite struct SamplesTests {
    struct Expected: Decodable {
        struct Failures: Decodable {
            struct Failure: Decodable { let process: String; let order: Int; let gfpMask: String; let modules: [String]; let syslogTimestamp: String? }
            let count: Int
            let failures: [Failure]
        }
        struct Taint: Decodable { let value: UInt64; let flags: [String] }
        struct Zone: Decodable { let node: Int; let zone: String; let freeBlocks: [Int] }
        struct Watermarks: Decodable { let node: Int; let zone: String; let freePages: Int?; let minPages: Int?; let lowPages: Int?; let highPages: Int? }
        let hostname: String
        let topFolder: String
        let format: String
        let sosGeneration: String
        let sosVersion: String?
        let osId: String
        let osVersion: String
        let osName: String
        let kernel: String
        let distroRelease: String?
        let hardware: String
        let nics: [String: String]
        let nicVersions: [String: String]
        let moduleCount: Int
        let modules: [String]
        let thirdPartyModules: [String]
        let taint: Taint
        let allocationFailures: Failures
        let minFreeKbytes: Int
        let zoneReclaimMode: Int
        let memTotalKiB: Int
        let memFreeKiB: Int
        let buddyinfo: [Zone]
        let zoneinfo: [Watermarks]
        let packagesOfNote: [String]
    }

    static let expected: [String: Expected] = {
        let url = SharedData.samples.appendingPathComponent("expected.json")
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: Expected].self, from: data)) ?? [:]
    }()

    @Test func everySampleIsListed() throws {
        // Reports are the sosreport-* archives and the dotless folders, but not the generator
        // package (sosgen/) that sits beside them.
        let names = try FileManager.default.contentsOfDirectory(atPath: SharedData.samples.path)
            .filter { ($0.hasPrefix("sosreport-") || !$0.contains(".")) && $0 != "sosgen" }
        #expect(Set(names) == Set(Self.expected.keys))
        #expect(Self.expected.count >= 11)
    }

    @Test(arguments: expected.keys.sorted())
    func factsMatch(name: String) throws {
        let expected = try #require(Self.expected[name])
        let outcome = ReportReader.read(path: SharedData.samples.appendingPathComponent(name).path)
        #expect(outcome.problems.isEmpty)
        let report = try #require(outcome.reports.first)
        #expect(outcome.reports.count == 1)
        #expect(report.problems.isEmpty, "\(report.problems)")

        #expect(report.hostname == expected.hostname)
        #expect(report.source.format == expected.format)
        if expected.format != "directory" { #expect(report.source.topFolder == expected.topFolder) }
        #expect(report.sosGeneration == expected.sosGeneration)
        #expect(report.sosVersion == expected.sosVersion)
        #expect(report.os?.id == expected.osId)
        #expect(report.os?.version == expected.osVersion)
        #expect(report.os?.name == expected.osName)
        #expect(report.kernel?.release == expected.kernel)
        #expect(report.kernel?.distroRelease == expected.distroRelease)
        #expect(report.kernel?.matchesOSRelease == true)
        #expect(report.hardware?.model == expected.hardware)

        var drivers: [String: String] = [:]
        var versions: [String: String] = [:]
        for nic in report.nics {
            drivers[nic.interface] = nic.driver
            versions[nic.interface] = nic.version
        }
        #expect(drivers == expected.nics)
        #expect(versions == expected.nicVersions)

        #expect(report.modules.count == expected.moduleCount)
        #expect(report.modules.map(\.name) == expected.modules)
        #expect(report.modules.filter(\.thirdParty).map(\.name).sorted() == expected.thirdPartyModules)
        #expect(report.taint?.value == expected.taint.value)
        #expect(report.taint?.flags == expected.taint.flags)

        #expect(report.sysctl["vm.min_free_kbytes"] == expected.minFreeKbytes)
        #expect(report.sysctl["vm.zone_reclaim_mode"] == expected.zoneReclaimMode)
        #expect(report.memory?.memTotalKiB == expected.memTotalKiB)
        #expect(report.memory?.memFreeKiB == expected.memFreeKiB)
        #expect(report.buddyinfo.map { "\($0.node) \($0.zone) \($0.freeBlocks)" }
                == expected.buddyinfo.map { "\($0.node) \($0.zone) \($0.freeBlocks)" })
        #expect(report.zoneinfo.map { [$0.node, $0.freePages, $0.minPages, $0.lowPages, $0.highPages] }
                == expected.zoneinfo.map { [$0.node, $0.freePages, $0.minPages, $0.lowPages, $0.highPages] })

        // The same failure in messages, dmesg and dmesg_now counts once.
        let failures = report.allocationFailures
        #expect(failures.count == expected.allocationFailures.count)
        #expect(failures.map(\.process) == expected.allocationFailures.failures.map(\.process))
        #expect(failures.map(\.order) == expected.allocationFailures.failures.map(\.order))
        #expect(failures.map(\.gfpMask) == expected.allocationFailures.failures.map(\.gfpMask))
        #expect(failures.map(\.modules) == expected.allocationFailures.failures.map(\.modules))
        for failure in failures {
            #expect(failure.gfpMask != "0x4020" || failure.gfpDescription == "GFP_ATOMIC|__GFP_COMP")
        }

        let packages = try #require(report.packages)
        let names = Set(expected.packagesOfNote.compactMap(Self.packageName))
        for name in names where NotablePackages.clusterStack.contains(name) {
            #expect(packages.clusterStack.contains(name), "\(name) missing from the cluster stack")
        }
        let kernels = expected.packagesOfNote.filter { $0.hasPrefix("kernel-") && $0.first(where: \.isNumber) != nil }
        for kernel in kernels where kernel.hasPrefix("kernel-2") || kernel.hasPrefix("kernel-3") {
            #expect(report.kernel?.installedPackages.contains(kernel) == true, "\(kernel) not among installed kernels")
        }
    }

    /// "cman-3.0.12.1-49.el6.x86_64" -> "cman".
    static func packageName(_ nvra: String) -> String? {
        let parts = nvra.split(separator: "-")
        guard parts.count >= 3 else { return nil }
        return parts.dropLast(2).joined(separator: "-")
    }

    @Test func thirdPartyReasonsNameTheirEvidence() throws {
        let outcome = ReportReader.read(path: SharedData.samples.appendingPathComponent("sosreport-dbnode01-20130514091203-e9e3.tar.xz").path)
        let report = try #require(outcome.reports.first)
        let vxfs = try #require(report.modules.first { $0.name == "vxfs" })
        #expect(vxfs.license == "Proprietary")
        #expect(vxfs.thirdPartyReasons.contains("license 'Proprietary' is not GPL-compatible (modinfo)"))
        #expect(vxfs.thirdPartyReasons.contains { $0.hasPrefix("installed under extra/") })
        #expect(vxfs.thirdPartyReasons.contains { $0.contains("vxfs: module license 'Proprietary' taints kernel.") })
        let mlx4 = try #require(report.modules.first { $0.name == "mlx4_en" })
        #expect(!mlx4.thirdParty)
        #expect(mlx4.thirdPartyReasons.isEmpty)
        #expect(report.packages?.thirdPartyKernelPackages == ["VRTSvxfs"])
        #expect(report.evidence["sosVersion"]?.member == "sos_commands/general/dmesg_now")
    }
}
