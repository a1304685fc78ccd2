#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the first bytes of a file say it is (never the file name).
public enum SniffedKind: Sendable, Equatable {
    /// xz/gzip/bzip2/zstd magic => compressed tar; "ustar" at 257 (or a valid v7 header) => plain tar.
    case archive(ArchiveFormat)
    /// A binary OpenPGP packet (PKESK, SKESK, compressed, encrypted data) or armored "-----BEGIN PGP MESSAGE".
    case openPGP
    /// "PK\x03\x04" (or an empty zip's "PK\x05\x06").
    case zip
    /// 0 bytes.
    case empty
    /// A short description: "text file", "unrecognised data (first bytes 1f 9d)".
    case unknown(String)
}

/// Tells archives, encrypted reports, zips and strays apart by their magic bytes.
///
/// ```swift
/// FormatSniffer.sniff([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])  // .archive(.tarXZ)
/// FormatSniffer.sniff(Array("-----BEGIN PGP MESSAGE-----\n".utf8))  // .openPGP
/// ```
public enum FormatSniffer {
    /// Bytes ``sniff(fileAt:)`` reads: enough for a tar header and its checksum.
    public static let prefixLength = 512

    public static func sniff(_ prefix: [UInt8]) -> SniffedKind {
        if prefix.isEmpty { return .empty }
        if prefix.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .archive(.tarXZ) }
        if prefix.starts(with: [0x1F, 0x8B]) { return .archive(.tarGZ) }
        if prefix.starts(with: [0x42, 0x5A, 0x68]) { return .archive(.tarBZ2) }
        if prefix.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return .archive(.tarZST) }
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) || prefix.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if isTarHeader(prefix) { return .archive(.tar) }
        if prefix.starts(with: Array("-----BEGIN PGP MESSAGE".utf8)) { return .openPGP }
        if isOpenPGPPacket(prefix[0]) { return .openPGP }
        if looksLikeText(prefix) { return .unknown("text file") }
        let shown = prefix.prefix(4).map { byte -> String in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return .unknown("unrecognised data (first bytes \(shown.joined(separator: " ")))")
    }

    public static func sniff(fileAt path: String) throws(SOSArchiveError) -> SniffedKind {
        let prefix = try readPrefix(ofFileAt: path, count: prefixLength)
        return sniff(prefix)
    }

    static func readPrefix(ofFileAt path: String, count: Int) throws(SOSArchiveError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .cannotOpen(path: path, reason: errnoText()) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress.map { $0 + filled }, count - filled)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .cannotOpen(path: path, reason: errnoText())
            }
            if got == 0 { break }
            filled += got
        }
        return Array(buffer.prefix(filled))
    }

    /// "ustar" at 257 (POSIX and GNU), or an old v7 header whose checksum adds up.
    static func isTarHeader(_ prefix: [UInt8]) -> Bool {
        if prefix.count >= 262 && Array(prefix[257..<262]) == Array("ustar".utf8) { return true }
        guard prefix.count >= 512, prefix[0] != 0 else { return false }
        // Checksum field: octal digits at 148..<156, terminated by NUL or space.
        var stored = 0
        var sawDigit = false
        for byte in prefix[148..<156] {
            if byte >= 0x30 && byte <= 0x37 {
                stored = stored * 8 + Int(byte - 0x30)
                sawDigit = true
            } else if byte == 0 || byte == 0x20 {
                if sawDigit { break }
            } else {
                return false
            }
        }
        guard sawDigit else { return false }
        var sum = 0
        for (offset, byte) in prefix[0..<512].enumerated() {
            sum += (148..<156).contains(offset) ? 0x20 : Int(byte)
        }
        return sum == stored
    }

    /// Packets that open an OpenPGP message: PKESK (1), SKESK (3), compressed (8), SED (9),
    /// SEIPD (18), AEAD (20), in old (bit 6 clear) or new (bit 6 set) framing.
    static func isOpenPGPPacket(_ first: UInt8) -> Bool {
        guard first & 0x80 != 0 else { return false }
        let tag = first & 0x40 != 0 ? first & 0x3F : (first >> 2) & 0x0F
        return [1, 3, 8, 9, 18, 20].contains(tag)
    }

    static func looksLikeText(_ prefix: [UInt8]) -> Bool {
        var control = 0
        for byte in prefix {
            if byte == 0 { return false }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { control += 1 }
        }
        return control * 20 < prefix.count
    }
}

func errnoText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
