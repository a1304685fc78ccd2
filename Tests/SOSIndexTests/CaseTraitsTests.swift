import Testing
@testable import SOSAnalyzer
@testable import SOSIndex

/// The traits the index keeps, on the sample its doc comment names: dbnode01 (RHEL 6.4,
/// mlx4_en 2.11.500; Samples/README.md: order-2 failures in mlx4_en, an order-3 one in vxfs
/// (`vxfs_thread 3 32 KiB 0x20 GFP_ATOMIC vxfs`), Normal/DMA32 high orders exhausted).
@Suite struct CaseTraitsTests {
    @Test func dbnode01() throws {
        let report = try #require(IndexFixtures.sample("dbnode01")?.report)
        let traits = CaseTraits(report)
        for expected in ["os=RHEL 6.4", "kernel=2.6.32-358.el6.x86_64", "nic.firmware=mlx4_en 2.11.500",
                         "nic.driver=mlx4_en", "module=mlx4_en", "thirdParty=vxfs",
                         "failure=order-2 GFP_ATOMIC", "failure=order-2 GFP_ATOMIC in mlx4_en",
                         "failure=order-3 GFP_ATOMIC in vxfs", "failure=high orders exhausted from order 2",
                         "known=mlx4-en-rhel64-high-order-leak"] {
            #expect(traits.traits.contains(expected), "\(expected)")
        }
        // Only the compared families: no packages, taint or memory bands.
        #expect(traits.traits.allSatisfy { TraitFamily(trait: $0) != nil })
        #expect(!traits.traits.contains { $0.hasPrefix("package=") || $0.hasPrefix("taint=") })
        #expect(traits.collected == Set(TraitFamily.allCases))
        #expect(traits.traits == traits.traits.sorted())
    }

    @Test func familiesByKey() {
        #expect(TraitFamily(trait: "kernel.stream=RHEL 6.4") == .kernel)
        #expect(TraitFamily(trait: "thirdParty=vxfs") == .module)
        #expect(TraitFamily(trait: "nic.firmware=mlx4_en 2.11.500") == .nic)
        #expect(TraitFamily(trait: "event=oom-kill:mlx4_en") == .event)
        #expect(TraitFamily(trait: "known=x") == .knownIssue)
        #expect(TraitFamily(trait: "package=cman") == nil)
        #expect(TraitFamily(trait: "no equals sign") == nil)
    }

    @Test func aReportWithoutModulesOrNICsDoesNotCompareThem() {
        var report = Report(source: ReportSourceInfo(path: "x", format: "directory", topFolder: nil, memberCount: 0))
        report.hostname = "x"
        #expect(CaseTraits(report).collected == [.event, .failure, .knownIssue])
    }
}
