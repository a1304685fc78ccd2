/// The contents of `/proc/meminfo`.
///
/// Values are in KiB as the kernel prints them (`kB` means KiB there); the `HugePages_*` lines
/// have no unit and are page counts, kept as plain numbers in ``values``.
public struct MemInfo: Sendable, Codable, Equatable {
    /// Every `Key:  N kB` (or unitless `Key: N`) line, key as printed.
    public var values: [String: Int]
    public var memTotalKiB: Int?
    public var memFreeKiB: Int?
    /// nil on kernels before 3.14 (and vendor kernels without the backport): no such line.
    public var memAvailableKiB: Int?
    public var buffersKiB: Int?
    public var cachedKiB: Int?
    public var slabKiB: Int?
    public var swapTotalKiB: Int?
    public var swapFreeKiB: Int?
    /// Key -> 1-based line number, for evidence.
    public var lines: [String: Int]
    /// Lines that were skipped (duplicate keys, unexpected units, unreadable numbers).
    public var notes: [ParseNote]

    public init(values: [String: Int] = [:], lines: [String: Int] = [:], notes: [ParseNote] = []) {
        self.values = values
        self.lines = lines
        self.notes = notes
        memTotalKiB = values["MemTotal"]
        memFreeKiB = values["MemFree"]
        memAvailableKiB = values["MemAvailable"]
        buffersKiB = values["Buffers"]
        cachedKiB = values["Cached"]
        slabKiB = values["Slab"]
        swapTotalKiB = values["SwapTotal"]
        swapFreeKiB = values["SwapFree"]
    }
}

/// Reads `proc/meminfo`.
///
/// Sample (corpus `meminfo-01.txt`, RHEL 8.0 4.18.0-80.11.2.el8_0, first lines):
/// ```
/// MemTotal:        8164548 kB
/// MemFree:          851960 kB
/// MemAvailable:    1950080 kB
/// ...
/// Slab:             199948 kB
/// ...
/// HugePages_Total:       0
/// ```
/// yields `memTotalKiB == 8164548` (line 1), `memFreeKiB == 851960`, `memAvailableKiB == 1950080`,
/// `slabKiB == 199948` (line 22), `values["HugePages_Total"] == 0`.
public enum MemInfoParser {
    /// - Throws: `.notCollected` for an empty file; `.malformed` when no line has the `Key: N` shape.
    public static func parse(_ text: String) throws(ParseFailure) -> MemInfo {
        var values: [String: Int] = [:]
        var lines: [String: Int] = [:]
        var notes: [ParseNote] = []
        var firstContentLine: Int?
        for line in TextLines(text) {
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            if firstContentLine == nil { firstContentLine = line.number }
            guard let colon = content.firstIndex(of: ":") else {
                notes.append(ParseNote(line: line.number, message: "no 'Key:' in \"\(content)\""))
                continue
            }
            let key = String(content[..<colon].trimmedBlanks)
            let fields = content[content.index(after: colon)...].blankSeparatedFields
            guard !key.isEmpty, let first = fields.first, let number = Int(first) else {
                notes.append(ParseNote(line: line.number, message: "no number after '\(key):'"))
                continue
            }
            // Only "kB" exists in meminfo; another unit would make the KiB contract a lie.
            if fields.count > 1, fields[1] != "kB" {
                notes.append(ParseNote(line: line.number, message: "unexpected unit '\(fields[1])' for \(key)"))
                continue
            }
            if lines[key] != nil {
                notes.append(ParseNote(line: line.number, message: "duplicate key \(key), first kept"))
                continue
            }
            values[key] = number
            lines[key] = line.number
        }
        guard let firstLine = firstContentLine else { throw .notCollected("meminfo is empty") }
        guard !values.isEmpty else {
            throw .malformed(line: firstLine, message: "no 'Key: N kB' line in meminfo")
        }
        return MemInfo(values: values, lines: lines, notes: notes)
    }
}
