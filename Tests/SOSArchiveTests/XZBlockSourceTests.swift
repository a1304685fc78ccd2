import Foundation
import Testing
@testable import SOSArchive

/// Multi-Block `.xz` files (what `xz -T0` and so sos 4.x write) are read through ``XZBlockSource``,
/// which jumps over the Blocks of members nobody reads.
@Suite("xz Blocks")
struct XZBlockSourceTests {
    /// A report-shaped tar with a 2 MiB log nobody reads between small members, in 64 KiB Blocks.
    private func multiBlockArchive(_ factory: FixtureFactory) throws -> (path: String, audit: String) {
        let audit = (0..<40_000).map {
            "type=SYSCALL msg=audit(1644451200.\($0 % 1000):\($0)): arch=c000003e syscall=\(($0 * 7919) % 331) success=yes pid=\(($0 * 104729) % 99991)"
        }.joined(separator: "\n")
        let tar = try factory.tar("report.tar", entries: [
            .directory("sosreport-host"),
            .file("sosreport-host/version.txt", "sosreport: 4.2\n"),
            .file("sosreport-host/proc/meminfo", "MemTotal: 16307092 kB\n"),
            .file("sosreport-host/var/log/audit/audit.log", audit),
            .file("sosreport-host/proc/buddyinfo", "Node 0, zone   Normal   4 3 2 1 0 0 0 0 0 0 0\n"),
            .file("sosreport-host/sos_commands/kernel/uname_-a", "Linux host 5.4.0-97-generic x86_64\n"),
        ])
        let xz = try factory.compress(tar, with: "xz -T2 --block-size=65536", suffix: ".xz")
        return (xz, audit)
    }

    @Test("members around a skipped log read the same; the log's Blocks are never decoded",
          arguments: [ArchiveReader.ReadAhead.never, .always, .parallel])
    func skipsBlocks(readAhead: ArchiveReader.ReadAhead) throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let (path, _) = try multiBlockArchive(factory)
        let reader = try ArchiveReader(path: path)
        reader.readAhead = readAhead
        var texts: [String: String] = [:]
        let outcome = try reader.forEachMember { cursor in
            guard cursor.member.kind == .file, cursor.member.path != "var/log/audit/audit.log" else { return }
            texts[cursor.member.path] = try cursor.readAll().text
        }
        #expect(outcome.damage == nil)
        #expect(texts == [
            "version.txt": "sosreport: 4.2\n",
            "proc/meminfo": "MemTotal: 16307092 kB\n",
            "proc/buddyinfo": "Node 0, zone   Normal   4 3 2 1 0 0 0 0 0 0 0\n",
            "sos_commands/kernel/uname_-a": "Linux host 5.4.0-97-generic x86_64\n",
        ])
        let blocks = try #require(reader.xzBlocks)
        // 4.5 MB of audit lines in 64 KiB Blocks: all but the Blocks at its two ends are jumped over
        // (reading ahead, the decoder may run a ring's worth, 512 KiB, into the log first).
        // (two threads decode at most a Block each ahead of the one libarchive reads).
        #expect(blocks.skipped > (readAhead == .never ? 50 : 40), "decoded \(blocks.decoded), skipped \(blocks.skipped)")
        #expect(blocks.decoded <= (readAhead == .never ? 3 : 12), "decoded \(blocks.decoded), skipped \(blocks.skipped)")
    }

    @Test("a member read whole across many Blocks comes out byte for byte",
          arguments: [ArchiveReader.ReadAhead.never, .always, .parallel])
    func readsAcrossBlocks(readAhead: ArchiveReader.ReadAhead) throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let (path, audit) = try multiBlockArchive(factory)
        let reader = try ArchiveReader(path: path)
        reader.readAhead = readAhead
        var lines = 0
        var joined: [String] = []
        let outcome = try reader.forEachMember { cursor in
            guard cursor.member.path == "var/log/audit/audit.log" else { return }
            try cursor.forEachLine { line, _ in
                lines += 1
                joined.append(String(decoding: line, as: UTF8.self))
            }
        }
        #expect(outcome.damage == nil)
        #expect(lines == 40_000)
        #expect(joined.joined(separator: "\n") == audit)
        let blocks = try #require(reader.xzBlocks)
        #expect(blocks.skipped <= 1)
    }

    @Test("a core freed part way through an archive starts the read-ahead there, and the member still comes out byte for byte")
    func readAheadStartsPartWay() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let (path, audit) = try multiBlockArchive(factory)
        let reader = try ArchiveReader(path: path)
        let budget = CoreBudget(cores: 2)
        reader.cores = budget
        var joined: [String] = []
        var borrowed = false
        let outcome = try budget.occupying {
            // Another archive of the batch holds the second core at first.
            #expect(budget.takeSpare())
            return try reader.forEachMember { cursor in
                guard cursor.member.path == "var/log/audit/audit.log" else { return }
                try cursor.forEachLine { line, number in
                    if number == 5_000 { budget.giveBack() }  // that archive is done
                    // About a megabyte later the reader has taken the freed core for its decoder.
                    if number == 39_000 { borrowed = !budget.takeSpare() }
                    joined.append(String(decoding: line, as: UTF8.self))
                }
            }
        }
        #expect(outcome.damage == nil)
        #expect(borrowed, "the read-ahead took the core")
        #expect(joined.joined(separator: "\n") == audit)
        #expect(budget.takeSpare(), "and gave it back at the end")
    }

    @Test("a damaged Block is reported with the file, the Block and the members before it kept",
          arguments: [ArchiveReader.ReadAhead.never, .always, .parallel])
    func damagedBlock(readAhead: ArchiveReader.ReadAhead) throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let (path, _) = try multiBlockArchive(factory)
        var bytes = try factory.readBytes(path)
        // Inside the compressed data, well past the first Block, well before the Index.
        let middle = bytes.count / 2
        for offset in middle..<(middle + 64) { bytes[offset] ^= 0x5A }
        let damaged = try factory.write("damaged.tar.xz", bytes: bytes)
        let reader = try ArchiveReader(path: damaged)
        reader.readAhead = readAhead
        let record = try readEverything(reader)
        let outcome = try #require(record.outcome)
        let damage = try #require(outcome.damage)
        guard case .damaged(let where_, _, let message) = damage else {
            Issue.record("expected .damaged, got \(damage)")
            return
        }
        #expect(where_ == damaged)
        #expect(message.contains("xz data is damaged in block"), "\(message)")
        #expect(record.texts["proc/meminfo"] == "MemTotal: 16307092 kB\n")
    }

    @Test("single-Block xz files are read through their one Block; concatenated ones are left to libarchive")
    func otherShapes() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let tar = try factory.tar("small.tar", entries: [.file("top/version.txt", "sosreport: 4.2\n")])
        // `xz` with one thread, as sos 2.x and 3.x wrote every report: one Block.
        let single = try factory.compress(tar, with: "xz -T1", suffix: ".xz")
        #expect(XZBlockSource(path: single)?.index.blocks.count == 1)
        for readAhead in [ArchiveReader.ReadAhead.never, .always] {
            let reader = try ArchiveReader(path: single)
            reader.readAhead = readAhead
            let record = try readEverything(reader)
            #expect(record.texts["version.txt"] == "sosreport: 4.2\n")
            #expect(reader.xzBlocks?.decoded == 1)
        }
        let viaLibarchive = try ArchiveReader(path: single)
        viaLibarchive.usesXZIndex = false
        #expect(try readEverything(viaLibarchive).texts["version.txt"] == "sosreport: 4.2\n")
        #expect(viaLibarchive.xzBlocks == nil)

        let (multi, _) = try multiBlockArchive(factory)
        let twice = try factory.write("twice.tar.xz", bytes: try factory.readBytes(multi) + factory.readBytes(single))
        #expect(XZBlockSource(path: multi) != nil)
        #expect(XZBlockSource(path: twice) == nil)
    }

    @Test("the real sos 4.2 archives read the same through their Blocks as through libarchive's xz filter",
          .enabled(if: realSosreportsFolder() != nil, "needs ../shared/real-sosreports (absent here)"))
    func realArchivesAgree() throws {
        let folder = try #require(realSosreportsFolder())
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tar.xz") }.sorted()
        #expect(names.count == 3)
        for name in names {
            let path = folder + "/" + name
            let index = try #require(XZBlockSource(path: path)?.index, "\(name) is multi-Block")
            #expect(index.blocks.count >= 17)

            let someAhead = try ArchiveReader(path: path)
            someAhead.readAhead = .always
            var viaBlocks = try fingerprints(someAhead, reading: { $0.hasPrefix("proc/") || $0.hasPrefix("sos_commands/kernel/") })
            let viaLibarchive = try ArchiveReader(path: path)
            viaLibarchive.usesXZIndex = false
            let reference = try fingerprints(viaLibarchive, reading: { _ in true })
            #expect(viaLibarchive.xzBlocks == nil)
            #expect(viaBlocks.members == reference.members, "\(name): same members in the same order")
            #expect(!viaBlocks.contents.isEmpty)
            for (member, digest) in viaBlocks.contents {
                #expect(reference.contents[member] == digest, "\(name): \(member)")
            }
            let someParallel = try ArchiveReader(path: path)
            someParallel.readAhead = .parallel
            viaBlocks = try fingerprints(someParallel, reading: { $0.hasPrefix("sys/") || $0.hasPrefix("sos_commands/") })
            for (member, digest) in viaBlocks.contents {
                #expect(reference.contents[member] == digest, "\(name): \(member)")
            }
            let someInline = try ArchiveReader(path: path)
            someInline.readAhead = .never
            viaBlocks = try fingerprints(someInline, reading: { $0.hasPrefix("var/") || $0.hasPrefix("etc/") })
            for (member, digest) in viaBlocks.contents {
                #expect(reference.contents[member] == digest, "\(name): \(member)")
            }
            for readAhead in [ArchiveReader.ReadAhead.never, .always, .parallel] {
                let everything = try ArchiveReader(path: path)
                everything.readAhead = readAhead
                viaBlocks = try fingerprints(everything, reading: { _ in true })
                #expect(viaBlocks.contents == reference.contents, "\(name): every member read through the Blocks")
            }
        }
    }

    /// Member paths in order, and a digest (length and FNV-1a) of every file member `reading` picks.
    private func fingerprints(_ reader: ArchiveReader, reading: (String) -> Bool) throws -> (members: [String], contents: [String: String]) {
        var members: [String] = []
        var contents: [String: String] = [:]
        let outcome = try reader.forEachMember { cursor in
            members.append(cursor.member.path)
            guard cursor.member.kind == .file, reading(cursor.member.path) else { return }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var length = 0
            try cursor.forEachLine { line, _ in
                for byte in line { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                hash = (hash ^ 0x0A) &* 0x100_0000_01b3
                length += line.count + 1
            }
            contents[cursor.member.path] = "\(length):\(hash)"
        }
        #expect(outcome.damage == nil)
        return (members, contents)
    }
}
