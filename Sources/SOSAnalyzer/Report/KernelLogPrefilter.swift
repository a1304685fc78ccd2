#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte test that lets a kernel log scan pass over a line without decoding it to a `String`.
///
/// Most of a `messages` file is other programs (`sshd[4121]: Accepted publickey ...`): the kernel
/// log parser would decode each one only to find it is not the kernel's. This test answers the
/// same question on the raw bytes, and answers "skip" only when the parser's answer is certain.
enum KernelLogPrefilter {
    /// True only when `KernelLogLineParser.parse` would call this line another program's:
    /// it opens with a syslog date (`Nov 14 22:13:20 `, the month form) and holds no `kernel:`.
    ///
    /// The date is checked the way the parser checks it (month, blanks, one or two digits,
    /// `HH:MM:SS`, an optional fraction, a space); every byte checked is ASCII and so is the byte
    /// after the date, so Swift's character view of that prefix is the same bytes. Without
    /// `kernel:` anywhere, neither of the parser's kernel tags can follow the date.
    static func isOtherProgramSyslogLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        startsWithSyslogDate(line) && !ByteSearch.contains(line, kernelTag)
    }

    /// True when the parser reads a syslog date (month form) at the start of this line: then a
    /// kernel line carries that date as its timestamp.
    static func startsWithSyslogDate(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let end = syslogDateEnd(line) else { return false }
        return end >= line.count || line[end] < 0x80
    }

    static let kernelTag: StaticString = "kernel:"
    static let taint: StaticString = "taint"
    static let linuxVersion: StaticString = "Linux version "

    /// "Jan" ... "Dec" as three big-endian bytes.
    private static func isMonth(_ word: UInt32) -> Bool {
        switch word {
        case 0x4A616E, 0x466562, 0x4D6172, 0x417072, 0x4D6179, 0x4A756E, 0x4A756C, 0x417567, 0x536570, 0x4F6374, 0x4E6F76, 0x446563: return true
        default: return false
        }
    }

    /// Index just past the space that ends a `Mon DD HH:MM:SS[.frac] ` date at the start, or nil.
    private static func syslogDateEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = line.count
        guard count >= 15 else { return nil }
        let word = UInt32(line[0]) << 16 | UInt32(line[1]) << 8 | UInt32(line[2])
        guard isMonth(word), line[3] == space else { return nil }
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

extension ByteSearch {
    /// Whether `needle` occurs in `line`, byte for byte (an ASCII needle found here is a
    /// superset of what a `String` search finds, so callers keep their own exact check after it).
    /// For literal needles (`StaticString`): no array to retain per call, millions of calls a log.
    static func contains(_ line: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        let pattern = needle.utf8Start
        guard length > 0 else { return true }
        guard let base = line.baseAddress, line.count >= length else { return false }
        let last = line.count - length  // last offset where the needle still fits
        var offset = 0
        // memchr for the first byte (vectorised in libc), then compare the rest in place.
        while offset <= last, let hit = memchr(base + offset, Int32(pattern[0]), last - offset + 1) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var matched = 1
            while matched < length, base[at + matched] == pattern[matched] { matched += 1 }
            if matched == length { return true }
            offset = at + 1
        }
        return false
    }
}
