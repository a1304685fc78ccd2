import Testing
@testable import SOSArchive

@Suite("FormatSniffer")
struct FormatSnifferTests {
    @Test("compression magics")
    func magics() {
        #expect(FormatSniffer.sniff([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00, 0x04]) == .archive(.tarXZ))
        #expect(FormatSniffer.sniff([0x1F, 0x8B, 0x08, 0x00]) == .archive(.tarGZ))
        #expect(FormatSniffer.sniff(Array("BZh91AY&SY".utf8)) == .archive(.tarBZ2))
        #expect(FormatSniffer.sniff([0x28, 0xB5, 0x2F, 0xFD, 0x04]) == .archive(.tarZST))
        #expect(FormatSniffer.sniff([0x50, 0x4B, 0x03, 0x04, 0x14]) == .zip)
        #expect(FormatSniffer.sniff([]) == .empty)
    }

    @Test("plain tar: ustar at 257, or an old v7 header with a good checksum")
    func tarHeaders() {
        var ustar = [UInt8](repeating: 0, count: 512)
        ustar.replaceSubrange(0..<4, with: Array("top/".utf8))
        ustar.replaceSubrange(257..<263, with: Array("ustar\0".utf8))
        #expect(FormatSniffer.sniff(ustar) == .archive(.tar))

        var v7 = [UInt8](repeating: 0, count: 512)
        v7.replaceSubrange(0..<11, with: Array("version.txt".utf8))
        v7.replaceSubrange(100..<108, with: Array("0000644\0".utf8))
        let sum = v7.enumerated().reduce(0) { $0 + ((148..<156).contains($1.offset) ? 0x20 : Int($1.element)) }
        let octal = String(sum, radix: 8)
        let field = String(repeating: "0", count: 6 - octal.count) + octal
        v7.replaceSubrange(148..<156, with: Array(field.utf8) + [0, 0x20])
        #expect(FormatSniffer.sniff(v7) == .archive(.tar))
        v7[0] = 0x56  // one byte changed: the checksum no longer adds up
        #expect(FormatSniffer.sniff(v7) == .unknown("unrecognised data (first bytes 56 65 72 73)"))
    }

    @Test("OpenPGP: binary packet tags and armor")
    func openPGP() {
        // gpg -c (symmetric): old-format SKESK packet, tag 3.
        #expect(FormatSniffer.sniff([0x8C, 0x0D, 0x04, 0x09, 0x03, 0x02]) == .openPGP)
        // gpg -e (public key): PKESK tag 1, old format with 1- and 2-byte lengths; new format.
        #expect(FormatSniffer.sniff([0x84, 0x5E, 0x03]) == .openPGP)
        #expect(FormatSniffer.sniff([0x85, 0x01, 0x0C, 0x03]) == .openPGP)
        #expect(FormatSniffer.sniff([0xC1, 0xC0, 0x4C, 0x03]) == .openPGP)
        #expect(FormatSniffer.sniff([0xC3, 0x0D, 0x04]) == .openPGP)
        #expect(FormatSniffer.sniff([0xA3, 0x01, 0x78]) == .openPGP)  // compressed data packet
        #expect(FormatSniffer.sniff(Array("-----BEGIN PGP MESSAGE-----\n\njA0ECQMC\n".utf8)) == .openPGP)
    }

    @Test("strays: text and unknown binary")
    func unknown() {
        #expect(FormatSniffer.sniff(Array("sosreport-node1 collected on 2022-02-10\r\n".utf8)) == .unknown("text file"))
        #expect(FormatSniffer.sniff([0x1F, 0x9D, 0x90, 0x00]) == .unknown("unrecognised data (first bytes 1f 9d 90 00)"))
    }

    @Test("sniff(fileAt:) reads the file's first bytes; a missing file is cannotOpen")
    func files() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let xz = try factory.compress(try factory.write("a.txt", text: "hello\n"), with: "xz", suffix: ".xz")
        #expect(try FormatSniffer.sniff(fileAt: xz) == .archive(.tarXZ))
        let missing = factory.path("missing")
        #expect(throws: SOSArchiveError.cannotOpen(path: missing, reason: "No such file or directory")) {
            try FormatSniffer.sniff(fileAt: missing)
        }
    }
}
