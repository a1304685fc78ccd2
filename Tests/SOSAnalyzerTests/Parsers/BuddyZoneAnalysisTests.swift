import Testing
@testable import SOSAnalyzer

/// Expected values computed independently with the kernel's integer formulas (mm/vmstat.c,
/// kernel-knowledge.md §5c) over the corpus rows.
@Suite struct BuddyZoneAnalysisTests {
    /// The doc comment's sample.
    @Test func smallVMDMAZoneHasLargeBlocksFree() throws {
        let zones = try BuddyInfoParser.parse(try MemoryFixtures.text("corpus", "buddyinfo-09.txt"))
        let analysis = BuddyZoneAnalysis(zones[0])
        #expect(analysis.node == 0)
        #expect(analysis.zone == "DMA")
        #expect(analysis.blockSizeBytes == [4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4194304])
        #expect(analysis.freeBytesPerOrder == [4096, 0, 0, 32768, 131072, 131072, 262144, 0, 1048576, 2097152, 12582912])
        #expect(analysis.freeBytes == 16289792)
        #expect(analysis.freeBytesAtOrAbove == [16289792, 16285696, 16285696, 16285696, 16252928, 16121856,
                                                15990784, 15728640, 15728640, 14680064, 12582912])
        #expect(analysis.unusableIndex == [0, 0, 0, 0, 0.002, 0.01, 0.018, 0.034, 0.034, 0.098, 0.227])
        #expect(analysis.fragmentationIndex == Array(repeating: -1, count: 11))
        #expect(analysis.highestOrderWithFreeBlock == 10)
        #expect(ByteFormatter.human(analysis.freeBytes) == "15.5 MiB")
    }

    /// Node 1 Normal of the hotsos host: 3.4 GiB free, but nothing above order 3.
    @Test func fragmentedNormalZone() throws {
        let zones = try BuddyInfoParser.parse(try MemoryFixtures.text("corpus", "buddyinfo-01.txt"))
        let analysis = BuddyZoneAnalysis(zones[3])
        #expect(analysis.node == 1)
        #expect(analysis.freeBytes == 3572285440)
        #expect(analysis.freeBytesAtOrAbove == [3572285440, 2669625344, 886226944, 32768, 0, 0, 0, 0, 0, 0, 0])
        #expect(analysis.unusableIndex == [0, 0.252, 0.751, 0.999, 1, 1, 1, 1, 1, 1, 1])
        #expect(analysis.fragmentationIndex == [-1, -1, -1, -1, 0.89, 0.945, 0.973, 0.987, 0.994, 0.997, 0.999])
        #expect(analysis.highestOrderWithFreeBlock == 3)
        #expect(ByteFormatter.human(analysis.freeBytes) == "3.3 GiB")
    }

    @Test func emptyZoneAndOtherPageSize() {
        let empty = BuddyZoneAnalysis(BuddyInfoRecord(node: 0, zone: "Movable", freeBlocks: [0, 0, 0], source: Evidence(member: "proc/buddyinfo", line: 1)))
        #expect(empty.freeBytes == 0)
        #expect(empty.unusableIndex == [1, 1, 1])
        #expect(empty.fragmentationIndex == [nil, nil, nil])
        #expect(empty.highestOrderWithFreeBlock == nil)
        let arm64 = BuddyZoneAnalysis(BuddyInfoRecord(node: 0, zone: "DMA", freeBlocks: [2, 1], source: Evidence(member: "proc/buddyinfo", line: 1)), pageSizeBytes: 65536)
        #expect(arm64.blockSizeBytes == [65536, 131072])
        #expect(arm64.freeBytes == 262144)
    }

    @Test func absurdCountsDoNotTrap() {
        let analysis = BuddyZoneAnalysis(BuddyInfoRecord(node: 0, zone: "Normal", freeBlocks: [Int.max, Int.max], source: Evidence(member: "proc/buddyinfo", line: 1)))
        #expect(analysis.freeBytes == Int64.max)
    }

    @Test func humanSizes() {
        #expect(ByteFormatter.human(4096) == "4 KiB")
        #expect(ByteFormatter.human(16384) == "16 KiB")
        #expect(ByteFormatter.human(4194304) == "4 MiB")
        #expect(ByteFormatter.human(1288490188) == "1.2 GiB")
        #expect(ByteFormatter.human(512) == "512 B")
        #expect(ByteFormatter.human(0) == "0 B")
        #expect(ByteFormatter.human(1536) == "1.5 KiB")
        #expect(ByteFormatter.human(5 * 1024 * 1024 * 1024 * 1024 * 1024) == "5120 TiB")
        #expect(ByteFormatter.human(-4096) == "-4 KiB")
    }
}
