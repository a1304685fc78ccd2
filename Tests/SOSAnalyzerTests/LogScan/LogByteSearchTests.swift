import Testing
@testable import SOSAnalyzer

/// The byte tests that stand in front of the log readers' `Character` tests must give the same
/// answers as those tests, on text where bytes and characters part: combining marks after or
/// inside the literal, a prepended mark before it, characters equivalent to ASCII ones.
@Suite struct LogByteSearchTests {
    /// Texts around the literal "Mem-Info:" and the suffix "pages reserved".
    static let texts: [String] = [
        "Mem-Info:", "Mem-Info: x", "Mem-Info:\u{301}", "Mem-Info\u{301}:", "M\u{301}em-Info:", "\u{600}Mem-Info:",
        "\u{200D}Mem-Info:", "Mem-Info:\u{200D}", "Mem-Info", "", "Mem-Info:\r", "12 pages reserved",
        "12 pages reserved\u{301}", "12\u{600}pages reserved", "12 \u{301}pages reserved", "pages reserved",
        "12\u{301}pages reserved", "é pages reserved", "e\u{301}pages reserved", "\u{212A}B", "KB", "1\u{212A}B",
    ]

    @Test(arguments: texts)
    func prefixAndSuffixTestsAgreeWithCharacterTests(text: String) {
        let line = Substring(text)
        #expect(line.hasLogPrefix("Mem-Info:") == line.hasPrefix("Mem-Info:"))
        #expect(line.hasLogPrefix("M") == line.hasPrefix("M"))
        #expect(line.hasLogSuffix("pages reserved") == line.hasSuffix("pages reserved"))
        #expect(line.hasLogSuffix("B") == line.hasSuffix("B"))
    }

    @Test(arguments: texts)
    func byteSearchIsNecessaryForACharacterMatch(text: String) {
        let line = Substring(text)
        for needle: StaticString in ["Mem-Info:", "pages", "-I"] where line.firstRange(of: needle.description) != nil {
            #expect(line.utf8.containsLogBytes(needle))
        }
    }

    @Test func literalsWithEquivalentCharactersAreNotPlain() {
        #expect(LogLiteral.isPlain("Mem-Info:"))
        #expect(!LogLiteral.isPlain("KB"))
        #expect(!LogLiteral.isPlain("a;b"))
        #expect(!LogLiteral.isPlain("\r"))
    }

    @Test(arguments: ["", " ", "a", "  a  b ", "a\u{301} b", " \u{301}a", "x\ty  z", "0000 ffff88006b6fb9c8"])
    func wordsAreThoseOfSplit(text: String) {
        let line = Substring(text)
        #expect(Array(SpaceSeparatedWords(line)) == line.split(separator: " "))
    }

    @Test func aRepeatedZoneStartsANewMemInfoBlock() {
        var block = MemInfoBlock()
        let normal = MemInfoZoneWatermarks(node: 0, zone: "Normal", freeKiB: 1, minKiB: nil, lowKiB: nil, highKiB: nil, line: 1)
        let dma = MemInfoZoneWatermarks(node: 0, zone: "DMA", freeKiB: 2, minKiB: nil, lowKiB: nil, highKiB: nil, line: 2)
        block.add(normal)
        block.add(dma)
        block.add(MemInfoZoneFreeArea(node: 0, zone: "Normal", counts: [1], totalKiB: 4, line: 3))
        #expect(block.dump.watermarks.count == 2 && block.dump.freeAreas.count == 1)
        block.add(normal)
        #expect(block.dump == MemInfoDump(watermarks: [normal]))
    }
}
