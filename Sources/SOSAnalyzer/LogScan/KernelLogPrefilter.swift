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
    /// True only when `KernelLogLineParser.parse` would call this line another program's: it opens
    /// with a syslog date (`Nov 14 22:13:20 `, the month form) and the parser's `kernel:` tag is
    /// not where the parser looks for it (right after the date, or after the host name).
    ///
    /// Only a fixed spot is tested, not the whole line: most of a `messages` file is other
    /// programs, and this answer costs the same whatever their lines hold. Where the bytes could
    /// read differently as characters (a non-ASCII byte in the host name or after the blanks that
    /// end it, where a combining mark would join a blank), the answer is "not sure": false.
    static func isOtherProgramSyslogLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dateEnd = syslogDateEnd(line), dateEnd < line.count, line[dateEnd] < 0x80 else { return false }
        if hasKernelTag(line, at: dateEnd) { return false }
        guard var index = hostEnd(line, from: dateEnd) else { return false }
        let count = line.count
        while index < count, line[index] == space { index += 1 }
        if index < count, line[index] >= 0x80 { return false }
        return !hasKernelTag(line, at: index)
    }

    /// Index of the first blank at or after `start` (or the line's end), nil when a byte of 0x80
    /// or more comes before it. Eight bytes are tested at a time: host names are 10 to 40 bytes,
    /// and this runs on every line of a `messages` file.
    static func hostEnd(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = line.count
        var index = start
        if let base = line.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                // A byte is a blank when it XORs to zero with 0x20; the lowest such byte is
                // exact in this test (a borrow only marks bytes above a true zero).
                let x = word ^ 0x2020_2020_2020_2020
                let blanks = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                let high = word & 0x8080_8080_8080_8080
                if blanks != 0 {
                    let first = blanks.trailingZeroBitCount
                    // a high bit below the blank's marker bit: a non-ASCII byte before the blank
                    if high & ((1 << UInt64(first)) - 1) != 0 { return nil }
                    return index + first / 8
                }
                if high != 0 { return nil }
                index += 8
            }
        }
        while index < count, line[index] != space {
            if line[index] >= 0x80 { return nil }
            index += 1
        }
        return index
    }

    /// `kernel:` at `offset`.
    static func hasKernelTag(_ line: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        let tag = kernelTag.utf8Start
        let length = kernelTag.utf8CodeUnitCount
        guard offset + length <= line.count else { return false }
        for position in 0..<length where line[offset + position] != tag[position] { return false }
        return true
    }

    /// True when the parser reads a syslog date (month form) at the start of this line: then a
    /// kernel line carries that date as its timestamp.
    static func startsWithSyslogDate(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let end = syslogDateEnd(line) else { return false }
        return end >= line.count || line[end] < 0x80
    }

    static let kernelTag: StaticString = "kernel:"

    /// `kernel:` anywhere in a line: `memchr` to each `k` (the tag's rarest byte, as
    /// ``ByteNeedle`` would pick it), from a literal that needs no array or lazy global per call.
    static func holdsKernelTag(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.contains(line, "kernel:")
    }

    /// "Jan" ... "Dec" as three big-endian bytes.
    @inline(__always)
    private static func isMonth(_ word: UInt32) -> Bool {
        switch word {
        case 0x4A616E, 0x466562, 0x4D6172, 0x417072, 0x4D6179, 0x4A756E, 0x4A756C, 0x417567, 0x536570, 0x4F6374, 0x4E6F76, 0x446563: return true
        default: return false
        }
    }

    /// Index just past the space that ends a `Mon DD HH:MM:SS[.frac] ` date at the start, or nil.
    static func syslogDateEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = line.count
        guard count >= 15 else { return nil }
        let word = UInt32(line[0]) << 16 | UInt32(line[1]) << 8 | UInt32(line[2])
        guard isMonth(word), line[3] == space else { return nil }
        // Nearly every line has the fixed layout "Nov 14 22:13:20 " or "Nov  5 17:23:40 ": tested
        // at fixed offsets first; the loops below give the same answer for it, and read the rest.
        if count >= 16, line[4] == space || isDigit(line[4]), isDigit(line[5]), line[6] == space,
           isDigit(line[7]), isDigit(line[8]), line[9] == colon, isDigit(line[10]), isDigit(line[11]),
           line[12] == colon, isDigit(line[13]), isDigit(line[14]), line[15] == space {
            return 16
        }
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

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
