import Testing
@testable import SOSArchive

/// Members of 4 MiB and more are read on a second thread while lines are scanned: the lines
/// must be exactly those of a plain read, and a scan that stops early must not hang or leak the
/// read thread into the rest of the archive.
@Suite("ChunkPipeline")
struct ChunkPipelineTests {
    /// 300,000 numbered lines (about 7 MiB) then a small member after it.
    private func bigLogArchive(_ factory: FixtureFactory) throws -> String {
        let tar = factory.path("big.tar")
        try factory.run("/usr/bin/env", ["python3", "-c", """
        import sys, tarfile, io
        data = b"".join(b"line %06d kernel: some message of the day\\r\\n" % i for i in range(300000))
        with tarfile.open(sys.argv[1], "w") as out:
            info = tarfile.TarInfo("top/var/log/messages"); info.size = len(data)
            out.addfile(info, io.BytesIO(data))
            tail = b"after\\n"
            info = tarfile.TarInfo("top/proc/meminfo"); info.size = len(tail)
            out.addfile(info, io.BytesIO(tail))
        """, tar])
        return try factory.compress(tar, with: "xz", suffix: ".xz")
    }

    @Test("every line of a big member arrives once, in order, across chunk borders")
    func linesOfABigMember() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let reader = try ArchiveReader(path: try bigLogArchive(factory))
        var count = 0
        var inOrder = true
        var after = ""
        _ = try reader.forEachMember { cursor in
            if cursor.member.path == "var/log/messages" {
                #expect(cursor.member.size >= MemberCursor.pipelineBytes)
                try cursor.forEachLine { bytes, number in
                    let text = String(decoding: bytes, as: UTF8.self)
                    if text != "line " + String(repeating: "0", count: 6 - String(number - 1).count) + "\(number - 1) kernel: some message of the day\r" {
                        inOrder = false
                    }
                    count = number
                }
            } else {
                after = try cursor.readAll().text
            }
        }
        #expect(count == 300_000)
        #expect(inOrder)
        #expect(after == "after\n")
    }

    struct Stop: Error {}

    @Test("a scan that throws part way ends the read thread; the archive reads on")
    func earlyStop() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let reader = try ArchiveReader(path: try bigLogArchive(factory))
        var seen = 0
        var after = ""
        _ = try reader.forEachMember { cursor in
            if cursor.member.path == "var/log/messages" {
                do {
                    try cursor.forEachLine { _, number in
                        seen = number
                        if number == 1000 { throw Stop() }
                    }
                } catch is Stop {}
            } else {
                after = try cursor.readAll().text
            }
        }
        #expect(seen == 1000)
        #expect(after == "after\n")
    }

    @Test("a stream cut inside a big member: the lines before the cut arrive, damage is reported, nothing hangs")
    func cutInsideABigMember() throws {
        let factory = try FixtureFactory()
        defer { factory.remove() }
        let whole = try bigLogArchive(factory)
        let bytes = try factory.readBytes(whole)
        let cut = try factory.write("cut.tar.xz", bytes: Array(bytes.prefix(bytes.count / 2)))
        let reader = try ArchiveReader(path: cut)
        var lines = 0
        let outcome = try reader.forEachMember { cursor in
            if cursor.member.path == "var/log/messages" {
                try cursor.forEachLine { _, number in lines = number }
            }
        }
        #expect(outcome.damage != nil)
        #expect(lines > 1000)
        #expect(lines < 300_000)
    }
}
