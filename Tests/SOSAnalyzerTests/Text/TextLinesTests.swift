import Testing
@testable import SOSAnalyzer

@Suite struct TextLinesTests {
    @Test func splitsCRLFAndKeepsUnterminatedLastLine() {
        let lines = TextLines("a\r\nb\n\nc").map { "\($0.number):\($0.text)" }
        #expect(lines == ["1:a", "2:b", "3:", "4:c"])
    }

    @Test func emptyTextHasNoLines() {
        #expect(Array(TextLines("")).isEmpty)
    }
}
