import Testing
@testable import SOSAnalyzer

@Suite struct MemInfoParserTests {
    @Test func everyCorpusSampleMatchesExpected() throws {
        let cases = try MemoryFixtures.expected(category: "meminfo")
        #expect(cases.map(\.file) == ["meminfo-01.txt", "meminfo-03.txt", "meminfo-05.txt"])
        let fieldCounts = ["meminfo-01.txt": 47, "meminfo-03.txt": 42, "meminfo-05.txt": 55]
        for (file, expected) in cases {
            let info = try MemInfoParser.parse(try MemoryFixtures.text("corpus", file))
            #expect(info.memTotalKiB == expected.memTotalKiB, "\(file)")
            #expect(info.memFreeKiB == expected.memFreeKiB, "\(file)")
            #expect(info.memAvailableKiB == expected.memAvailableKiB, "\(file)")
            #expect(info.slabKiB == expected.slabKiB, "\(file)")
            #expect(info.values.count == fieldCounts[file], "\(file)")
            #expect(info.notes.isEmpty, "\(file)")
        }
    }

    /// The doc comment's sample.
    @Test func rhel8SampleFieldsAndLines() throws {
        let info = try MemInfoParser.parse(try MemoryFixtures.text("corpus", "meminfo-01.txt"))
        #expect(info.memTotalKiB == 8164548)
        #expect(info.memFreeKiB == 851960)
        #expect(info.memAvailableKiB == 1950080)
        #expect(info.buffersKiB == 4304)
        #expect(info.cachedKiB == 1235532)
        #expect(info.slabKiB == 199948)
        #expect(info.swapTotalKiB == 0)
        #expect(info.swapFreeKiB == 0)
        #expect(info.values["HugePages_Total"] == 0)
        #expect(info.values["VmallocTotal"] == 34359738367)
        #expect(info.values["Hugepagesize"] == 2048)
        #expect(info.lines["MemTotal"] == 1)
        #expect(info.lines["Slab"] == 22)
        #expect(info.lines["DirectMap1G"] == 47)
    }

    @Test func realUbuntuSosReport() throws {
        let info = try MemInfoParser.parse(try MemoryFixtures.text("real", "meminfo-k8stest-4.txt"))
        #expect(info.memTotalKiB == 4026036)
        #expect(info.memFreeKiB == 129248)
        #expect(info.memAvailableKiB == 2775844)
    }

    @Test func crlfAndTruncatedLastLine() throws {
        let info = try MemInfoParser.parse("MemTotal:  100 kB\r\nMemFree:  40 kB\r\nSlab:   7")
        #expect(info.memTotalKiB == 100)
        #expect(info.memFreeKiB == 40)
        #expect(info.slabKiB == 7)
        #expect(info.lines["Slab"] == 3)
    }

    @Test func oddLinesBecomeNotes() throws {
        let info = try MemInfoParser.parse("MemTotal: 100 kB\ngarbage\nMemFree: x kB\nMemTotal: 5 kB\nCached: 3 MB\n")
        #expect(info.memTotalKiB == 100)
        #expect(info.memFreeKiB == nil)
        #expect(info.cachedKiB == nil)
        #expect(info.notes.map(\.line) == [2, 3, 4, 5])
    }

    @Test func emptyIsNotCollectedAndGarbageIsMalformed() {
        #expect(throws: ParseFailure.notCollected("meminfo is empty")) { try MemInfoParser.parse(" \n\n") }
        #expect(throws: ParseFailure.malformed(line: 2, message: "no 'Key: N kB' line in meminfo")) {
            try MemInfoParser.parse("\ncat: /proc/meminfo: No such file or directory\n")
        }
    }

    /// Archive members arrive decoded with U+FFFD for invalid bytes.
    @Test func invalidUTF8LineBecomesANote() throws {
        let bytes = Array("MemTotal: 10 kB\n".utf8) + [0xFF, 0xFE, 0x0A] + Array("MemFree: 4 kB\n".utf8)
        let info = try MemInfoParser.parse(String(decoding: bytes, as: UTF8.self))
        #expect(info.memTotalKiB == 10)
        #expect(info.memFreeKiB == 4)
        #expect(info.lines["MemFree"] == 3)
        #expect(info.notes.map(\.line) == [2])
    }
}
