import Testing
@testable import SOSAnalyzer

@Suite struct ZoneInfoParserTests {
    @Test func everyCorpusSampleMatchesExpected() throws {
        let cases = try MemoryFixtures.expected(category: "zoneinfo")
        #expect(cases.count == 2)
        for (file, expected) in cases {
            let zones = try ZoneInfoParser.parse(try MemoryFixtures.text("corpus", file))
            let want = try #require(expected.zones)
            #expect(zones.count == want.count, "\(file)")
            for (zone, row) in zip(zones, want) {
                #expect(zone.node == row.node, "\(file)")
                #expect(zone.zone == row.zone, "\(file)")
                #expect(zone.freePages == row.free, "\(file) \(row.zone)")
                #expect(zone.minPages == row.min, "\(file) \(row.zone)")
                #expect(zone.lowPages == row.low, "\(file) \(row.zone)")
                #expect(zone.highPages == row.high, "\(file) \(row.zone)")
            }
        }
    }

    /// The doc comment's sample: 3.x layout without `managed`, per-cpu `high:` lines ignored.
    @Test func ubuntu3xSample() throws {
        let zones = try ZoneInfoParser.parse(try MemoryFixtures.text("corpus", "zoneinfo-03.txt"))
        #expect(zones == [
            ZoneInfoZone(node: 0, zone: "DMA", freePages: 3960, minPages: 32, lowPages: 40, highPages: 48,
                         spannedPages: 4080, presentPages: 3900, managedPages: nil, line: 1),
            ZoneInfoZone(node: 0, zone: "DMA32", freePages: 823795, minPages: 6829, lowPages: 8536, highPages: 10243,
                         spannedPages: 1044480, presentPages: 828852, managedPages: nil, line: 87),
            ZoneInfoZone(node: 0, zone: "Normal", freePages: 607278, minPages: 10033, lowPages: 12541, highPages: 15049,
                         spannedPages: 1236992, presentPages: 1217664, managedPages: nil, line: 173),
        ])
    }

    /// 4.18 layout: per-node stats (with a key-less value line) inside the first zone, `managed`, empty zones.
    @Test func rhel8Sample() throws {
        let zones = try ZoneInfoParser.parse(try MemoryFixtures.text("corpus", "zoneinfo-01.txt"))
        #expect(zones.map(\.line) == [1, 71, 112, 153, 162])
        #expect(zones[0] == ZoneInfoZone(node: 0, zone: "DMA", freePages: 3975, minPages: 33, lowPages: 41, highPages: 49,
                                         spannedPages: 4095, presentPages: 3999, managedPages: 3977, line: 1))
        #expect(zones[1].spannedPages == 1044480)
        #expect(zones[1].presentPages == 1011520)
        #expect(zones[1].managedPages == 995127)
        #expect(zones[2].managedPages == 1042033)
        #expect(zones[4] == ZoneInfoZone(node: 0, zone: "Device", freePages: 0, minPages: 0, lowPages: 0, highPages: 0,
                                         spannedPages: 0, presentPages: 0, managedPages: 0, line: 162))
    }

    @Test func emptyAndMalformed() {
        #expect(throws: ParseFailure.notCollected("zoneinfo is empty")) { try ZoneInfoParser.parse("\n\n") }
        #expect(throws: ParseFailure.malformed(line: 1, message: "text before the first 'Node N, zone NAME' line")) {
            try ZoneInfoParser.parse("  pages free 3\n")
        }
        #expect(throws: ParseFailure.malformed(line: 3, message: "no number after 'min'")) {
            try ZoneInfoParser.parse("Node 0, zone DMA\r\n  pages free 3\r\n        min\r\n")
        }
    }
}

@Suite struct ZoneInfoRealSosReportTests {
    /// Ubuntu 20.04, 5.4.0-99-generic: 4.18+ layout, and the zone minimums add up to vm.min_free_kbytes.
    @Test func realUbuntuZonesMatchMinFreeKbytes() throws {
        let zones = try ZoneInfoParser.parse(try MemoryFixtures.text("real", "zoneinfo-k8stest-4.txt"))
        #expect(zones == [
            ZoneInfoZone(node: 0, zone: "DMA", freePages: 3962, minPages: 67, lowPages: 83, highPages: 99,
                         spannedPages: 4095, presentPages: 3998, managedPages: 3977, line: 1),
            ZoneInfoZone(node: 0, zone: "DMA32", freePages: 21173, minPages: 12698, lowPages: 15872, highPages: 19046,
                         spannedPages: 1044480, presentPages: 782300, managedPages: 758582, line: 75),
            ZoneInfoZone(node: 0, zone: "Normal", freePages: 5146, minPages: 4130, lowPages: 5162, highPages: 6194,
                         spannedPages: 262144, presentPages: 262144, managedPages: 243950, line: 116),
            ZoneInfoZone(node: 0, zone: "Movable", freePages: 0, minPages: 0, lowPages: 0, highPages: 0,
                         spannedPages: 0, presentPages: 0, managedPages: 0, line: 157),
            ZoneInfoZone(node: 0, zone: "Device", freePages: 0, minPages: 0, lowPages: 0, highPages: 0,
                         spannedPages: 0, presentPages: 0, managedPages: 0, line: 166),
        ])
        let minFree = try SysctlParser.parseInteger(try MemoryFixtures.text("real", "min_free_kbytes-k8stest-4.txt"))
        let minKiB = zones.compactMap(\.minPages).reduce(0, +) * 4
        // The per-zone split rounds down, so the sum falls short by at most a page per zone.
        #expect(minKiB == 67580)
        #expect(minFree.value - minKiB < 4 * zones.count)
    }
}
