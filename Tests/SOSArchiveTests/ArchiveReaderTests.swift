import Foundation
import Testing
@testable import SOSArchive

/// A small report in the sos 4.x shape, used across the format tests.
let sampleReport: [FixtureFactory.Entry] = [
    .directory("sosreport-node1-2022-02-10-abcdefg/"),
    .file("sosreport-node1-2022-02-10-abcdefg/version.txt", "sosreport: 4.2\n"),
    .directory("sosreport-node1-2022-02-10-abcdefg/sos_commands/kernel"),
    .file("sosreport-node1-2022-02-10-abcdefg/sos_commands/kernel/uname_-a",
          "Linux node1 5.4.0-99-generic #112-Ubuntu SMP Thu Feb 3 13:50:55 UTC 2022 x86_64 x86_64 x86_64 GNU/Linux\n"),
    .symlink("sosreport-node1-2022-02-10-abcdefg/uname", "sos_commands/kernel/uname_-a"),
]

@Suite("ArchiveReader")
struct ArchiveReaderTests {
    @Test("every compression reads the same members", arguments: [
        ("xz", ".xz", ArchiveFormat.tarXZ), ("gzip", ".gz", .tarGZ), ("bzip2", ".bz2", .tarBZ2),
        ("zstd", ".zst", .tarZST), ("", "", .tar),
    ])
    func compressions(tool: String, suffix: String, format: ArchiveFormat) throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        var file = try factory.tar("report.tar", entries: sampleReport)
        if !tool.isEmpty { file = try factory.compress(file, with: tool, suffix: suffix) }
        let reader = try ArchiveReader(path: file)
        #expect(reader.format == format)
        #expect(reader.path == file)
        let record = try readEverything(reader)
        let outcome = try #require(record.outcome)
        #expect(outcome.damage == nil)
        #expect(outcome.notes.isEmpty)
        #expect(outcome.index.topFolder == "sosreport-node1-2022-02-10-abcdefg")
        #expect(outcome.index.allPaths == ["sos_commands/kernel", "sos_commands/kernel/uname_-a", "uname", "version.txt"])
        #expect(record.visited.map(\.path) == ["version.txt", "sos_commands/kernel", "sos_commands/kernel/uname_-a", "uname"])
        #expect(record.texts["version.txt"] == "sosreport: 4.2\n")
        #expect(outcome.index.member(at: "uname") == Member(path: "uname", kind: .symlink, size: 0, linkTarget: "sos_commands/kernel/uname_-a"))
        #expect(outcome.index.member(at: "version.txt")?.size == 15)
        let fileSize = Int64((try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? -1)
        // libarchive stops at the end-of-archive blocks, so a plain tar's padding may stay unread.
        #expect(reader.bytesConsumed > 0 && reader.bytesConsumed <= fileSize)
        if !tool.isEmpty { #expect(reader.bytesConsumed == fileSize) }
    }

    @Test("GNU and PAX long names (>100 chars) come through whole", arguments: [FixtureFactory.TarHeaders.gnu, .pax])
    func longNames(headers: FixtureFactory.TarHeaders) throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let long = "sos_commands/networking/" + String(repeating: "ethtool_-i_veth", count: 9) + "d0"
        let linkTarget = "../" + String(repeating: "x", count: 120)
        let file = try factory.tar("long.tar", entries: [
            .directory("sosreport-host-2024-01-10-aaaaaaa"),
            .file("sosreport-host-2024-01-10-aaaaaaa/" + long, "driver: veth\n"),
            .symlink("sosreport-host-2024-01-10-aaaaaaa/sos_commands/longlink", linkTarget),
        ], format: headers)
        let xz = try factory.compress(file, with: "xz", suffix: ".xz")
        let record = try readEverything(try ArchiveReader(path: xz))
        let outcome = try #require(record.outcome)
        #expect(long.utf8.count > 100)
        #expect(outcome.index.allPaths == ["sos_commands/longlink", long])
        #expect(record.texts[long] == "driver: veth\n")
        #expect(outcome.index.member(at: "sos_commands/longlink")?.linkTarget == linkTarget)
    }

    @Test("sos 4.5.2+ order: version.txt before the top folder entry")
    func versionBeforeTopDirectory() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let file = try factory.tar("order.tar", entries: [
            .file("sosreport-h-2024-01-10-bbbbbbb/version.txt", "sosreport: 4.7.0\n"),
            .directory("sosreport-h-2024-01-10-bbbbbbb/sos_reports"),
            .file("sosreport-h-2024-01-10-bbbbbbb/sos_reports/manifest.json", "{}\n"),
            .directory("sosreport-h-2024-01-10-bbbbbbb"),
            .file("sosreport-h-2024-01-10-bbbbbbb/hostname", "h\n"),
        ])
        let record = try readEverything(try ArchiveReader(path: file))
        let outcome = try #require(record.outcome)
        #expect(outcome.index.topFolder == "sosreport-h-2024-01-10-bbbbbbb")
        #expect(record.visited.map(\.path) == ["version.txt", "sos_reports", "sos_reports/manifest.json", "hostname"])
        #expect(outcome.notes.isEmpty)
    }

    @Test("no top folder: members at the root keep their paths")
    func noTopFolder() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let file = try factory.tar("flat.tar", entries: [
            .file("./version.txt", "sosreport: 3.9\n"),
            .directory("./sos_commands/"),
            .file("./sos_commands/kernel/uname_-a", "Linux\n"),
            .file("etc/hostname", "flat\n"),
        ], format: .gnu)
        let record = try readEverything(try ArchiveReader(path: file))
        let outcome = try #require(record.outcome)
        #expect(outcome.index.topFolder == nil)
        #expect(outcome.index.allPaths == ["etc/hostname", "sos_commands", "sos_commands/kernel/uname_-a", "version.txt"])
        #expect(outcome.notes.isEmpty)
    }

    @Test("path hygiene: ./, leading /, // collapsed; .. skipped with a note; strays noted")
    func pathHygiene() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let file = try factory.tar("messy.tar", entries: [
            .file("./top/etc//hostname", "h\n"),
            .file("/top/proc/meminfo", "MemTotal: 1 kB\n"),
            .file("top/../../evil", "x\n"),
            .file("other/stray", "s\n"),
        ], format: .gnu)
        let record = try readEverything(try ArchiveReader(path: file))
        let outcome = try #require(record.outcome)
        #expect(outcome.index.topFolder == "top")
        #expect(outcome.index.allPaths == ["etc/hostname", "other/stray", "proc/meminfo"])
        #expect(outcome.notes == [
            ArchiveNote(member: nil, message: "unsafe member path 'top/../../evil' skipped"),
            ArchiveNote(member: "other/stray", message: "member outside the top folder 'top': kept with its full path"),
        ])
    }

    @Test("hard links, FIFOs and devices")
    func hardLinksAndSpecials() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let file = try factory.tar("special.tar", entries: [
            .directory("top"),
            .file("top/etc/hosts", "127.0.0.1 localhost\n"),
            .hardlink("top/etc/hosts.copy", "top/etc/hosts"),
            .fifo("top/run/initctl"),
            .characterDevice("top/dev/null"),
        ])
        var readSpecial: [UInt8]?
        let outcome = try ArchiveReader(path: file).forEachMember { cursor in
            if cursor.member.path == "dev/null" { readSpecial = try cursor.readAll().bytes }
        }
        #expect(outcome.index.member(at: "etc/hosts.copy") == Member(path: "etc/hosts.copy", kind: .hardlink, size: 0, linkTarget: "etc/hosts"))
        #expect(outcome.index.member(at: "run/initctl")?.kind == .special)
        #expect(outcome.index.member(at: "dev/null")?.kind == .special)
        #expect(readSpecial == [])
        #expect(outcome.index.resolve("etc/hosts.copy") == .member(Member(path: "etc/hosts", kind: .file, size: 20), via: ["etc/hosts.copy"]))
        #expect(outcome.notes == [
            ArchiveNote(member: "run/initctl", message: "special file (device, FIFO or socket) skipped"),
            ArchiveNote(member: "dev/null", message: "special file (device, FIFO or socket) skipped"),
        ])
    }

    @Test("a truncated xz keeps the members before the break and reports damage")
    func truncatedXZ() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        // Random-ish content so xz cannot shrink it to nothing: the cut lands inside member data.
        var entries: [FixtureFactory.Entry] = [.directory("top")]
        for index in 0..<40 {
            let body = (0..<400).map { "line \($0) of file \(index) \(($0 * 7919 + index * 104729) % 1000003)" }.joined(separator: "\n")
            entries.append(.file("top/var/log/file\(index).log", body))
        }
        let xz = try factory.compress(try factory.tar("big.tar", entries: entries), with: "xz", suffix: ".xz")
        let whole = try Data(contentsOf: URL(fileURLWithPath: xz))
        let cut = try factory.write("cut.tar.xz", bytes: Array(whole.prefix(whole.count / 2)))
        let record = try readEverything(try ArchiveReader(path: cut))
        let outcome = try #require(record.outcome)
        let damage = try #require(outcome.damage)
        guard case .damaged(let path, _, _) = damage else {
            Issue.record("expected .damaged, got \(damage)")
            return
        }
        #expect(path == cut)
        #expect(outcome.index.count > 3)
        #expect(outcome.index.count < 40)
        #expect(outcome.index.member(at: "var/log/file0.log")?.kind == .file)
        #expect(record.texts["var/log/file0.log"]?.hasPrefix("line 0 of file 0 0\nline 1 of file 0 7919\n") == true)
    }

    @Test("a text file named .tar.gz is not an archive; gzip text is not a tar")
    func notArchives() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let text = try factory.write("fake.tar.gz", text: "This is not an archive\n")
        #expect(throws: SOSArchiveError.notAnArchive(path: text, detail: "text file")) { try ArchiveReader(path: text) }

        let plain = try factory.write("notes.txt", text: String(repeating: "just some notes, not a tar\n", count: 40))
        let gz = try factory.compress(plain, with: "gzip", suffix: ".gz")
        let reader = try ArchiveReader(path: gz)
        #expect(reader.format == .tarGZ)
        #expect(throws: SOSArchiveError.notATar(path: gz, detail: "gzip data that is not a tar archive")) {
            _ = try reader.forEachMember { _ in }
        }
    }

    @Test("encrypted, zip, empty and missing files fail at init with one-line errors")
    func refusedInputs() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        // The first bytes `gpg -c` (GnuPG 2.2, symmetric) writes: SKESK packet, AES-256, iterated+salted S2K.
        let gpg = try factory.write("secured-sosreport-h.tar.xz.gpg", bytes: [0x8C, 0x0D, 0x04, 0x09, 0x03, 0x02, 0xAA, 0x71, 0xD9, 0x12])
        let armored = try factory.write("secured-sosreport-h.tar.xz.asc", text: "-----BEGIN PGP MESSAGE-----\n\njA0ECQMCqnHZEuD2YgY=\n-----END PGP MESSAGE-----\n")
        #expect(throws: SOSArchiveError.encrypted(path: armored)) { try ArchiveReader(path: armored) }
        #expect(throws: SOSArchiveError.encrypted(path: gpg)) { try ArchiveReader(path: gpg) }
        #expect(SOSArchiveError.encrypted(path: gpg).description == "\(gpg): encrypted sosreport (OpenPGP): decrypt it with gpg first (gpg -o report.tar.xz -d \(gpg))")
        let zip = try factory.write("report.zip", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])
        #expect(throws: SOSArchiveError.zip(path: zip)) { try ArchiveReader(path: zip) }
        let empty = try factory.write("empty.tar.xz", bytes: [])
        #expect(throws: SOSArchiveError.empty(path: empty)) { try ArchiveReader(path: empty) }
        let missing = factory.path("nope.tar.xz")
        #expect(throws: SOSArchiveError.cannotOpen(path: missing, reason: "No such file or directory")) { try ArchiveReader(path: missing) }
        #expect(SOSArchiveError.cannotOpen(path: missing, reason: "No such file or directory").description == "\(missing): cannot open: No such file or directory")
    }

    @Test("the read cap keeps the first bytes and notes it")
    func readCap() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let file = try factory.tar("cap.tar", entries: [.directory("top"), .file("top/var/log/messages", String(repeating: "0123456789", count: 300))])
        var data: MemberData?
        let outcome = try ArchiveReader(path: file, limits: ReadLimits(wholeMemberBytes: 1 << 10)).forEachMember { cursor in
            data = try cursor.readAll()
        }
        let read = try #require(data)
        #expect(read.truncated)
        #expect(read.bytes.count == 1024)
        #expect(read.text.hasPrefix("0123456789012"))
        #expect(outcome.notes == [ArchiveNote(member: "var/log/messages", message: "read cap of 1 KiB hit: kept the first 1 KiB")])

        var exact: MemberData?
        _ = try ArchiveReader(path: file, limits: ReadLimits(wholeMemberBytes: 3000)).forEachMember { cursor in
            exact = try cursor.readAll()
        }
        #expect(exact?.truncated == false)
        #expect(exact?.bytes.count == 3000)
    }

    @Test("forEachLine: CRLF kept, long lines cut once-noted, last line without newline")
    func lines() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let long = String(repeating: "a", count: 200_000)
        let text = "first\r\nsecond\n\n" + long + "\nafter long\n" + long + "tail-no-newline"
        let file = try factory.tar("lines.tar", entries: [.directory("top"), .file("top/var/log/kern.log", text)])
        var lines: [(Int, String)] = []
        let outcome = try ArchiveReader(path: file, limits: ReadLimits(lineBytes: 100)).forEachMember { cursor in
            try cursor.forEachLine { bytes, number in lines.append((number, String(decoding: bytes, as: UTF8.self))) }
        }
        #expect(lines.map(\.0) == [1, 2, 3, 4, 5, 6])
        #expect(lines.map(\.1) == ["first\r", "second", "", String(repeating: "a", count: 100), "after long", String(repeating: "a", count: 100)])
        #expect(outcome.notes == [ArchiveNote(member: "var/log/kern.log", message: "2 lines longer than 100 bytes were cut")])
    }

    @Test("forEachLine on a big member with default limits: lines split across chunks come whole")
    func linesAcrossChunks() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let rows = (1...20_000).map { "Feb 10 12:00:00 node1 kernel: [\($0).000000] message number \($0)" }
        let file = try factory.tar("many.tar", entries: [.directory("top"), .file("top/var/log/syslog", rows.joined(separator: "\n") + "\n")])
        let gz = try factory.compress(file, with: "gzip", suffix: ".gz")
        var count = 0
        var mismatches = 0
        _ = try ArchiveReader(path: gz).forEachMember { cursor in
            try cursor.forEachLine { bytes, number in
                count += 1
                if String(decoding: bytes, as: UTF8.self) != rows[number - 1] { mismatches += 1 }
            }
        }
        #expect(count == 20_000)
        #expect(mismatches == 0)
    }

    @Test("a sos collect bundle: two inner sosreport tarballs read through openNested")
    func collectBundle() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        var inner: [String: [UInt8]] = [:]
        for host in ["node1", "node2"] {
            let top = "sosreport-\(host)-2024-01-10-aaaaaaa"
            let tar = try factory.tar("\(host).tar", entries: [
                .file("\(top)/version.txt", "sosreport: 4.7.0\n"),
                .directory(top),
                .file("\(top)/hostname", "\(host)\n"),
                .symlink("\(top)/uname", "sos_commands/kernel/uname_-a"),
                .file("\(top)/sos_commands/kernel/uname_-a", "Linux \(host) 5.14.0-362.8.1.el9_3.x86_64\n"),
            ])
            let xz = try factory.compress(tar, with: "xz", suffix: ".xz")
            inner[host] = Array(try Data(contentsOf: URL(fileURLWithPath: xz)))
        }
        let bundleScript = """
        import sys, tarfile, io
        with tarfile.open(sys.argv[1], "w") as out:
            for name, path in [("sos-collector-2024-01-10-ccccc/sos_logs/sos.log", None),
                               ("sos-collector-2024-01-10-ccccc/sosreport-node1-2024-01-10-aaaaaaa.tar.xz", sys.argv[2]),
                               ("sos-collector-2024-01-10-ccccc/sosreport-node2-2024-01-10-aaaaaaa.tar.xz", sys.argv[3])]:
                data = open(path, "rb").read() if path else b"collect log\\n"
                info = tarfile.TarInfo(name); info.size = len(data)
                out.addfile(info, io.BytesIO(data))
        """
        let bundle = factory.path("sos-collector-2024-01-10-ccccc.tar")
        try factory.run("/usr/bin/env", ["python3", "-c", bundleScript, bundle, factory.path("node1.tar.xz"), factory.path("node2.tar.xz")])
        let xzBundle = try factory.compress(bundle, with: "xz", suffix: ".xz")

        var hostnames: [String: String] = [:]
        var innerPaths: [String] = []
        var innerFormats: [ArchiveFormat] = []
        var unameLinks: [LinkResolution] = []
        let outcome = try ArchiveReader(path: xzBundle).forEachMember { cursor in
            guard cursor.member.path.hasSuffix(".tar.xz") else { return }
            let nested = try cursor.openNested()
            innerPaths.append(nested.path)
            innerFormats.append(nested.format)
            let innerOutcome = try nested.forEachMember { innerCursor in
                if innerCursor.member.path == "hostname" { hostnames[nested.path] = try innerCursor.readAll().text }
            }
            #expect(innerOutcome.damage == nil)
            #expect(innerOutcome.index.topFolder?.hasPrefix("sosreport-node") == true)
            #expect(nested.bytesConsumed > 0)
            unameLinks.append(innerOutcome.index.resolve("uname"))
            // A second pass over the nested stream cannot work: the data streamed once.
            #expect(throws: SOSArchiveError.self) { _ = try nested.forEachMember { _ in } }
        }
        #expect(outcome.damage == nil)
        #expect(outcome.index.topFolder == "sos-collector-2024-01-10-ccccc")
        #expect(outcome.index.allPaths == ["sos_logs/sos.log", "sosreport-node1-2024-01-10-aaaaaaa.tar.xz", "sosreport-node2-2024-01-10-aaaaaaa.tar.xz"])
        #expect(innerPaths == [xzBundle + "/sosreport-node1-2024-01-10-aaaaaaa.tar.xz", xzBundle + "/sosreport-node2-2024-01-10-aaaaaaa.tar.xz"])
        #expect(innerFormats == [.tarXZ, .tarXZ])
        #expect(hostnames == [innerPaths[0]: "node1\n", innerPaths[1]: "node2\n"])
        #expect(unameLinks.count == 2)
        for link in unameLinks {
            #expect(link == .member(Member(path: "sos_commands/kernel/uname_-a", kind: .file, size: 40), via: ["uname"]))
        }
    }

    @Test("a bundle cut in half: the break inside a nested report is damage to the outer pass, not a throw")
    func truncatedBundle() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        var entries: [FixtureFactory.Entry] = [.directory("sosreport-node1-2024-01-10-aaaaaaa")]
        for index in 0..<30 {
            let body = (0..<300).map { "row \($0) \(($0 * 7919 + index * 104729) % 1000003)" }.joined(separator: "\n")
            entries.append(.file("sosreport-node1-2024-01-10-aaaaaaa/var/log/f\(index)", body))
        }
        let inner = try factory.compress(try factory.tar("inner.tar", entries: entries), with: "gzip", suffix: ".gz")
        let bundle = factory.path("bundle.tar")
        try factory.run("/usr/bin/env", ["python3", "-c", """
        import sys, tarfile
        with tarfile.open(sys.argv[1], "w") as out:
            out.add(sys.argv[2], arcname="sos-collector-x/sosreport-node1-2024-01-10-aaaaaaa.tar.gz")
        """, bundle, inner])
        let whole = try Data(contentsOf: URL(fileURLWithPath: bundle))
        let cut = try factory.write("cut-bundle.tar", bytes: Array(whole.prefix(whole.count / 2)))
        var innerMembers = 0
        let outcome = try ArchiveReader(path: cut).forEachMember { cursor in
            let nested = try cursor.openNested()
            let innerOutcome = try nested.forEachMember { _ in innerMembers += 1 }
            #expect(innerOutcome.damage != nil)
        }
        #expect(innerMembers > 1)
        let damage = try #require(outcome.damage)
        #expect(damage.path == cut)
    }

    @Test("openNested on a member that is text gives notAnArchive naming outer/member")
    func nestedNotAnArchive() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let file = try factory.tar("outer.tar", entries: [.directory("top"), .file("top/README.txt", "hello\n")])
        var caught: SOSArchiveError?
        _ = try ArchiveReader(path: file).forEachMember { cursor in
            do { _ = try cursor.openNested() } catch let error as SOSArchiveError { caught = error }
        }
        #expect(caught == .notAnArchive(path: file + "/README.txt", detail: "text file"))
    }

    @Test("an xz cut right after its header cannot be read at all: the first header fails")
    func truncatedAtStart() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let xz = try factory.compress(try factory.tar("report.tar", entries: sampleReport), with: "xz", suffix: ".xz")
        let whole = try Data(contentsOf: URL(fileURLWithPath: xz))
        let cut = try factory.write("cut.tar.xz", bytes: Array(whole.prefix(40)))
        let reader = try ArchiveReader(path: cut)
        #expect(reader.format == .tarXZ)
        do {
            _ = try reader.forEachMember { _ in }
            Issue.record("a 40-byte xz read without error")
        } catch let error as SOSArchiveError {
            guard case .damaged(let path, _, let message) = error else {
                Issue.record("expected .damaged, got \(error)")
                return
            }
            #expect(path == cut)
            #expect(!message.isEmpty)
        }
    }

    @Test("a 24 MiB line with no newline stays one cut line; progress grows during the pass")
    func hugeLine() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let tar = factory.path("huge.tar")
        try factory.run("/usr/bin/env", ["python3", "-c", """
        import sys, tarfile, io
        data = b"x" * (24 << 20)
        with tarfile.open(sys.argv[1], "w") as out:
            info = tarfile.TarInfo("top/var/log/one-line"); info.size = len(data)
            out.addfile(info, io.BytesIO(data))
        """, tar])
        let zst = try factory.compress(tar, with: "zstd", suffix: ".zst")
        let reader = try ArchiveReader(path: zst)
        var lengths: [Int] = []
        var progress: [Int64] = []
        let outcome = try reader.forEachMember { cursor in
            progress.append(reader.bytesConsumed)
            try cursor.forEachLine { bytes, number in lengths.append(bytes.count * 10 + number) }
            progress.append(reader.bytesConsumed)
        }
        #expect(lengths == [(16 << 10) * 10 + 1])
        #expect(outcome.notes == [ArchiveNote(member: "var/log/one-line", message: "1 line longer than 16 KiB was cut")])
        #expect(progress.count == 2 && progress[0] < progress[1])
    }

    @Test("a GNU sparse member reads with its holes as zeros")
    func sparseMember() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        try FileManager.default.createDirectory(atPath: factory.path("top/var/log"), withIntermediateDirectories: true)
        try factory.run("/bin/sh", ["-c", "cd '\(factory.folder.path)' && printf start > top/var/log/lastlog && truncate -s 300000 top/var/log/lastlog && printf end >> top/var/log/lastlog && tar -S -cf sparse.tar top"])
        var data: MemberData?
        let outcome = try ArchiveReader(path: factory.path("sparse.tar")).forEachMember { cursor in
            if cursor.member.path == "var/log/lastlog" { data = try cursor.readAll() }
        }
        let bytes = try #require(data).bytes
        #expect(outcome.index.member(at: "var/log/lastlog")?.size == 300_003)
        #expect(bytes.count == 300_003)
        #expect(Array(bytes.prefix(5)) == Array("start".utf8))
        #expect(Array(bytes.suffix(3)) == Array("end".utf8))
        #expect(bytes[5..<300_000].allSatisfy { $0 == 0 })
    }

    @Test("an error thrown by the visitor propagates")
    func visitorErrors() throws {
        struct Stop: Error {}
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let file = try factory.tar("report.tar", entries: sampleReport)
        #expect(throws: Stop.self) { _ = try ArchiveReader(path: file).forEachMember { _ in throw Stop() } }
    }
}
