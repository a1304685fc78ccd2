import Testing
@testable import SOSAnalyzer

/// Small invented fleets for what the Samples cannot show: other criteria, all affected, one
/// affected, several reports of one host.
@Suite struct CorrelatorTests {
    static func report(_ host: String, os: String = "6.4", kernel: String = "2.6.32-358.el6.x86_64",
                       modules: [String] = [], drivers: [String] = [], collectedAt: String? = nil,
                       buddyinfo: [(Int, String, [Int])] = [], path: String? = nil) -> Report {
        var report = Report(source: ReportSourceInfo(path: path ?? "/cases/\(host).tar.xz", format: "tar.xz", topFolder: nil, memberCount: 1))
        report.hostname = host
        report.collectedAt = collectedAt
        report.os = OSInfo(id: "rhel", version: os, name: "Red Hat Enterprise Linux Server release \(os) (Santiago)")
        var info = KernelInfo(release: kernel)
        info.distroRelease = RHELKernelReleases.distroRelease(forKernel: kernel)
        report.kernel = info
        report.modules = modules.map { ModuleInfo(name: $0, size: 1, usedBy: [], source: Evidence(member: "lsmod", line: 2)) }
        report.nics = drivers.enumerated().map { index, driver in
            NICInfo(interface: "eth\(index)", driver: driver, version: nil, firmware: nil, busInfo: nil, namespace: nil,
                    source: Evidence(member: "sos_commands/networking/ethtool_-i_eth\(index)", line: 1))
        }
        report.buddyinfo = buddyinfo.enumerated().map { line, row in
            BuddyInfoRecord(node: row.0, zone: row.1, freeBlocks: row.2, source: Evidence(member: "proc/buddyinfo", line: line + 1))
        }
        return report
    }

    static let fleet = [
        report("a1.example.com", drivers: ["mlx4_en"]),
        report("a2.example.com", drivers: ["mlx4_en"]),
        report("h1.example.com", drivers: ["igb"]),
        report("h2.example.com", os: "6.3", kernel: "2.6.32-279.el6.x86_64", drivers: ["mlx4_en"]),
    ]

    @Test func namedHostsByShortOrFullNameAnyCase() throws {
        let correlation = Correlator.correlate(Self.fleet, criterion: .hosts(["A1", "a2.example.com", "nosuch"]))
        #expect(correlation.criterion == "named by the user: A1, a2.example.com, nosuch")
        #expect(correlation.affected.map(\.host) == ["a1.example.com", "a2.example.com"])
        #expect(correlation.affected.map(\.reasons) == [["named with --affected (A1)"], ["named with --affected (a2.example.com)"]])
        #expect(correlation.unaffected.map(\.host) == ["h1.example.com", "h2.example.com"])
        #expect(correlation.unmatchedHosts == ["nosuch"])
        #expect(correlation.notes == ["no report of: nosuch"])
        let top = try #require(correlation.traitSets.first)
        #expect(top.traits == ["os=RHEL 6.4", "nic.driver=mlx4_en"])
        #expect(top.equivalents == [["kernel.stream=RHEL 6.4", "kernel=2.6.32-358.el6.x86_64"], []])
        #expect(abs(top.pValue - 1.0 / 6) < 1e-15)   // 1 / C(4,2)
    }

    @Test func findingCriterionCitesTheFinding() {
        var reports = Self.fleet
        reports[2].findings = [Finding(id: "kernel-tainted", severity: .info, title: "Kernel is tainted (1): P (proprietary module)",
                                       evidence: [Evidence(member: "proc/sys/kernel/tainted", line: 1)])]
        let criterion = AffectedCriterion(condition: "finding:kernel-tainted")
        #expect(criterion == .finding("kernel-tainted"))
        #expect(AffectedCriterion(condition: "finding:") == nil)
        #expect(AffectedCriterion(condition: "host:a1") == nil)
        let correlation = Correlator.correlate(reports, criterion: .finding("kernel-tainted"))
        #expect(correlation.criterion == "finding kernel-tainted")
        #expect(correlation.affected.map(\.host) == ["h1.example.com"])
        #expect(correlation.affected[0].reasons == ["finding kernel-tainted: Kernel is tainted (1): P (proprietary module) (proc/sys/kernel/tainted:1)"])
    }

    @Test func allAffectedSaysSoAndListsWhatTheyShare() {
        let correlation = Correlator.correlate(Array(Self.fleet.prefix(2)), criterion: .hosts(["a1", "a2"]))
        #expect(correlation.allAffected)
        #expect(correlation.traitSets.isEmpty)
        #expect(correlation.unaffected.isEmpty)
        #expect(correlation.sharedByAllAffected == ["os=RHEL 6.4", "kernel.stream=RHEL 6.4", "kernel=2.6.32-358.el6.x86_64", "nic.driver=mlx4_en"])
        #expect(correlation.ruledOut.isEmpty)
        #expect(correlation.notes == ["every report is affected (named by the user: a1, a2): with no unaffected host to compare with, "
            + "nothing can be ruled out by contrast; sharedByAllAffected lists what they all have"])
    }

    @Test func noAffectedHostIsANote() {
        let correlation = Correlator.correlate(Self.fleet)
        #expect(correlation.affected.isEmpty)
        #expect(correlation.traitSets.isEmpty)
        #expect(correlation.ruledOut.isEmpty)
        #expect(correlation.notes == ["no report is affected (allocation failures or exhausted high orders): nothing to correlate"])
    }

    @Test func oneAffectedHostRulesOutWhatOthersShare() throws {
        let correlation = Correlator.correlate(Self.fleet, criterion: .hosts(["h2"]))
        let top = try #require(correlation.traitSets.first)
        #expect(top.traits == ["os=RHEL 6.3"])
        #expect(top.equivalents == [["kernel.stream=RHEL 6.3", "kernel=2.6.32-279.el6.x86_64"]])
        #expect(abs(top.pValue - 0.25) < 1e-15)
        // mlx4_en is on the affected host and on 2 of 3 others: over-represented, barely (p = 1 - 1/C(4,3)).
        #expect(correlation.traitSets.map(\.traits) == [["os=RHEL 6.3"], ["nic.driver=mlx4_en"]])
        #expect(abs(correlation.traitSets[1].pValue - 0.75) < 1e-15)
        let driver = try #require(correlation.ruledOut.first)
        #expect(driver.trait == "nic.driver=mlx4_en")
        #expect(driver.reason == "NIC driver on 2 unaffected hosts (a1, a2) too")
        #expect(correlation.ruledOut.count == 1)
    }

    @Test func exhaustedHighOrdersMakeAHostAffected() {
        let healthy: [(Int, String, [Int])] = [(0, "DMA", [1, 1, 1, 0, 2, 1, 1, 0, 1, 1, 3]),
                                                (0, "Normal", [17013, 18171, 4409, 2070, 768, 293, 106, 109, 73, 7, 741])]
        let leaking: [(Int, String, [Int])] = [(0, "DMA", [1, 1, 1, 0, 2, 1, 1, 0, 1, 1, 3]),
                                                (0, "Normal", [11569, 3469, 3, 0, 0, 0, 0, 0, 0, 0, 0])]
        let reports = [Self.report("x.example.com", buddyinfo: leaking), Self.report("y.example.com", buddyinfo: healthy)]
        let correlation = Correlator.correlate(reports)
        #expect(correlation.affected.map(\.host) == ["x.example.com"])
        let reasons = correlation.affected[0].reasons
        #expect(reasons.count == 1)
        #expect(reasons.first?.hasPrefix("high orders exhausted in Node 0 Normal: ") == true)
        #expect(reasons.first?.hasSuffix("(proc/buddyinfo:2)") == true)
    }

    @Test func sameHostOverTimeIsATimeline() throws {
        let reports = [
            Self.report("db1.example.com", kernel: "2.6.32-358.2.1.el6.x86_64", modules: ["mlx4_en", "vxfs"],
                        collectedAt: "Thu May 16 10:44:29 CEST 2013",
                        buddyinfo: [(0, "Normal", [72191, 20524, 3, 1, 0]), (0, "DMA32", [11060, 8435, 2, 0, 0])], path: "/c/3.tar.xz"),
            Self.report("db1.example.com", kernel: "2.6.32-358.el6.x86_64", modules: ["mlx4_en"],
                        collectedAt: "Tue May 14 09:12:03 CEST 2013",
                        buddyinfo: [(0, "Normal", [17013, 18171, 4409, 2070, 768])], path: "/c/1.tar.xz"),
            Self.report("db1.example.com", kernel: "2.6.32-358.2.1.el6.x86_64", modules: ["mlx4_en", "vxfs"],
                        collectedAt: "Wed May 15 14:02:10 CEST 2013",
                        buddyinfo: [(0, "Normal", [11569, 3469, 300, 20, 0]), (0, "DMA32", [3880, 1198, 2, 0, 0])], path: "/c/2.tar.xz"),
            Self.report("other.example.com"),
        ]
        let correlation = Correlator.correlate(reports, criterion: .hosts(["other"]))
        let timeline = try #require(correlation.timelines.first)
        #expect(correlation.timelines.count == 1)
        #expect(timeline.host == "db1.example.com")
        #expect(timeline.reports.map(\.source) == ["/c/1.tar.xz", "/c/2.tar.xz", "/c/3.tar.xz"])
        #expect(timeline.reports.map(\.kernel) == ["2.6.32-358.el6.x86_64", "2.6.32-358.2.1.el6.x86_64", "2.6.32-358.2.1.el6.x86_64"])
        #expect(timeline.reports[0].os == "RHEL 6.4")
        #expect(timeline.changes == [
            "Wed May 15 14:02:10 CEST 2013: kernel 2.6.32-358.el6.x86_64 -> 2.6.32-358.2.1.el6.x86_64",
            "Wed May 15 14:02:10 CEST 2013: modules loaded: vxfs",
        ])
        #expect(timeline.highOrderTrend == [
            ZoneTrend(node: 0, zone: "DMA32", highOrderBlocks: [nil, 2, 2], trend: "steady"),
            ZoneTrend(node: 0, zone: "Normal", highOrderBlocks: [7247, 320, 4], trend: "falling"),
        ])
        // One host of three reports against one other: db1 had every trait of the affected host at
        // some time, so nothing is more common among the affected.
        #expect(correlation.notes == ["no trait set is more common among the affected than among the unaffected",
                                      "1 host has several reports; each host counts once, affected when any of its reports is"])
        #expect(correlation.hosts.map(\.reports) == [["/c/1.tar.xz", "/c/2.tar.xz", "/c/3.tar.xz"], ["/cases/other.example.com.tar.xz"]])
    }

    @Test func sameDateTwiceIsNoTimeline() {
        let reports = [Self.report("db1", collectedAt: "Tue May 14 09:12:03 CEST 2013", path: "/a"),
                       Self.report("db1", collectedAt: "Tue May 14 09:12:03 CEST 2013", path: "/b")]
        #expect(Correlator.correlate(reports).timelines.isEmpty)
    }

    @Test func trendWords() {
        #expect(HostTimelines.trend([10, 5, 5, 1]) == "falling")
        #expect(HostTimelines.trend([1, 5]) == "rising")
        #expect(HostTimelines.trend([3, 3]) == "steady")
        #expect(HostTimelines.trend([3, 1, 4]) == "mixed")
    }

    @Test func collectionDatesOfEverySosGeneration() {
        #expect(CollectionDate.sortKey("Tue May 14 09:12:03 CEST 2013") == "2013-05-14 09:12:03")
        #expect(CollectionDate.sortKey("Local time: Tue 2024-11-05 16:40:12 UTC") == "2024-11-05 16:40:12")
        #expect(CollectionDate.sortKey("Tue Mar 12 10:15:32 CET 2024") == "2024-03-12 10:15:32")
        #expect(CollectionDate.sortKey("garbage") == nil)
        #expect(CollectionDate.sortKey(nil) == nil)
    }

    @Test func bands() {
        #expect(HostTraits.memoryBand(kib: 132_968_080) == "64-128 GiB")
        #expect(HostTraits.memoryBand(kib: 266_006_160) == "128-256 GiB")
        #expect(HostTraits.memoryBand(kib: 134_217_728) == "128-256 GiB")
        #expect(HostTraits.memoryBand(kib: 500_000) == "<1 GiB")
        #expect(HostTraits.minFreeBand(kib: 67584) == "64-128 MiB")
        #expect(HostTraits.minFreeBand(kib: 524_288) == "512-1024 MiB")
        #expect(HostTraits.minFreeBand(kib: 90112) == "64-128 MiB")
        #expect(HostTraits.minFreeBand(kib: 512) == "<1 MiB")
    }

    @Test func traitOrder() {
        let traits = ["module=a", "package=cman", "os=RHEL 6.4", "zzz=1", "nic.driver=mlx4_en", "taint=P", "kernel=x"]
        #expect(traits.sorted(by: TraitOrder.precedes) == ["os=RHEL 6.4", "kernel=x", "nic.driver=mlx4_en", "taint=P", "package=cman", "module=a", "zzz=1"])
    }
}
