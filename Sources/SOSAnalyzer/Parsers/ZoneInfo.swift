/// One zone of `/proc/zoneinfo`: free pages, watermarks and sizes, all in pages.
public struct ZoneInfoZone: Sendable, Codable, Equatable {
    public var node: Int
    public var zone: String
    /// `pages free`.
    public var freePages: Int?
    /// Watermarks from the zone's `min`/`low`/`high` lines (not the per-cpu `high:` lines).
    public var minPages: Int?
    public var lowPages: Int?
    public var highPages: Int?
    public var spannedPages: Int?
    public var presentPages: Int?
    /// `managed` exists from 3.10 on; nil before.
    public var managedPages: Int?
    /// Line of `Node N, zone Z`.
    public var line: Int

    public init(node: Int, zone: String, freePages: Int? = nil, minPages: Int? = nil, lowPages: Int? = nil,
                highPages: Int? = nil, spannedPages: Int? = nil, presentPages: Int? = nil,
                managedPages: Int? = nil, line: Int) {
        self.node = node
        self.zone = zone
        self.freePages = freePages
        self.minPages = minPages
        self.lowPages = lowPages
        self.highPages = highPages
        self.spannedPages = spannedPages
        self.presentPages = presentPages
        self.managedPages = managedPages
        self.line = line
    }
}

/// Reads `proc/zoneinfo`, 2.6.18 .. 5.x.
///
/// Sample (corpus `zoneinfo-03.txt`, Ubuntu 12.04 3.2.0-58-generic, first zone):
/// ```
/// Node 0, zone      DMA
///   pages free     3960
///         min      32
///         low      40
///         high     48
///         scanned  0
///         spanned  4080
///         present  3900
/// ...
///     cpu: 0
///               count: 0
///               high:  0
/// ```
/// yields node 0 `DMA` free 3960, min 32, low 40, high 48, spanned 4080, present 3900,
/// managed nil, line 1. The per-cpu `high:` (with colon) is not the zone's `high`.
/// The 4.18+ `per-node stats` block, including its key-less value line, is skipped.
public enum ZoneInfoParser {
    /// - Throws: `.notCollected` for an empty file; `.malformed` for text before the first zone,
    ///   no zone at all, or an unreadable number on a line this parser keeps.
    public static func parse(_ text: String) throws(ParseFailure) -> [ZoneInfoZone] {
        var zones: [ZoneInfoZone] = []
        var sawContent = false
        for line in TextLines(text) {
            let fields = line.text.blankSeparatedFields
            guard let key = fields.first else { continue }
            sawContent = true
            if key == "Node" {
                guard let head = NodeZoneLine(line.text) else {
                    throw .malformed(line: line.number, message: "expected 'Node N, zone NAME'")
                }
                zones.append(ZoneInfoZone(node: head.node, zone: head.zone, line: line.number))
                continue
            }
            guard var zone = zones.last else {
                throw .malformed(line: line.number, message: "text before the first 'Node N, zone NAME' line")
            }
            let keyPath: WritableKeyPath<ZoneInfoZone, Int?>
            var valueIndex = 1
            switch key {
            case "pages":
                guard fields.count > 1, fields[1] == "free" else { continue }
                keyPath = \.freePages
                valueIndex = 2
            case "min": keyPath = \.minPages
            case "low": keyPath = \.lowPages
            case "high": keyPath = \.highPages
            case "spanned": keyPath = \.spannedPages
            case "present": keyPath = \.presentPages
            case "managed": keyPath = \.managedPages
            default: continue
            }
            guard zone[keyPath: keyPath] == nil else { continue }
            guard fields.count > valueIndex, let value = Int(fields[valueIndex]) else {
                throw .malformed(line: line.number, message: "no number after '\(key)'")
            }
            zone[keyPath: keyPath] = value
            zones[zones.count - 1] = zone
        }
        guard sawContent else { throw .notCollected("zoneinfo is empty") }
        guard !zones.isEmpty else { throw .malformed(line: 1, message: "no 'Node N, zone NAME' line") }
        return zones
    }
}
