/// Reads `sys/module/<module>/taint`: the module's taint letters, newline-terminated, no
/// parentheses (sos 3.0+).
///
/// Real sample (`sys/module/zfs/taint` in the sos 4.2 archive `sosreport-juju-110cc2-k8stest-4`):
/// ```text
/// PO
/// ```
/// yields `["P", "O"]`; an empty file (an untainted module) yields `[]`.
public enum SysModuleTaintParser {
    /// - Throws: `.malformed` when the line is not taint letters (an error message, a path).
    public static func parse(_ text: String) throws(ParseFailure) -> [String] {
        guard let line = TextLines(text).first(where: { !($0.text).trimmedWhitespace.isEmpty }) else {
            return []
        }
        let letters = line.text.trimmedWhitespace
        guard letters.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw .malformed(line: line.number, message: "not taint letters: \(letters.prefix(80))")
        }
        return letters.map(String.init)
    }
}
