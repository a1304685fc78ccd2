import Testing
@testable import SOSAnalyzer

/// The high-order grade on real buddyinfo (corpus) and on the reference fleet's numbers.
@Suite struct HighOrderExhaustionTests {
    private func records(_ name: String) throws -> [BuddyInfoRecord] {
        try BuddyInfoParser.parse(try MemoryFixtures.text("corpus", name))
    }

    /// canonical/hotsos test host, no zoneinfo: node 1 Normal has 3.3 GiB free and one block of order 3.
    @Test func hotsosNode1NormalIsExhaustedFromOrder3() throws {
        let grade = HighOrderExhaustion.grade(buddyinfo: try records("buddyinfo-01.txt"), zoneinfo: [], kernelRelease: nil)
        #expect(grade.exhausted)
        #expect(grade.lowestExhaustedOrder == 3)
        #expect(grade.zones.map(\.state) == [.healthy, .healthy, .healthy, .fragmented])
        #expect(grade.zones.map(\.lowestExhaustedOrder) == [nil, 9, 5, 3])
        #expect(grade.zones.allSatisfy { $0.criterion == "share" })
        let node1 = grade.zones[3]
        #expect(node1.freeBlocksAtOrAbove == 1)
        #expect(node1.freeBytesAtOrAbove == 32768)
        #expect(node1.freeBytesBelow == 3572252672)
        #expect(node1.requiredPagesAtOrAbove == nil)
        #expect(node1.source == Evidence(member: "proc/buddyinfo", line: 4))
        #expect(node1.summary == "Normal zone, node 1: only 1 free block of 32 KiB or larger (32 KiB), while 3.3 GiB is free in 4 KiB, 8 KiB and 16 KiB blocks")
        #expect(grade.zones[0].summary == "DMA zone, node 0: free blocks up to 4 MiB, 13.5 MiB free")
        #expect(grade.exhaustedZones.map(\.zone) == ["Normal"])
    }

    /// A ZTE router's small zone: blocks up to order 8 free, nothing exhausted up to order 3.
    @Test func smallRouterZoneIsHealthy() throws {
        let grade = HighOrderExhaustion.grade(buddyinfo: try records("buddyinfo-07.txt"), zoneinfo: [], kernelRelease: nil)
        #expect(!grade.exhausted)
        #expect(grade.lowestExhaustedOrder == nil)
        #expect(grade.zones.map(\.lowestExhaustedOrder) == [9])
        #expect(grade.zones.map(\.state) == [.healthy])
    }

    /// dbnode01 of `Samples/`: the kernel's ≤ 4.3 watermark check with zoneinfo's min.
    @Test func dbnode01WatermarkGrade() {
        let grade = HighOrderExhaustion.grade(buddyinfo: TinyReport.dbnode01Buddy, zoneinfo: TinyReport.dbnode01Zones,
                                              kernelRelease: "2.6.32-358.el6.x86_64")
        #expect(grade.exhausted)
        #expect(grade.lowestExhaustedOrder == 2)
        #expect(grade.zones.map(\.state) == [.healthy, .fragmented, .fragmented, .fragmented])
        #expect(grade.zones.map(\.lowestExhaustedOrder) == [nil, 2, 2, 2])
        #expect(grade.zones.allSatisfy { $0.criterion == "watermark" })
        let normal = grade.zones[2]
        // min 8064 -> atomic 3024 pages; >> 2 = 756, plus the 4 pages of the request itself.
        #expect(normal.requiredPagesAtOrAbove == 760)
        #expect(normal.freeBlocksAtOrAbove == 3)
        #expect(normal.zoneinfoSource == Evidence(member: "proc/zoneinfo", line: 90))
        #expect(normal.summary == "Normal zone, node 0: only 3 free blocks of 16 KiB or larger (48 KiB), while 72.3 MiB is free in 4 KiB and 8 KiB blocks; an atomic order-2 request needs at least 3 MiB in such blocks")
    }

    /// 4.4+ kernels: one free block of the order is enough, none is exhaustion.
    @Test func anyBlockModelOnNewKernels() {
        let rows = [TinyReport.buddy(0, "Normal", [100, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0], line: 3),
                    TinyReport.buddy(0, "DMA32", [100, 50, 1, 0, 0, 0, 0, 0, 0, 0, 0], line: 2)]
        let zones = [TinyReport.zone(0, "Normal", free: 200, min: 10, low: 12, high: 15, line: 9),
                     TinyReport.zone(0, "DMA32", free: 204, min: 10, low: 12, high: 15, line: 5)]
        let grade = HighOrderExhaustion.grade(buddyinfo: rows, zoneinfo: zones, kernelRelease: "4.18.0-240.el8.x86_64")
        #expect(grade.zones.map(\.criterion) == ["any-block", "any-block"])
        #expect(grade.zones.map(\.lowestExhaustedOrder) == [2, 3])
        #expect(grade.exhausted)
        #expect(grade.lowestExhaustedOrder == 2)
        #expect(grade.zones[0].summary == "Normal zone, node 0: no free block of 16 KiB or larger, while 800 KiB is free in 4 KiB and 8 KiB blocks")
    }

    /// Below the min watermark even order 0 is refused: depleted, not fragmentation, not counted.
    @Test func depletedZone() {
        let grade = HighOrderExhaustion.grade(
            buddyinfo: [TinyReport.buddy(0, "Normal", [10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], line: 1)],
            zoneinfo: [TinyReport.zone(0, "Normal", free: 10, min: 100, low: 125, high: 150, line: 1)],
            kernelRelease: "2.6.32-431.el6.x86_64")
        #expect(grade.zones.map(\.state) == [.depleted])
        #expect(grade.zones.map(\.lowestExhaustedOrder) == [0])
        #expect(!grade.exhausted)
        #expect(grade.zones[0].summary == "Normal zone, node 0: 40 KiB free, at or below what atomic requests may use of the min watermark 400 KiB")
    }

    @Test func noBuddyinfoIsNotExhausted() {
        let grade = HighOrderExhaustion.grade(TinyReport.make())
        #expect(grade.zones.isEmpty)
        #expect(!grade.exhausted)
    }
}
