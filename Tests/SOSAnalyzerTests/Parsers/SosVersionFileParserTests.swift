import Testing
@testable import SOSAnalyzer

@Suite struct SosVersionFileParserTests {
    /// The doc-comment sample: real sos 4.2 `version.txt`, no final newline.
    @Test func realArchive() throws {
        #expect(try SosVersionFileParser.parse(try ParsersAFixtures.real("version.txt")) == SosVersionFile(version: "4.2", line: 1))
    }

    @Test func sos3WithPluginLines() throws {
        let text = "sosreport: 3.9\nabrt: unversioned\nkernel: unversioned\n"
        #expect(try SosVersionFileParser.parse(text) == SosVersionFile(version: "3.9", line: 1))
    }

    @Test func sos48SpelledApart() throws {
        #expect(try SosVersionFileParser.parse("\r\nsos report: 4.8.0\r\n") == SosVersionFile(version: "4.8.0", line: 2))
    }

    @Test func notCollectedAndMalformed() {
        #expect(throws: ParseFailure.notCollected("version.txt is empty")) { try SosVersionFileParser.parse("") }
        #expect(throws: ParseFailure.malformed(line: 1, message: "no 'sosreport:' or 'sos report:' line")) {
            try SosVersionFileParser.parse("kernel: unversioned\n")
        }
        #expect(throws: ParseFailure.malformed(line: 1, message: "no version after 'sosreport'")) {
            try SosVersionFileParser.parse("sosreport:\n")
        }
    }
}
