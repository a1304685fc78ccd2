/// The sos version that built the archive, from its `version.txt` (sos 3.0 and later; sos 2.2
/// archives have no such file).
public struct SosVersionFile: Sendable, Codable, Equatable {
    /// `"3.9"`, `"4.2"`, `"4.8.0"`.
    public var version: String
    /// 1-based line of the version.
    public var line: Int

    public init(version: String, line: Int) {
        self.version = version
        self.line = line
    }
}

/// Reads `version.txt`: `sosreport: 3.9` (3.x, followed by `<plugin>: unversioned` lines in some
/// releases), `sosreport: 4.2` or `sos report: 4.8.0` (4.x).
///
/// Real sample (`version.txt` of the sos 4.2 archive `sosreport-juju-110cc2-k8stest-4`, no final
/// newline):
/// ```text
/// sosreport: 4.2
/// ```
/// yields `version` `"4.2"`, `line` 1.
public enum SosVersionFileParser {
    public static func parse(_ text: String) throws(ParseFailure) -> SosVersionFile {
        var firstContent: TextLines.Line?
        for line in TextLines(text) {
            let trimmed = line.text.trimmedWhitespace
            guard !trimmed.isEmpty else { continue }
            if firstContent == nil { firstContent = line }
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = trimmed[..<colon].filter { $0 != " " }.lowercased()
            guard key == "sosreport" || key == "sos" else { continue }
            let value = (trimmed[trimmed.index(after: colon)...]).trimmedWhitespace
            guard let version = value.blankSeparatedFields.first, version.first.map(\Character.isASCIIDigit) == true else {
                throw .malformed(line: line.number, message: "no version after '\(trimmed[..<colon])'")
            }
            return SosVersionFile(version: String(version), line: line.number)
        }
        guard let firstContent else { throw .notCollected("version.txt is empty") }
        throw .malformed(line: firstContent.number, message: "no 'sosreport:' or 'sos report:' line")
    }
}
