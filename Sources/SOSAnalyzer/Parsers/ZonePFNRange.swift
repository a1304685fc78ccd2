/// One zone's page frame range from the boot log.
public struct ZonePFNRange: Sendable, Codable, Equatable {
    public var zone: String
    public var startPFN: UInt64
    /// One past the zone's last page frame.
    public var endPFN: UInt64
    public var line: Int

    public init(zone: String, startPFN: UInt64, endPFN: UInt64, line: Int) {
        self.zone = zone
        self.startPFN = startPFN
        self.endPFN = endPFN
        self.line = line
    }
}

/// Reads the zone lines that follow `Zone PFN ranges:` (2.6.x) or `Zone ranges:` (3.x+) in the boot log.
///
/// Sample (the RHEL 6 boot log of `Samples/` host dbnode01, `var/log/dmesg`, 2.6.32 form, end exclusive):
/// ```
/// Zone PFN ranges:
///   DMA      0x00000010 -> 0x00001000
///   DMA32    0x00001000 -> 0x00100000
///   Normal   0x00100000 -> 0x02040000
/// ```
/// gives DMA 16 -> 4096, DMA32 4096 -> 1048576, Normal 1048576 -> 33816576. The 2.6.18 form prints
/// decimal PFNs (`DMA  0 ->  4096`); 3.x+ prints addresses (`DMA  [mem 0x0000000000001000-0x0000000000ffffff]`,
/// end inclusive), converted here to PFNs of 4 kB pages. `Normal   empty` is no range.
public enum ZonePFNRangeParser {
    /// Whether `message` (a log line without its prefix) opens a zone range block.
    public static func isHeader(_ message: Substring) -> Bool {
        let text = message.trimmedBlanks
        return text == "Zone PFN ranges:" || text == "Zone ranges:"
    }

    /// The range on one line of the block, nil when the line is not one (the block has ended)
    /// or names an empty zone.
    public static func range(in message: Substring, line: Int) -> ZonePFNRange? {
        let fields = message.trimmedBlanks.blankSeparatedFields
        guard fields.count >= 2, let zone = fields.first, zone.allSatisfy(\.isASCIILetterOrDigit) else { return nil }
        if fields.count == 4, fields[2] == "->", let start = number(fields[1]), let end = number(fields[3]) {
            return ZonePFNRange(zone: String(zone), startPFN: start, endPFN: end, line: line)
        }
        if fields.count == 3, fields[1] == "[mem", fields[2].hasSuffix("]") {
            let bounds = fields[2].dropLast().split(separator: "-")
            guard bounds.count == 2, let start = number(bounds[0]), let last = number(bounds[1]) else { return nil }
            let end = last == UInt64.max ? UInt64.max >> 12 : (last + 1) >> 12
            return ZonePFNRange(zone: String(zone), startPFN: start >> 12, endPFN: end, line: line)
        }
        return nil
    }

    /// Whether the line belongs to the block but carries no range (`Normal   empty`).
    public static func isEmptyZone(_ message: Substring) -> Bool {
        let fields = message.trimmedBlanks.blankSeparatedFields
        return fields.count == 2 && fields[1] == "empty"
    }

    private static func number(_ text: Substring) -> UInt64? {
        text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
    }
}
