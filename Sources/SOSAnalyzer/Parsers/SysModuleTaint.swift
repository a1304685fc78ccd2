/// Reads `sys/module/<module>/taint`: the module's taint letters, newline-terminated, no
/// parentheses (sos 3.0+).
///
/// Real sample (`sys/module/zfs/taint` in the sos 4.2 archive `sosreport-juju-110cc2-k8stest-4`):
/// ```text
/// PO
/// ```
/// yields `["P", "O"]`; an empty file (an untainted module) yields `[]`.
public enum SysModuleTaintParser {
    public static func parse(_ text: String) -> [String] {
        guard let line = TextLines(text).first(where: { !($0.text).trimmedWhitespace.isEmpty }) else {
            return []
        }
        let letters = line.text.trimmedWhitespace
        // Anything but letters (an error message, a path) is not a taint string.
        guard letters.allSatisfy({ $0.isASCII && $0.isLetter }) else { return [] }
        return letters.map(String.init)
    }
}
