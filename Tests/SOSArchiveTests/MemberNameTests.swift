import Testing
@testable import SOSArchive

/// Member names reach Swift as the archive stored them, whatever the header format: plain
/// names straight from the header, non-ASCII PAX names through libarchive's UTF-8 form.
@Suite("Member names")
struct MemberNameTests {
    @Test("ASCII and non-ASCII names, GNU and PAX headers", arguments: [FixtureFactory.TarHeaders.gnu, .pax])
    func namesAsStored(format: FixtureFactory.TarHeaders) throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let tar = try factory.tar("names-\(format.rawValue).tar", entries: [
            .file("sosreport-x/version.txt", "sosreport: 3.9\n"),
            .file("sosreport-x/etc/motd-café", "bonjour\n"),
            .file("sosreport-x/var/log/日本語.log", "kernel: hello\n"),
        ], format: format)
        let reader = try ArchiveReader(path: tar)
        var texts: [String: String] = [:]
        let outcome = try reader.forEachMember { cursor in
            texts[cursor.member.path] = try cursor.readAll().text
        }
        #expect(outcome.damage == nil)
        #expect(outcome.index.topFolder == "sosreport-x")
        #expect(texts["etc/motd-café"] == "bonjour\n")
        #expect(texts["var/log/日本語.log"] == "kernel: hello\n")
        #expect(texts["version.txt"] == "sosreport: 3.9\n")
    }
}
