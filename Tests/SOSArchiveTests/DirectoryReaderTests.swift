import Foundation
import Testing
@testable import SOSArchive

@Suite("ArchiveReader over an extracted folder")
struct DirectoryReaderTests {
    /// An extracted report whose links point outside it, to the analyst's own machine.
    static func extractedReport(_ factory: FixtureFactory) throws -> String {
        let root = factory.path("sosreport-node1-2022-02-10-abcdefg")
        let files = FileManager.default
        try files.createDirectory(atPath: root + "/sos_commands/kernel", withIntermediateDirectories: true)
        try files.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try files.createDirectory(atPath: root + "/proc", withIntermediateDirectories: true)
        try "sosreport: 4.2\n".write(toFile: root + "/version.txt", atomically: false, encoding: .utf8)
        try "Linux node1 5.4.0-99-generic\n".write(toFile: root + "/sos_commands/kernel/uname_-a", atomically: false, encoding: .utf8)
        try files.createSymbolicLink(atPath: root + "/uname", withDestinationPath: "sos_commands/kernel/uname_-a")
        try files.createSymbolicLink(atPath: root + "/etc/passwd", withDestinationPath: "/etc/passwd")
        try files.createSymbolicLink(atPath: root + "/proc/meminfo", withDestinationPath: "../../outside")
        try files.createSymbolicLink(atPath: root + "/sys", withDestinationPath: "/sys")
        try files.createSymbolicLink(atPath: root + "/etc/shadow", withDestinationPath: "/etc/gshadow")
        try "analyst secret\n".write(toFile: factory.path("outside"), atomically: false, encoding: .utf8)
        try factory.run("/usr/bin/mkfifo", [root + "/sos_commands/fifo"])
        return root
    }

    @Test("a folder reads like an archive; links are recorded, never followed")
    func extracted() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let root = try Self.extractedReport(factory)
        let reader = try ArchiveReader(path: root)
        #expect(reader.format == .directory)
        var texts: [String: String] = [:]
        var visited: [String] = []
        let outcome = try reader.forEachMember { cursor in
            visited.append(cursor.member.path)
            // Reading a symlink member yields nothing: its target is never opened.
            texts[cursor.member.path] = try cursor.readAll().text
        }
        #expect(outcome.damage == nil)
        #expect(outcome.index.topFolder == nil)
        #expect(visited == ["etc", "etc/passwd", "etc/shadow", "proc", "proc/meminfo", "sos_commands", "sos_commands/kernel",
                            "sos_commands/kernel/uname_-a", "sys", "uname", "version.txt"])
        #expect(texts["version.txt"] == "sosreport: 4.2\n")
        #expect(texts["etc/passwd"] == "")
        #expect(texts["proc/meminfo"] == "")
        #expect(outcome.index.member(at: "etc/passwd") == Member(path: "etc/passwd", kind: .symlink, size: 0, linkTarget: "/etc/passwd"))
        #expect(outcome.index.member(at: "sys")?.kind == .symlink)
        #expect(outcome.index.resolve("uname") == .member(Member(path: "sos_commands/kernel/uname_-a", kind: .file, size: 29), via: ["uname"]))
        // Absolute links resolve inside the report (like a chroot), never on this machine.
        // etc/passwd -> /etc/passwd names itself inside the report: a loop, not this machine's file.
        #expect(outcome.index.resolve("etc/passwd") == .absent(reason: "link loop at etc/passwd -> /etc/passwd"))
        #expect(outcome.index.resolve("etc/shadow") == .absent(reason: "dangling link etc/shadow -> /etc/gshadow"))
        #expect(outcome.index.resolve("proc/meminfo") == .absent(reason: "link leaves the report: proc/meminfo -> ../../outside"))
        #expect(outcome.index.resolve("sys/kernel/mm") == .absent(reason: "link loop at sys -> /sys"))
        #expect(outcome.notes == [ArchiveNote(member: "sos_commands/fifo", message: "special file (device, FIFO or socket) skipped")])
        #expect(reader.bytesConsumed == 15 + 29)
    }

    @Test("lines of a folder file stream like an archive member")
    func directoryLines() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let root = try Self.extractedReport(factory)
        try "MemTotal:        4026036 kB\r\nMemFree:          123456 kB".write(toFile: root + "/meminfo", atomically: false, encoding: .utf8)
        var lines: [String] = []
        _ = try ArchiveReader(path: root).forEachMember { cursor in
            guard cursor.member.path == "meminfo" else { return }
            try cursor.forEachLine { bytes, number in lines.append("\(number):" + String(decoding: bytes, as: UTF8.self)) }
        }
        #expect(lines == ["1:MemTotal:        4026036 kB\r", "2:MemFree:          123456 kB"])
    }
}

@Suite("InputDiscovery")
struct InputDiscoveryTests {
    @Test("a folder of reports: archives, an extracted tree, side files, README, strays")
    func folderOfReports() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let cases = factory.path("case-04123456")
        let files = FileManager.default
        try files.createDirectory(atPath: cases + "/node2/sosreport-node2-2022-02-10-bbbbbbb/sos_commands", withIntermediateDirectories: true)
        try files.createDirectory(atPath: cases + "/deep/a/b/c/d/e/f", withIntermediateDirectories: true)
        let tar = try factory.tar("node1.tar", entries: sampleReport)
        try files.copyItem(atPath: try factory.compress(tar, with: "xz", suffix: ".xz"), toPath: cases + "/sosreport-node1-2022-02-10-abcdefg.tar.xz")
        try files.copyItem(atPath: try factory.compress(tar, with: "gzip", suffix: ".gz"), toPath: cases + "/deep/a/b/c/d/e/f/too-deep.tar.gz")
        try "abc123\n".write(toFile: cases + "/sosreport-node1-2022-02-10-abcdefg.tar.xz.sha256", atomically: false, encoding: .utf8)
        try "{}".write(toFile: cases + "/sosreport-node1-2022-02-10-abcdefg.tar.xz-private_map", atomically: false, encoding: .utf8)
        try "Customer uploads for case 04123456\n".write(toFile: cases + "/README.txt", atomically: false, encoding: .utf8)
        _ = try factory.write("case-04123456/empty.tar.xz", bytes: [])
        _ = try factory.write("case-04123456/secured-sosreport-node3.tar.xz.gpg", bytes: [0x8C, 0x0D, 0x04, 0x09, 0x03, 0x02])
        _ = try factory.write("case-04123456/node4.zip", bytes: [0x50, 0x4B, 0x03, 0x04])
        // A link back to the case folder itself: followed, it would search the case forever.
        try files.createSymbolicLink(atPath: cases + "/link-to-case", withDestinationPath: ".")

        let discovery = InputDiscovery.discoverAll([cases + "/"])
        let (inputs, problems) = (discovery.inputs, discovery.problems)
        #expect(inputs == [
            DiscoveredInput(path: cases + "/node2/sosreport-node2-2022-02-10-bbbbbbb", format: .directory),
            DiscoveredInput(path: cases + "/sosreport-node1-2022-02-10-abcdefg.tar.xz", format: .tarXZ),
        ])
        // An empty file named like an archive is a failed copy the user must hear about; README.txt is not.
        #expect(problems == [
            InputProblem(path: cases + "/empty.tar.xz", error: SOSArchiveError.empty(path: cases + "/empty.tar.xz").description),
            InputProblem(path: cases + "/node4.zip", error: SOSArchiveError.zip(path: cases + "/node4.zip").description),
            InputProblem(path: cases + "/secured-sosreport-node3.tar.xz.gpg",
                         error: SOSArchiveError.encrypted(path: cases + "/secured-sosreport-node3.tar.xz.gpg").description),
        ])
        let real = InputDiscovery.resolved(cases) ?? cases
        #expect(discovery.skipped == [
            SkippedPath(path: cases + "/deep/a/b/c/d/e", reason: "folder not searched: its files are more than 6 levels below the folder given"),
            SkippedPath(path: cases + "/link-to-case",
                        reason: "not followed: link loop, . leads back into \(real), which is being searched"),
        ])
    }

    /// Issue 16 item 2: an analyst links the uploads of a case into one folder. Links to an
    /// archive and to an extracted report are read; each target once however many links lead
    /// to it; loops, dangling links and links to what was already read are listed with why.
    @Test("links in a searched folder: followed, each target once, loops and dangling links said")
    func linksInSearchedFolder() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let files = FileManager.default
        let uploads = factory.path("uploads")
        try files.createDirectory(atPath: uploads, withIntermediateDirectories: true)
        let tar = try factory.tar("node1.tar", entries: sampleReport)
        try files.copyItem(atPath: try factory.compress(tar, with: "xz", suffix: ".xz"),
                           toPath: uploads + "/sosreport-node1-2022-02-10-abcdefg.tar.xz")
        let extracted = try DirectoryReaderTests.extractedReport(factory)
        let view = factory.path("case")
        try files.createDirectory(atPath: view + "/more", withIntermediateDirectories: true)
        try files.createSymbolicLink(atPath: view + "/a-node1.tar.xz", withDestinationPath: uploads + "/sosreport-node1-2022-02-10-abcdefg.tar.xz")
        try files.createSymbolicLink(atPath: view + "/b-node1-again.tar.xz", withDestinationPath: "../uploads/sosreport-node1-2022-02-10-abcdefg.tar.xz")
        try files.createSymbolicLink(atPath: view + "/c-extracted", withDestinationPath: extracted)
        try files.createSymbolicLink(atPath: view + "/d-gone.tar.xz", withDestinationPath: "../uploads/gone.tar.xz")
        try files.createSymbolicLink(atPath: view + "/e-self", withDestinationPath: "e-self")
        try files.createSymbolicLink(atPath: view + "/more/f-up", withDestinationPath: "..")
        try files.createSymbolicLink(atPath: view + "/g-uploads", withDestinationPath: "../uploads")

        let discovery = InputDiscovery.discoverAll([view])
        #expect(discovery.inputs == [
            DiscoveredInput(path: view + "/a-node1.tar.xz", format: .tarXZ),
            DiscoveredInput(path: view + "/c-extracted", format: .directory),
        ])
        #expect(discovery.problems.isEmpty)
        let real = InputDiscovery.resolved(view) ?? view
        #expect(discovery.skipped == [
            SkippedPath(path: view + "/b-node1-again.tar.xz", reason: "same report as \(view)/a-node1.tar.xz: read once"),
            SkippedPath(path: view + "/d-gone.tar.xz",
                        reason: "not followed: dangling link to ../uploads/gone.tar.xz"),
            SkippedPath(path: view + "/e-self", reason: "not followed: symbolic link loop (e-self)"),
            SkippedPath(path: view + "/g-uploads/sosreport-node1-2022-02-10-abcdefg.tar.xz",
                        reason: "same report as \(view)/a-node1.tar.xz: read once"),
            SkippedPath(path: view + "/more/f-up", reason: "not followed: link loop, .. leads back into \(real), which is being searched"),
        ])
    }

    @Test("paths given directly: an extracted report, a file, a missing path, a text file")
    func directPaths() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let root = try DirectoryReaderTests.extractedReport(factory)
        let archive = try factory.compress(try factory.tar("r.tar", entries: sampleReport), with: "bzip2", suffix: ".bz2")
        let missing = factory.path("gone.tar.xz")
        let text = try factory.write("notes.tar.gz", text: "not a report\n")
        let sideFile = try factory.write("r.tar.bz2.sha256", text: "0123abcd\n")
        let (inputs, problems) = InputDiscovery.discover([root, archive, missing, text, archive, sideFile])
        #expect(inputs == [DiscoveredInput(path: root, format: .directory), DiscoveredInput(path: archive, format: .tarBZ2)])
        #expect(problems == [
            InputProblem(path: missing, error: "\(missing): cannot open: No such file or directory"),
            InputProblem(path: text, error: SOSArchiveError.notAnArchive(path: text, detail: "text file").description),
        ])
    }
}
