/// A kernel log line a network driver printed about its interface: `netdev_info()` and friends
/// print `<driver> <device> <interface>: <message>`.
///
/// Real sample (a KVM guest's dmesg, Fixtures/field/dmesg-kvm-e1000-excerpt.txt):
/// ```text
/// [    4.290533] e1000 0000:00:03.0 ens3: renamed from eth0
/// ```
/// yields driver `e1000`, device `0000:00:03.0`, interface `ens3`, renamed from `eth0`.
public struct NetDeviceLogLine: Sendable, Equatable {
    public var driver: String
    /// The bus device: a PCI address, `virtio0`, a VMBus instance GUID.
    public var device: String
    public var interface: String
    /// The old name when the message is `renamed from <name>`.
    public var renamedFrom: String?
}

public enum NetDeviceLogLineParser {
    /// The line's parts, or nil when the message (timestamp and syslog prefix removed) is not
    /// a driver's line about an interface.
    public static func parse(message: Substring) -> NetDeviceLogLine? {
        let fields = message.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        guard fields.count >= 3, fields[2].count > 1, fields[2].last == ":" else { return nil }
        let driver = fields[0], device = fields[1], interface = fields[2].dropLast()
        guard isDriverName(driver), isDevice(device), isInterfaceName(interface) else { return nil }
        var renamed: String?
        if fields.count == 4, fields[3].hasPrefix("renamed from ") {
            renamed = String(fields[3].dropFirst("renamed from ".count).prefix { !$0.isWhitespace })
        }
        return NetDeviceLogLine(driver: String(driver), device: String(device), interface: String(interface),
                                renamedFrom: renamed)
    }

    private static func isDriverName(_ text: Substring) -> Bool {
        text.count >= 2 && text.first?.isLetter == true
            && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// A PCI address (`0000:00:03.0`), a virtio device (`virtio0`) or a VMBus GUID.
    private static func isDevice(_ text: Substring) -> Bool {
        if text.hasPrefix("virtio"), text.dropFirst(6).allSatisfy(\.isASCIIDigit), text.count > 6 { return true }
        let hex = text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." || $0 == "-" }
        return hex && (text.contains(":") && text.contains(".") || text.filter { $0 == "-" }.count == 4)
    }

    private static func isInterfaceName(_ text: Substring) -> Bool {
        text.count <= 15 && text.first?.isLetter == true
            && text.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != ":" && $0 != "/" }
    }
}
