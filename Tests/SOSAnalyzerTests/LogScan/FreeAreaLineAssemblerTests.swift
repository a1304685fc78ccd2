import Testing
@testable import SOSAnalyzer

@Suite struct FreeAreaLineAssemblerTests {
    /// The doc comment's line (corpus `allocfail-up6.x-04-meminfo-fragment.txt`, line 6), whole and
    /// then split where pr_cont pieces break it.
    @Test func realLineWholeAndInPieces() throws {
        let line = "Node 0 DMA32: 531*4kB (UME) 642*8kB (UME) 3751*16kB (UME) 306*32kB (UME) 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 77068kB"
        let expected = MemInfoZoneFreeArea(node: 0, zone: "DMA32", counts: [531, 642, 3751, 306, 0, 0, 0, 0, 0, 0, 0], totalKiB: 77068, line: 6)
        var whole = FreeAreaLineAssembler()
        #expect(whole.feed(try #require(AllocationReportLine.freeAreaTokens(Substring(line))), line: 6) == [expected])
        #expect(whole.isIdle)

        var pieces = FreeAreaLineAssembler()
        let parts = ["Node 0", "DMA32: 531*4kB (UME) 642*8kB (UME) 3751*16kB (UME) 306*32kB (UME)",
                     "0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB", "= 77068kB"]
        var completed: [MemInfoZoneFreeArea] = []
        for (offset, part) in parts.enumerated() {
            completed += pieces.feed(try #require(AllocationReportLine.freeAreaTokens(Substring(part))), line: 5 + offset)
            if offset < parts.count - 1 { #expect(!pieces.isIdle) }
        }
        #expect(completed == [expected])
    }

    @Test func unfinishedLineIsDropped() throws {
        var assembler = FreeAreaLineAssembler()
        _ = assembler.feed(try #require(AllocationReportLine.freeAreaTokens("Node 0 Normal: 12*4kB 5841*8kB")), line: 1)
        assembler.dropUnfinished()
        #expect(assembler.feed(try #require(AllocationReportLine.freeAreaTokens("= 173912kB")), line: 2).isEmpty)
    }
}
