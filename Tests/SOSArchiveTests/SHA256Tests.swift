import Foundation
import Testing
@testable import SOSArchive

/// The FIPS 180-4 examples (NIST's "SHA256.pdf" example values) and `sha256sum` on a sample.
@Suite struct SHA256Tests {
    static func hex(_ text: String) -> String {
        var hash = SHA256()
        hash.update(Array(text.utf8))
        return hash.hexDigest()
    }

    @Test func nistExamples() {
        #expect(Self.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func aMillionAsInOddPieces() {
        var hash = SHA256()
        let piece = [UInt8](repeating: 0x61, count: 997)
        var left = 1_000_000
        while left > 0 {
            let count = min(left, piece.count - left % 13)
            hash.update(piece[0..<count])
            left -= count
        }
        #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    /// `sha256sum Samples/sosreport-dbnode01-20130514091203-e9e3.tar.xz` printed this value.
    @Test func archiveDigestIsSha256sum() throws {
        let path = Self.samples.appendingPathComponent("sosreport-dbnode01-20130514091203-e9e3.tar.xz").path
        #expect(try ContentDigest.sha256(ofInputAt: path) == "0cd3def7ad6175d57ac5632f30efd62ed0ff52091525952edb5f548c1617c27f")
    }

    @Test func folderDigestFollowsContentNotPlace() throws {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: root) }
        let first = root.appendingPathComponent("a/sosreport-x")
        try manager.createDirectory(at: first.appendingPathComponent("sos_commands/host"), withIntermediateDirectories: true)
        try Data("x.example.com\n".utf8).write(to: first.appendingPathComponent("sos_commands/host/hostname"))
        try manager.createSymbolicLink(atPath: first.appendingPathComponent("hostname").path, withDestinationPath: "sos_commands/host/hostname")
        let copy = root.appendingPathComponent("b/sosreport-x")
        try manager.createDirectory(at: root.appendingPathComponent("b"), withIntermediateDirectories: true)
        try manager.copyItem(at: first, to: copy)

        let original = try ContentDigest.sha256(ofInputAt: first.path)
        #expect(try ContentDigest.sha256(ofInputAt: copy.path) == original)
        try Data("y.example.com\n".utf8).write(to: copy.appendingPathComponent("sos_commands/host/hostname"))
        #expect(try ContentDigest.sha256(ofInputAt: copy.path) != original)
        let missing = root.appendingPathComponent("none").path
        #expect(throws: SOSArchiveError.cannotOpen(path: missing, reason: "No such file or directory")) {
            try ContentDigest.sha256(ofInputAt: missing)
        }
    }
}
