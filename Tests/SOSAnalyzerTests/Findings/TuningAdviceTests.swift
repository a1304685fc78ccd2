import Testing
@testable import SOSAnalyzer

/// min_free_kbytes and zone_reclaim_mode advice with the reference fleet's numbers.
@Suite struct TuningAdviceTests {
    private var known: Finding {
        Finding(id: "known-issue.mlx4-en-rhel64-high-order-leak", severity: .error, title: "t", evidence: [],
                fix: "RHEL 6.5 (kernel 2.6.32-431)")
    }

    /// dbnode01: 126.8 GiB, min_free_kbytes 67584 (the hugepage minimum for 3 zones), order-2/3 failures.
    @Test func dbnode01() throws {
        let report = TinyReport.make(
            kernel: "2.6.32-358.el6.x86_64",
            failures: [TinyReport.failure("swapper", order: 2, mask: "0x4020", modules: ["mlx4_en"], line: 25),
                       TinyReport.failure("swapper", order: 3, mask: "0x4020", modules: ["mlx4_en"], line: 587)],
            memTotalKiB: 132_968_080, buddyinfo: TinyReport.dbnode01Buddy, zoneinfo: TinyReport.dbnode01Zones,
            sysctl: ["vm.min_free_kbytes": 67584, "vm.zone_reclaim_mode": 0])
        let advice = try #require(TuningAdvice.advise(report, knownIssues: [known]))
        #expect(advice.minFreeKbytes == 67584)
        #expect(advice.lowmemKiB == 132_968_080)
        #expect(advice.formulaDefaultKbytes == 46124)  // int_sqrt(132968080 × 16)
        #expect(advice.clampMaxKbytes == 65536)
        #expect(advice.hugepageMinimumKbytes == 90112)  // 4 populated zones × 22528
        #expect(advice.setting == "hugepage-default")
        #expect(advice.suggestedMinKbytes == 720896)    // 0.5 % rounded up to 64 MiB
        #expect(advice.suggestedMaxKbytes == 2621440)   // 2 % rounded down to 64 MiB
        #expect(advice.highestFailedOrder == 3)
        #expect(advice.lowestFailedOrder == 2)
        #expect(advice.zoneReclaimMode == 0)
        #expect(advice.fix == "RHEL 6.5 (kernel 2.6.32-431)")

        let findings = advice.findings(report)
        #expect(findings.map(\.id) == ["tuning.min-free-kbytes", "tuning.zone-reclaim-mode"])
        #expect(findings[0].title == "Workaround: raise vm.min_free_kbytes from 67584 KiB (66 MiB, the kernel default) to 704 MiB–2.5 GiB. The fix: RHEL 6.5 (kernel 2.6.32-431).")
        #expect(findings[0].evidence.map(\.description) == [
            "proc/sys/vm/min_free_kbytes:1", "proc/meminfo:1", "proc/zoneinfo:40", "proc/zoneinfo:90", "proc/zoneinfo:140",
        ])
        #expect(findings[1].title == "vm.zone_reclaim_mode is 0 (off): when node-local memory runs low the kernel takes pages from the other node before reclaiming locally. Setting 1 together with a higher vm.min_free_kbytes was the workaround used for this kind of failure.")
        #expect(findings[1].evidence.map(\.description) == ["proc/sys/vm/zone_reclaim_mode:1"])
    }

    /// batch04: the workaround applied (512 MiB, zone_reclaim_mode 1) and failures continue.
    @Test func batch04WorkaroundNotEnough() throws {
        let report = TinyReport.make(
            kernel: "2.6.32-358.6.1.el6.x86_64",
            failures: [TinyReport.failure("swapper", order: 2, mask: "0x4020", modules: ["mlx4_en"], line: 25)],
            memTotalKiB: 266_006_160, buddyinfo: TinyReport.dbnode01Buddy, zoneinfo: TinyReport.dbnode01Zones,
            sysctl: ["vm.min_free_kbytes": 524288, "vm.zone_reclaim_mode": 1])
        let advice = try #require(TuningAdvice.advise(report, knownIssues: [known]))
        #expect(advice.setting == "raised")
        #expect(advice.suggestedMinKbytes == 1376256)
        let findings = advice.findings(report)
        #expect(findings[0].title == "vm.min_free_kbytes is raised to 524288 KiB (512 MiB) and high-order allocations still fail; raise it towards 1.3 GiB–5.1 GiB as a workaround. The fix: RHEL 6.5 (kernel 2.6.32-431).")
        #expect(findings[1].title == "vm.zone_reclaim_mode is 1 (on): the kernel reclaims on the local node first, keeping more local memory free.")
    }

    @Test func healthyHostGetsNoAdvice() {
        let report = TinyReport.make(kernel: "2.6.32-279.el6.x86_64", memTotalKiB: 132_968_080,
                                     buddyinfo: [TinyReport.buddy(0, "Normal", [17013, 18171, 4409, 2070, 768, 293, 106, 109, 73, 7, 741], line: 3)],
                                     sysctl: ["vm.min_free_kbytes": 67584])
        #expect(TuningAdvice.advise(report) == nil)
    }

    @Test func clampPerKernelFamily() {
        #expect(TuningAdvice.clampMaximum(forKernel: "2.6.18-398.el5") == 65536)
        #expect(TuningAdvice.clampMaximum(forKernel: "2.6.32-358.el6.x86_64") == 65536)
        #expect(TuningAdvice.clampMaximum(forKernel: "3.10.0-957.el7.x86_64") == 65536)
        #expect(TuningAdvice.clampMaximum(forKernel: "3.10.0-1160.88.1.el7.x86_64") == 262144)
        #expect(TuningAdvice.clampMaximum(forKernel: "4.18.0-240.el8.x86_64") == 262144)
        #expect(TuningAdvice.clampMaximum(forKernel: "5.4.0-42-generic") == 65536)
        #expect(TuningAdvice.clampMaximum(forKernel: "5.15.0-1-generic") == 262144)
        #expect(TuningAdvice.hasHugepageBump("2.6.32-358.el6.x86_64"))
        #expect(!TuningAdvice.hasHugepageBump("2.6.18-398.el5"))
        #expect(TuningAdvice.hasHugepageBump("2.6.38.6"))
    }

    /// A 4 TiB host reaches the 64 MiB clamp of 2.6.x kernels: 4·√(4 TiB in kB) = 262144 > 65536.
    @Test func formulaIsClamped() throws {
        let report = TinyReport.make(kernel: "2.6.32-358.el6.x86_64",
                                     failures: [TinyReport.failure("swapper", order: 2, mask: "0x4020", line: 1)],
                                     memTotalKiB: 4 * 1024 * 1024 * 1024, sysctl: ["vm.min_free_kbytes": 65536])
        let advice = try #require(TuningAdvice.advise(report))
        #expect(advice.formulaDefaultKbytes == 65536)
        #expect(advice.setting == "default")
        #expect(advice.hugepageMinimumKbytes == nil)
    }
}
