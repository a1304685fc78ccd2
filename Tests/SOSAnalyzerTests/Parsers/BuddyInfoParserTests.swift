import Testing
@testable import SOSAnalyzer

@Suite struct BuddyInfoParserTests {
    @Test func everyCorpusSampleMatchesExpected() throws {
        let cases = try MemoryFixtures.expected(category: "buddyinfo")
        #expect(cases.count == 5)
        for (file, expected) in cases {
            let zones = try BuddyInfoParser.parse(try MemoryFixtures.text("corpus", file))
            let rows = try #require(expected.rows)
            #expect(zones.count == rows.count, "\(file)")
            for (index, (zone, row)) in zip(zones, rows).enumerated() {
                #expect(zone.node == row.node, "\(file)")
                #expect(zone.zone == row.zone, "\(file)")
                #expect(zone.freeBlocks == row.freeBlocks, "\(file)")
                #expect(zone.source.line == index + 1, "\(file)")
            }
        }
    }

    /// The doc comment's sample.
    @Test func twoNodeSampleLastZone() throws {
        let zones = try BuddyInfoParser.parse(try MemoryFixtures.text("corpus", "buddyinfo-01.txt"))
        #expect(zones.last == BuddyInfoRecord(node: 1, zone: "Normal", freeBlocks: [220376, 217700, 54089, 1, 0, 0, 0, 0, 0, 0, 0], source: Evidence(member: "proc/buddyinfo", line: 4)))
    }

    @Test func realSosReport() throws {
        let zones = try BuddyInfoParser.parse(try MemoryFixtures.text("real", "buddyinfo-k8stest-4.txt"))
        #expect(zones == [
            BuddyInfoRecord(node: 0, zone: "DMA", freeBlocks: [2, 0, 0, 1, 3, 2, 2, 1, 2, 0, 3], source: Evidence(member: "proc/buddyinfo", line: 1)),
            BuddyInfoRecord(node: 0, zone: "DMA32", freeBlocks: [97, 830, 372, 119, 72, 30, 12, 13, 4, 4, 9], source: Evidence(member: "proc/buddyinfo", line: 2)),
            BuddyInfoRecord(node: 0, zone: "Normal", freeBlocks: [17, 203, 102, 17, 21, 4, 7, 10, 8, 0, 0], source: Evidence(member: "proc/buddyinfo", line: 3)),
        ])
    }

    @Test func otherOrderCountsAndCRLF() throws {
        // ppc64 with 64K pages has 9 orders.
        let zones = try BuddyInfoParser.parse("Node 0, zone   Normal   5  4  3  2  1  0  0  0  1 \r\n\r\n")
        #expect(zones == [BuddyInfoRecord(node: 0, zone: "Normal", freeBlocks: [5, 4, 3, 2, 1, 0, 0, 0, 1], source: Evidence(member: "proc/buddyinfo", line: 1))])
    }

    @Test func emptyAndMalformed() {
        #expect(throws: ParseFailure.notCollected("buddyinfo is empty")) { try BuddyInfoParser.parse("\n") }
        #expect(throws: ParseFailure.malformed(line: 2, message: "free block count '12x' is not a number")) {
            try BuddyInfoParser.parse("Node 0, zone DMA 1 2\nNode 0, zone DMA32 12x 3\n")
        }
        #expect(throws: ParseFailure.malformed(line: 1, message: "expected 'Node N, zone NAME counts...'")) {
            try BuddyInfoParser.parse("cat: /proc/buddyinfo: Permission denied\n")
        }
    }
}
