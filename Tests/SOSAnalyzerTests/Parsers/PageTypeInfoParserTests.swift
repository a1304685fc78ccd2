import Testing
@testable import SOSAnalyzer

@Suite struct PageTypeInfoParserTests {
    @Test func everyCorpusSampleMatchesExpected() throws {
        let cases = try MemoryFixtures.expected(category: "pagetypeinfo")
        #expect(cases.count == 3)
        let pagesPerBlock = ["pagetypeinfo-01.txt": 512, "pagetypeinfo-03.txt": 1024, "pagetypeinfo-05.txt": 1024]
        for (file, expected) in cases {
            let info = try PageTypeInfoParser.parse(try MemoryFixtures.text("corpus", file))
            #expect(info.pageBlockOrder == expected.pageBlockOrder, "\(file)")
            #expect(info.pagesPerBlock == pagesPerBlock[file], "\(file)")
            #expect(info.freeRows.count == expected.freeRows, "\(file)")
            let normal = info.freeRows.filter { $0.node == 0 && $0.zone == "Normal" }
            #expect(normal.first { $0.type == "Unmovable" }?.freeBlocks == expected.normalUnmovable, "\(file)")
            #expect(normal.first { $0.type == "Movable" }?.freeBlocks == expected.normalMovable, "\(file)")
            #expect(info.freeRows.allSatisfy { $0.capped == Array(repeating: false, count: $0.freeBlocks.count) }, "\(file)")
        }
    }

    /// The doc comment's sample.
    @Test func routerSampleRowsAndBlocks() throws {
        let info = try PageTypeInfoParser.parse(try MemoryFixtures.text("corpus", "pagetypeinfo-05.txt"))
        #expect(info.freeRows.map(\.type) == ["Unmovable", "Reclaimable", "Movable", "Reserve", "CMA", "Isolate"])
        #expect(info.freeRows[2] == PageTypeInfo.FreeRow(node: 0, zone: "Normal", type: "Movable",
                                                         freeBlocks: [16, 23, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                                                         capped: Array(repeating: false, count: 11), line: 7))
        #expect(info.blockRows == [PageTypeInfo.BlockRow(node: 0, zone: "Normal", blocks: [
            "Unmovable": 9, "Reclaimable": 1, "Movable": 21, "Reserve": 1, "CMA": 0, "Isolate": 0,
        ], line: 13)])
    }

    @Test func rhel8SampleBlockRows() throws {
        let info = try PageTypeInfoParser.parse(try MemoryFixtures.text("corpus", "pagetypeinfo-01.txt"))
        #expect(info.blockRows.map(\.zone) == ["DMA", "DMA32", "Normal"])
        #expect(info.blockRows[2] == PageTypeInfo.BlockRow(node: 0, zone: "Normal", blocks: [
            "Unmovable": 1557, "Movable": 530, "Reclaimable": 25, "HighAtomic": 0, "Isolate": 0,
        ], line: 24))
    }

    /// RHEL 7.9 and 5.4+ stop counting at 100000 and print `>100000`.
    @Test func cappedCountsAndMixedBlocks() throws {
        let text = """
        Page block order: 9
        Pages per block:  512

        Free pages count per migrate type at order       0      1      2
        Node    0, zone   Normal, type    Unmovable >100000  52044     12 
        Node    0, zone   Normal, type      Movable      3 >100000      0 

        Number of blocks type     Unmovable      Movable
        Node 0, zone   Normal          100          200
        Number of mixed blocks    Unmovable      Movable
        Node 0, zone   Normal            5            6
        """
        let info = try PageTypeInfoParser.parse(text)
        #expect(info.freeRows == [
            PageTypeInfo.FreeRow(node: 0, zone: "Normal", type: "Unmovable", freeBlocks: [100000, 52044, 12],
                                 capped: [true, false, false], line: 5),
            PageTypeInfo.FreeRow(node: 0, zone: "Normal", type: "Movable", freeBlocks: [3, 100000, 0],
                                 capped: [false, true, false], line: 6),
        ])
        #expect(info.blockRows == [PageTypeInfo.BlockRow(node: 0, zone: "Normal",
                                                         blocks: ["Unmovable": 100, "Movable": 200], line: 9)])
    }

    @Test func emptyAndMalformed() {
        #expect(throws: ParseFailure.notCollected("pagetypeinfo is empty")) { try PageTypeInfoParser.parse("") }
        #expect(throws: ParseFailure.malformed(line: 2, message: "1 pageblock counts for 2 types")) {
            try PageTypeInfoParser.parse("Number of blocks type  Unmovable Movable\nNode 0, zone DMA 1\n")
        }
        #expect(throws: ParseFailure.malformed(line: 1, message: "unexpected line in pagetypeinfo")) {
            try PageTypeInfoParser.parse("Permission denied\n")
        }
    }
}

@Suite struct PageTypeInfoRealSosReportTests {
    /// Ubuntu 20.04, 5.4.0-99-generic: 4.4+ type order with CMA.
    @Test func realUbuntu54() throws {
        let info = try PageTypeInfoParser.parse(try MemoryFixtures.text("real", "pagetypeinfo-k8stest-4.txt"))
        #expect(info.pageBlockOrder == 9)
        #expect(info.pagesPerBlock == 512)
        #expect(info.freeRows.count == 18)
        #expect(info.freeRows.prefix(6).map(\.type) == ["Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate"])
        #expect(info.freeRows[13] == PageTypeInfo.FreeRow(node: 0, zone: "Normal", type: "Movable",
                                                          freeBlocks: [57, 16, 19, 7, 32, 0, 1, 5, 10, 0, 0],
                                                          capped: Array(repeating: false, count: 11), line: 18))
        #expect(info.blockRows == [
            PageTypeInfo.BlockRow(node: 0, zone: "DMA", blocks: ["Unmovable": 1, "Movable": 7, "Reclaimable": 0,
                                                                 "HighAtomic": 0, "CMA": 0, "Isolate": 0], line: 25),
            PageTypeInfo.BlockRow(node: 0, zone: "DMA32", blocks: ["Unmovable": 40, "Movable": 1426, "Reclaimable": 62,
                                                                   "HighAtomic": 0, "CMA": 0, "Isolate": 0], line: 26),
            PageTypeInfo.BlockRow(node: 0, zone: "Normal", blocks: ["Unmovable": 46, "Movable": 437, "Reclaimable": 29,
                                                                    "HighAtomic": 0, "CMA": 0, "Isolate": 0], line: 27),
        ])
    }
}
