/// The lines of the boot log the facts fall back on: the `DMI:` product line (hardware when
/// `dmidecode` is missing) and network drivers' lines about their interfaces (drivers when
/// `ethtool -i` is missing or empty). Collected while the kernel log is streamed, from the
/// dmesg copies only and their first lines, where the boot prints them.
struct BootLogLines: Sendable {
    struct Line: Sendable {
        let member: String
        let number: Int
        let message: String
    }

    /// dmesg copies: they start at this boot.
    static let bootLogs: Set<String> = [
        "sos_commands/kernel/dmesg", "sos_commands/kernel/dmesg_-T", "sos_commands/general/dmesg",
        "sos_commands/general/dmesg_now", "var/log/dmesg",
    ]
    /// Boot prints them in its first seconds; a long-running host's log goes on for long after.
    static let linesRead = 20_000
    static let kept = 400

    private(set) var dmi: Line?
    private(set) var netDevice: [Line] = []

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, number: Int, member: String) {
        guard number <= Self.linesRead, bytes.count < 512, holdsColonBlank(bytes) else { return }
        let parsed = KernelLogLineParser.parse(Substring(String(decoding: bytes, as: UTF8.self)))
        guard parsed.isKernel else { return }
        let message = parsed.message.trimmedBlanks
        if dmi == nil, message.hasPrefix("DMI: "), DMIBootLineParser.parse(message: message) != nil {
            dmi = Line(member: member, number: number, message: String(message))
        } else if netDevice.count < Self.kept, NetDeviceLogLineParser.parse(message: message) != nil {
            netDevice.append(Line(member: member, number: number, message: String(message)))
        }
    }

    /// Both kinds of line hold ": "; most boot lines that do not are passed over undecoded.
    private func holdsColonBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ") { return true }
            previous = byte
        }
        return false
    }
}
