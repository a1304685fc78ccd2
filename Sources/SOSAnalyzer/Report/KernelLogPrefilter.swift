#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte tests that let a kernel log scan pass over a line without decoding it to a `String`.
///
/// Most of a `messages` file is other programs (`sshd[4121]: Accepted publickey ...`): the kernel
/// log parser would decode each one only to find it is not the kernel's. These tests answer the
/// same question on the raw bytes, and answer "skip" only when the parser's answer is certain.
enum KernelLogPrefilter {
    /// True only when `KernelLogLineParser.parse` would call this line another program's:
    /// it opens with a syslog date (`Nov 14 22:13:20 `, the month form) and holds no `kernel:`.
    ///
    /// The date is checked the way the parser checks it (month, blanks, one or two digits,
    /// `HH:MM:SS`, an optional fraction, a space); every byte checked is ASCII and so is the byte
    /// after the date, so Swift's character view of that prefix is the same bytes. Without
    /// `kernel:` anywhere, neither of the parser's kernel tags can follow the date.
    static func isOtherProgramSyslogLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let end = syslogDateEnd(line) else { return false }
        if end < line.count, line[end] >= 0x80 { return false }
        return !contains(line, kernelTag)
    }

    /// Whether `needle` occurs in `line`, byte for byte (an ASCII needle found here is a
    /// superset of what a `String` search finds, so callers keep their own exact check after it).
    static func contains(_ line: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let base = line.baseAddress, let first = needle.first else { return needle.isEmpty }
        let last = line.count - needle.count  // last offset where the needle still fits
        guard last >= 0 else { return false }
        return needle.withUnsafeBufferPointer { pattern in
            guard let patternBase = pattern.baseAddress else { return false }
            var offset = 0
            // memchr for the first byte (vectorised in libc), then compare the rest.
            while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + at, patternBase, pattern.count) == 0 { return true }
                offset = at + 1
            }
            return false
        }
    }

    /// False only when, fed to an idle `AllocationFailureScanner` (``AllocationFailureScanner/isIdle``),
    /// this line leaves `finish()` unchanged. Idle, the scanner keeps something from a line only
    /// when it is a header (`page allocation failure`, `vmalloc: allocation failure`,
    /// `vmalloc error:`), a lone `comm:` (the line ends with a colon), or a free-area piece that
    /// carries a `Node` or a zone name with its colon over to the next lines. rsyslog `#0xx`
    /// escapes can change how a line ends once decoded, so lines holding one are kept too.
    static func mayStartAllocationReport(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var last = line.count - 1
        while last >= 0, line[last] == space || line[last] == tab || line[last] == 0x0D || line[last] == 0x0A { last -= 1 }
        if last >= 0, line[last] == colon { return true }
        return reportStarters.contains { contains(line, $0) }
    }

    private static let reportStarters: [[UInt8]] = [
        "allocation failure", "vmalloc error:", "Node", "DMA", "Normal:", "HighMem:", "Movable:", "Device:", "#0",
    ].map { Array($0.utf8) }

    static let kernelTag = Array("kernel:".utf8)
    static let taint = Array("taint".utf8)
    static let linuxVersion = Array("Linux version ".utf8)

    private static let months: [UInt32] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .map { word in word.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }

    /// Index just past the space that ends a `Mon DD HH:MM:SS[.frac] ` date at the start, or nil.
    private static func syslogDateEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = line.count
        guard count >= 15 else { return nil }
        let word = UInt32(line[0]) << 16 | UInt32(line[1]) << 8 | UInt32(line[2])
        guard months.contains(word), line[3] == space else { return nil }
        var index = 4
        while index < count, line[index] == space || line[index] == tab { index += 1 }
        let dayStart = index
        while index < count, isDigit(line[index]) { index += 1 }
        guard (1...2).contains(index - dayStart), index < count, line[index] == space else { return nil }
        index += 1
        guard index + 8 <= count, line[index + 2] == colon, line[index + 5] == colon,
              isDigit(line[index]), isDigit(line[index + 1]), isDigit(line[index + 3]),
              isDigit(line[index + 4]), isDigit(line[index + 6]), isDigit(line[index + 7]) else { return nil }
        index += 8
        if index + 1 < count, line[index] == dot, isDigit(line[index + 1]) {
            index += 1
            while index < count, isDigit(line[index]) { index += 1 }
        }
        guard index < count, line[index] == space else { return nil }
        return index + 1
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let colon = UInt8(ascii: ":")
    private static let dot = UInt8(ascii: ".")

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
