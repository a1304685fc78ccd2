import Testing
@testable import SOSAnalyzer

/// The kernel's watermark test on real Mem-Info dumps, with the expected outcome worked out by
/// hand from the printed numbers (pages of 4 KiB).
@Suite struct MemoryCauseReadingTests {
    /// corpus `allocfail-up6.x-04-meminfo-fragment.txt` (a 6.x kernel, hakavlad/le9-patch #10):
    /// DMA32 free 18,984 pages, min 11,536, keeps 7,459 back from Normal requests; Normal free
    /// 43,276 pages, min 43,279; no free block of 64 KiB or larger outside DMA.
    static func realDump() throws -> MemInfoDump {
        let (_, scanner) = try AllocationFailureScannerTests.corpus("allocfail-up6.x-04-meminfo-fragment.txt")
        return try #require(scanner.lastMemInfo)
    }

    @Test func orderZeroWithoutFlagsIsShort() throws {
        // DMA32: 18,984 <= 11,536 + 7,459; Normal: 43,276 <= 43,279
        let cause = try #require(MemoryCauseReading.cause(of: try Self.realDump(), order: 0, kernelRelease: "6.1.0"))
        #expect(cause.verdict == .short)
        #expect(cause.explanation == "memory short: every zone the request may use is at or below its min watermark; "
            + "node 0 Normal free 173104 KiB, min 173116 KiB")
    }

    @Test func atomicOrderZeroPassesOnTheLoweredWatermark() throws {
        // GFP_ATOMIC: DMA32 min 11,536 - 5,768 - 1,442 = 4,326 pages (17,304 KiB), + 7,459 < 18,984
        let cause = try #require(MemoryCauseReading.cause(of: try Self.realDump(), order: 0, flags: ["GFP_ATOMIC"], kernelRelease: "6.1.0"))
        #expect(cause.verdict == .neither)
        #expect(cause.explanation == "not short, not fragmented: node 0 DMA32 passes the kernel's watermark test "
            + "(free 75936 KiB, min (lowered for this request) 17304 KiB)")
    }

    @Test func atomicOrderFiveFindsNoBlock() throws {
        // 4.4+: above the lowered min, but no block of order 5 (128 KiB) or larger in DMA32 or Normal
        let cause = try #require(MemoryCauseReading.cause(of: try Self.realDump(), order: 5, flags: ["GFP_ATOMIC", "__GFP_COMP"], kernelRelease: "6.1.0"))
        #expect(cause.verdict == .fragmented)
        #expect(cause.explanation == "fragmented: node 0 DMA32 has 75936 KiB free, above its min (lowered for this request) "
            + "of 17304 KiB, but only 0 KiB of its free blocks are of 128 KiB or larger")
    }

    /// The seed case's first failure (Samples/ `dbnode02`, generated in the shape of RHEL 6 2.6.32
    /// output: invented numbers, real layout). An order-2 `0x4020` (`__GFP_HIGH|__GFP_COMP`) request:
    /// DMA and DMA32 keep 65,520 and 62,561 pages back; node 0 Normal passes order 0 on its lowered min
    /// (8,064 - 4,032 - 1,008 = 3,024 pages) but 11,404 - 6,463 - 4,932 = 9 <= 756 at order 1.
    @Test func rhel6OrderTwoAtomicIsFragmented() throws {
        let text = """
            Mem-Info:
            Node 0 DMA free:15900kB min:8kB low:8kB high:12kB present:15316kB
            lowmem_reserve[]: 0 2958 65520 65520
            Node 0 DMA32 free:25368kB min:1524kB low:1904kB high:2284kB present:3030564kB
            lowmem_reserve[]: 0 0 62561 62561
            Node 0 Normal free:45628kB min:32256kB low:40320kB high:48384kB present:64063176kB
            lowmem_reserve[]: 0 0 0 0
            Node 0 DMA: 1*4kB 1*8kB 1*16kB 0*32kB 2*64kB 1*128kB 1*256kB 0*512kB 1*1024kB 1*2048kB 3*4096kB = 15900kB
            Node 0 DMA32: 2000*4kB 2167*8kB 2*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 25368kB
            Node 0 Normal: 6463*4kB 2466*8kB 1*16kB 1*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 45628kB
            """
        let dump = try #require(AllocationFailureScannerTests.scan(text).scanner.lastMemInfo)
        let flags = GFPDecoder.flags(0x4020, table: .rhel6)
        let cause = try #require(MemoryCauseReading.cause(of: dump, order: 2, flags: flags, kernelRelease: "2.6.32-358.el6.x86_64"))
        #expect(cause.verdict == .fragmented)
        #expect(cause.explanation == "fragmented: node 0 Normal has 45628 KiB free, above its min (lowered for this request) "
            + "of 12096 KiB, but only 48 KiB of its free blocks are of 16 KiB or larger")
        // Without the reserves, DMA's 4 MiB blocks would have served it.
        var unreserved = dump
        for index in unreserved.watermarks.indices { unreserved.watermarks[index].lowmemReserve = nil }
        #expect(MemoryCauseReading.cause(of: unreserved, order: 2, flags: flags, kernelRelease: "2.6.32-358.el6.x86_64")?.verdict == .neither)
    }

    @Test func kernelTestItself() {
        // ZoneWatermark's doc sample
        #expect(ZoneWatermark.check(freePages: 11407, minPages: 8064 - 4032 - 1008, reservePages: 0,
                                    blocks: [6463, 2466, 1, 1, 0, 0, 0, 0, 0, 0, 0], order: 2, anyBlock: false) == .noBlockOfOrder)
        #expect(ZoneWatermark.adjustedMin(8064, high: true, harder: true) == 3024)
        // 4.4+: one free block of the order is enough once order 0 passes
        #expect(ZoneWatermark.check(freePages: 11407, minPages: 3024, reservePages: 0,
                                    blocks: [6463, 2466, 1, 1, 0, 0, 0, 0, 0, 0, 0], order: 2, anyBlock: true) == .passes)
        #expect(ZoneWatermark.check(freePages: 100, minPages: 3024, reservePages: 0, blocks: [100], order: 0, anyBlock: false) == .belowMin)
    }
}
