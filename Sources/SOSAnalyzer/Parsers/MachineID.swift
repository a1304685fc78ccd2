/// Reads `etc/machine-id`: the systemd machine ID, 32 lower-case hex digits on one line, written
/// once at install and kept across reboots, kernel updates and renames (machine-id(5)).
///
/// Sample (real sos 4.2 archive `juju-110cc2-k8stest-4`, Ubuntu 20.04):
/// ```
/// f9a1477e7b804398a25d3710d4e796ba
/// ```
/// yields `f9a1477e7b804398a25d3710d4e796ba`, line 1.
public enum MachineIDParser {
    /// The ID and its line.
    /// - Throws: `.notCollected` for an empty file or the `uninitialized` marker of a first boot;
    ///   `.malformed` for anything but 32 hex digits.
    public static func parse(_ text: String) throws(ParseFailure) -> (id: String, line: Int) {
        guard let line = TextLines(text).first(where: { !$0.text.trimmedBlanks.isEmpty }) else {
            throw .notCollected("machine-id is empty")
        }
        let value = line.text.trimmedBlanks
        if value == "uninitialized" { throw .notCollected("machine-id is uninitialized") }
        guard value.utf8.count == 32, value.utf8.allSatisfy({ SystemUUID.isHexDigit($0) }),
              Set(value.utf8).count > 1 else {
            throw .malformed(line: line.number, message: "not a machine ID: \(value.prefix(40))")
        }
        return (value.lowercased(), line.number)
    }
}
