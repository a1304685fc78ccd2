/// The SMBIOS system UUID, from `sys/class/dmi/id/product_uuid` or dmidecode's `UUID:` line
/// under "System Information": set by the firmware (or the hypervisor for a guest), the same
/// whatever is installed on the machine.
///
/// Sample (real sos 4.2 archive `juju-110cc2-k8stest-4`, `sys/devices/virtual/dmi/id/product_uuid`):
/// ```
/// f9a1477e-7b80-4398-a25d-3710d4e796ba
/// ```
/// yields `f9a1477e-7b80-4398-a25d-3710d4e796ba`, line 1. dmidecode 2.x prints it in upper case
/// (`DC8E3DA1-08F6-ECB1-65AC-FED258E963A4`); both are kept in lower case so they compare.
public enum SystemUUID {
    /// The UUID and its line.
    /// - Throws: `.notCollected` for an empty file or a placeholder (all zeros, all F: firmware
    ///   that never set one); `.malformed` for anything but a UUID.
    public static func parse(_ text: String) throws(ParseFailure) -> (uuid: String, line: Int) {
        guard let line = TextLines(text).first(where: { !$0.text.trimmedBlanks.isEmpty }) else {
            throw .notCollected("product_uuid is empty")
        }
        let value = line.text.trimmedBlanks
        guard isUUID(value) else { throw .malformed(line: line.number, message: "not a UUID: \(value.prefix(40))") }
        guard let uuid = normalized(value) else { throw .notCollected("product_uuid is a placeholder (\(value))") }
        return (uuid, line.number)
    }

    /// Lower case; nil unless `text` is a UUID (8-4-4-4-12 hex digits) other than a placeholder
    /// of one repeated digit (`00000000-0000-...`, `FFFFFFFF-FFFF-...`); `Not Settable` is nil.
    public static func normalized<Text: StringProtocol>(_ text: Text) -> String? {
        guard isUUID(text) else { return nil }
        let digits = Set(text.utf8.filter { $0 != UInt8(ascii: "-") }.map { $0 | 0x20 })
        return digits.count > 1 ? text.lowercased() : nil
    }

    static func isUUID<Text: StringProtocol>(_ text: Text) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.utf8.allSatisfy(isHexDigit) }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}
