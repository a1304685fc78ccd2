import Foundation
import Testing
@testable import SOSAnalyzer

/// The byte loops of `trimmedBlanks` and `blankSeparatedFields` (ASCII text) give what the
/// `Character` loops give, and non-ASCII text still takes the `Character` loops.
@Suite struct StringTrimmingTests {
    /// The `Character` definitions the byte loops stand in for.
    private func referenceTrim(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = text.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return text[text.endIndex...] }
        return text[first...last]
    }

    private func referenceFields(_ text: Substring) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    @Test(arguments: [
        // A real installed-rpms row (RHEL 8 sos report), padded as rpm prints it.
        "NetworkManager-1.40.16-9.el8.x86_64                                  Mon 01 Jan 2023 07:10:32 AM UTC",
        "  \tpackage-data\twith\t\ttabs  ", "", "   ", "\t", "a", " a ", "a\r\n b\r", "one  two\r\n",
        "tail with CR\r", "caf\u{E9} au lait ", " e\u{301} x ", "x \u{301}y", "\u{600} y z", "long line of words "
            + String(repeating: "word ", count: 40),
    ])
    func sameAsCharacters(_ text: String) {
        let line = Substring(text)
        #expect(line.trimmedBlanks == referenceTrim(line))
        #expect(line.blankSeparatedFields == referenceFields(line))
        // A slice in the middle of a longer text, as the parsers hold their lines.
        let framed = "[" + text + "]"
        let inner = Substring(framed).dropFirst().dropLast()
        #expect(inner.trimmedBlanks == referenceTrim(inner))
        #expect(inner.blankSeparatedFields == referenceFields(inner))
    }

    @Test func randomASCII() {
        var generator = SplitMix64(seed: 6)
        let alphabet: [Character] = [" ", "\t", "\r", "\n", "a", "b", "-", "."]
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0..<40, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? " " })
            let line = Substring(text)
            #expect(line.trimmedBlanks == referenceTrim(line), "\(text.debugDescription)")
            #expect(line.blankSeparatedFields == referenceFields(line), "\(text.debugDescription)")
        }
    }

    /// Tab columns on bytes give what the `Character` split gives, empty columns kept, on real
    /// package lists (the insights-core samples in Fixtures/real) and on random text with tabs.
    @Test func tabColumns() throws {
        func reference(_ line: Substring) -> [Substring] { line.split(separator: "\t", omittingEmptySubsequences: false) }
        for name in ["installed-rpms-insights-RPM_MANIFEST.txt", "installed-rpms-insights-RPMS_LINE.txt", "rpm-qa-insights-mixed.txt"] {
            let url = try #require(Bundle.module.url(forResource: "Fixtures/real/" + name, withExtension: nil))
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                #expect(line.tabSeparatedColumns == reference(line), "\(line)")
            }
        }
        var generator = SplitMix64(seed: 9)
        let alphabet: [Character] = ["\t", " ", "\r", "\n", "a", "\u{E9}", "e", "\u{301}", "-"]
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0..<30, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "\t" })
            let line = Substring(text)
            #expect(line.tabSeparatedColumns == reference(line), "\(text.debugDescription)")
            #expect(line.dropFirst().tabSeparatedColumns == reference(line.dropFirst()), "\(text.debugDescription)")
        }
    }
}
