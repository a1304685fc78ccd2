import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SOSAnalyzer

/// Broken and hostile inputs, each built in a temporary case folder next to one good report and
/// read by the real `sosanalyze summarize --format json --jobs 2` (and `inspect`), under
/// `ulimit -v` and with the child's own peak RSS measured. Every case checks: the bad input is
/// named with its cause on one line (or read as a report that lists its own problems), the good
/// report is still summarized, the exit status, nothing was written next to the inputs, and the
/// memory bound.
///
/// The 1.5 GB member runs only with `SOSANALYZE_SLOW_TESTS=1`; its 200 MB version always runs.
@Suite(.serialized) struct HostileInputTests {
    /// Peak RSS any run may reach, whatever it reads.
    static let rssCapKiB = 200 * 1024
    static let goodHost = "foo.example.com"

    // MARK: Inputs that are not archives at all

    @Test func emptyFile() throws {
        let batch = try HostileBatch()
        let bad = try batch.write("sosreport-empty-2024-01-10-abcdefg.tar.xz", [])
        let outcome = try batch.summarize()
        try outcome.expectProblem(bad, cause: "empty file (0 bytes)")
        try outcome.expectInspectFails(bad, cause: "empty file")
    }

    @Test func randomBytes() throws {
        let batch = try HostileBatch()
        var random = SeededBytes(seed: 6)
        // A fixed first byte: 0x00 is no magic and no OpenPGP packet tag, so the cause is stable.
        let bad = try batch.write("sosreport-random-2024-01-10-abcdefg.tar.xz", [0] + random.next(1 << 20))
        let outcome = try batch.summarize()
        try outcome.expectProblem(bad, cause: "not an archive (unrecognised data (first bytes 00")
        // Given by name, a file with no archive suffix is a problem too (in a searched folder it is skipped).
        let unnamed = try batch.write("core.12345", [0] + random.next(4096))
        let direct = try batch.summarize(paths: [batch.good.path, unnamed.path])
        try direct.expectProblem(unnamed, cause: "not an archive (unrecognised data (first bytes 00")
    }

    @Test func textFileNamedTarGz() throws {
        let batch = try HostileBatch()
        let bad = try batch.write("sosreport-notes-2024-01-10-abcdefg.tar.gz",
                                  Array("Customer says the box hung at 03:10, see attached.\r\n".utf8))
        let outcome = try batch.summarize()
        try outcome.expectProblem(bad, cause: "not an archive (text file)")
        try outcome.expectInspectFails(bad, cause: "not an archive (text file)")
    }

    @Test func openPGPEncrypted() throws {
        let batch = try HostileBatch()
        // The first bytes `gpg --symmetric` writes: an old-format SKESK packet (tag 3), AES256, S2K.
        let header: [UInt8] = [0x8C, 0x0D, 0x04, 0x09, 0x03, 0x02, 0x4B, 0x1F, 0x9A, 0x77, 0x31, 0x02, 0xC8, 0x44, 0xFF]
        var random = SeededBytes(seed: 7)
        let bad = try batch.write("secured-sosreport-bar-2024-01-10-abcdefg.tar.xz.gpg", header + random.next(4096))
        let outcome = try batch.summarize()
        try outcome.expectProblem(bad, cause: "encrypted sosreport (OpenPGP)")
    }

    @Test func zipOfAReport() throws {
        let batch = try HostileBatch()
        let tree = try FixtureReport(in: batch.scratch.appendingPathComponent("zip"), top: "sosreport-zipped-2024-01-10-abcdefg")
        let bad = batch.inputs.appendingPathComponent("sosreport-zipped-2024-01-10-abcdefg.zip")
        try PythonTar.run("""
            import zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as archive:
                for folder, _, names in os.walk(sys.argv[2]):
                    for name in names:
                        full = os.path.join(folder, name)
                        archive.write(full, os.path.relpath(full, os.path.dirname(sys.argv[2])))
            """, [bad.path, tree.root.path])
        let outcome = try batch.summarize()
        try outcome.expectProblem(bad, cause: "zip archive")
    }

    @Test func tarThatIsNotASosreport() throws {
        let batch = try HostileBatch()
        let bad = batch.inputs.appendingPathComponent("sosreport-photos-2024-01-10-abcdefg.tar.gz")
        try PythonTar.run("""
            with tarfile.open(sys.argv[1], "w:gz") as tar:
                add(tar, "holiday/", type=tarfile.DIRTYPE, mode=0o755)
                for index in range(5):
                    add(tar, "holiday/img_%d.jpg" % index, bytes([0xFF, 0xD8, 0xFF, 0xE0]) * 100)
            """, [bad.path])
        let outcome = try batch.summarize()
        try outcome.expectProblem(bad, cause: "not a sosreport: 5 members but no sos_commands/")
    }

    // MARK: Damaged compression

    @Test(arguments: [("J", "tar.xz"), ("z", "tar.gz"), ("j", "tar.bz2")])
    func truncatedArchive(flag: String, suffix: String) throws {
        let batch = try HostileBatch()
        let whole = try batch.noisyReport(compression: flag, suffix: suffix)
        let bytes = try Data(contentsOf: whole)
        let bad = try batch.write("sosreport-cut-2024-01-10-abcdefg.\(suffix)", Array(bytes.prefix(bytes.count * 2 / 3)))
        let outcome = try batch.summarize()
        try outcome.expectDamaged(bad)
    }

    @Test(arguments: [("J", "tar.xz"), ("z", "tar.gz")])
    func corruptBlockInTheMiddle(flag: String, suffix: String) throws {
        let batch = try HostileBatch()
        let whole = try batch.noisyReport(compression: flag, suffix: suffix)
        var bytes = Array(try Data(contentsOf: whole))
        for offset in stride(from: bytes.count / 2, to: bytes.count / 2 + 64, by: 1) { bytes[offset] ^= 0x5A }
        let bad = try batch.write("sosreport-flipped-2024-01-10-abcdefg.\(suffix)", bytes)
        let outcome = try batch.summarize()
        try outcome.expectDamaged(bad)
    }

    // MARK: Hostile members

    @Test func unsafeMemberNamesAreSkippedAndNothingIsWritten() throws {
        let batch = try HostileBatch()
        let bad = batch.inputs.appendingPathComponent("sosreport-escape-2024-01-10-abcdefg.tar.xz")
        let escapeTarget = batch.scratch.appendingPathComponent("escaped")
        try PythonTar.run("""
            with tarfile.open(sys.argv[1], "w:xz") as tar:
                top = "sosreport-escape-2024-01-10-abcdefg/"
                add(tar, top + "version.txt", b"sosreport: 3.9\\n")
                add(tar, top + "sos_commands/host/hostname", b"escape.example.com\\n")
                add(tar, top + "../../escaped", b"written outside\\n")
                add(tar, "../escaped", b"written outside\\n")
                add(tar, top + "sos_commands/../../../escaped", b"written outside\\n")
                add(tar, "/tmp/sosanalyze-absolute-member", b"absolute\\n")
                add(tar, top + "proc/meminfo", type=tarfile.LNKTYPE, linkname="../../../etc/shadow")
            """, [bad.path])
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "escape.example.com")
        #expect(report.problems.contains { $0.message == "unsafe member path '../escaped' skipped" })
        #expect(report.problems.contains { $0.message == "unsafe member path 'sosreport-escape-2024-01-10-abcdefg/../../escaped' skipped" })
        #expect(report.problems.contains { $0.message.contains("unsafe hard link target '../../../etc/shadow' skipped") })
        #expect(report.memory == nil)
        #expect(!FileManager.default.fileExists(atPath: escapeTarget.path))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/sosanalyze-absolute-member"))
    }

    @Test func symlinkLoopsInAnArchive() throws {
        let batch = try HostileBatch()
        let bad = batch.inputs.appendingPathComponent("sosreport-loop-2024-01-10-abcdefg.tar.xz")
        try PythonTar.run("""
            with tarfile.open(sys.argv[1], "w:xz") as tar:
                top = "sosreport-loop-2024-01-10-abcdefg/"
                add(tar, top + "version.txt", b"sosreport: 3.9\\n")
                add(tar, top + "sos_commands/host/hostname", b"loop.example.com\\n")
                add(tar, top + "uname", type=tarfile.SYMTYPE, linkname="uname")
                add(tar, top + "proc", type=tarfile.SYMTYPE, linkname="sys/proc")
                add(tar, top + "sys", type=tarfile.SYMTYPE, linkname="proc/..")
                add(tar, top + "etc/os-release", type=tarfile.SYMTYPE, linkname="redhat-release")
                add(tar, top + "etc/redhat-release", type=tarfile.SYMTYPE, linkname="os-release")
                add(tar, top + "sos_commands/kernel", type=tarfile.SYMTYPE, linkname=".")
            """, [bad.path])
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "loop.example.com")
        #expect(report.kernel == nil)
        #expect(report.memory == nil)
    }

    @Test func symlinkLoopsAndEscapesInAnExtractedFolder() throws {
        let batch = try HostileBatch()
        let secret = batch.scratch.appendingPathComponent("analyst-secret")
        try Data("MemTotal:        4242424242 kB\nsecret.example.org\n".utf8).write(to: secret)
        let tree = try FixtureReport(in: batch.inputs, top: "sosreport-links-2024-01-10-abcdefg", hostname: "links.example.com")
        let fm = FileManager.default
        func relink(_ path: String, _ target: String) throws {
            let url = tree.root.appendingPathComponent(path)
            try? fm.removeItem(at: url)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        }
        try relink("proc/meminfo", secret.path)                               // absolute, outside
        try relink("proc/buddyinfo", "../../../analyst-secret")             // relative, outside
        try relink("etc/redhat-release", "/etc/os-release")                 // the analyst's own OS
        try relink("sos_commands/kernel/uname_-a", "uname_-a")              // a loop of one
        try relink("sos_commands/loop", ".")                                // a folder loop
        try relink("proc/sys", "/proc/sys")                                 // a live folder of the analyst
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(tree.root)
        #expect(report.hostname == "links.example.com")
        #expect(report.memory == nil)
        #expect(report.buddyinfo.isEmpty)
        #expect(report.os == nil)
        #expect(report.kernel == nil)
        #expect(report.taint == nil, "proc/sys is the analyst's: never read")
        #expect(!outcome.run.stdout.contains("4242424242"))
        #expect(!outcome.run.stdout.contains("secret.example.org"))
    }

    @Test func hardLinksInAnArchive() throws {
        let batch = try HostileBatch()
        let bad = batch.inputs.appendingPathComponent("sosreport-hard-2024-01-10-abcdefg.tar.xz")
        try PythonTar.run("""
            with tarfile.open(sys.argv[1], "w:xz") as tar:
                top = "sosreport-hard-2024-01-10-abcdefg/"
                add(tar, top + "version.txt", b"sosreport: 3.9\\n")
                add(tar, top + "sos_commands/host/hostname", b"hard.example.com\\n")
                add(tar, top + "sos_commands/memory/meminfo", b"MemTotal:        8164548 kB\\nMemFree:          851960 kB\\n")
                add(tar, top + "proc/meminfo", type=tarfile.LNKTYPE, linkname=top + "sos_commands/memory/meminfo")
                add(tar, top + "proc/buddyinfo", type=tarfile.LNKTYPE, linkname="/proc/buddyinfo")
                add(tar, top + "proc/zoneinfo", type=tarfile.LNKTYPE, linkname=top + "proc/nothing-here")
                add(tar, top + "proc/sys/kernel/tainted", type=tarfile.LNKTYPE, linkname=top + "proc/sys/kernel/tainted")
            """, [bad.path])
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "hard.example.com")
        #expect(report.memory?.memTotalKiB == 8_164_548, "a hard link inside the report is followed")
        #expect(report.buddyinfo.isEmpty, "an absolute hard link target is the report's own /proc/buddyinfo, which is absent")
        #expect(report.zoneinfo.isEmpty)
        #expect(report.taint == nil)
    }

    @Test func deviceNodesAndFIFOsInAnArchive() throws {
        let batch = try HostileBatch()
        let bad = batch.inputs.appendingPathComponent("sosreport-dev-2024-01-10-abcdefg.tar.xz")
        try PythonTar.run("""
            with tarfile.open(sys.argv[1], "w:xz") as tar:
                top = "sosreport-dev-2024-01-10-abcdefg/"
                add(tar, top + "version.txt", b"sosreport: 3.9\\n")
                add(tar, top + "sos_commands/host/hostname", b"dev.example.com\\n")
                add(tar, top + "proc/meminfo", type=tarfile.CHRTYPE, devmajor=1, devminor=5)   # /dev/zero
                add(tar, top + "proc/buddyinfo", type=tarfile.FIFOTYPE)
                add(tar, top + "var/log/messages", type=tarfile.BLKTYPE, devmajor=8, devminor=0)
                add(tar, top + "dev/random", type=tarfile.CHRTYPE, devmajor=1, devminor=8)
            """, [bad.path])
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "dev.example.com")
        #expect(report.memory == nil)
        #expect(report.buddyinfo.isEmpty)
        let specials = report.problems.filter { $0.message == "special file (device, FIFO or socket) skipped" }
        #expect(specials.compactMap(\.member).sorted() == ["dev/random", "proc/buddyinfo", "proc/meminfo", "var/log/messages"])
    }

    @Test func fifoAndDeviceInAnExtractedFolder() throws {
        let batch = try HostileBatch()
        let tree = try FixtureReport(in: batch.inputs, top: "sosreport-fifo-2024-01-10-abcdefg", hostname: "fifo.example.com")
        let meminfo = tree.root.appendingPathComponent("proc/meminfo")
        try FileManager.default.removeItem(at: meminfo)
        // Opening a FIFO for reading blocks until a writer comes: the walker must never open it.
        #expect(mkfifo(meminfo.path, 0o644) == 0)
        let buddyinfo = tree.root.appendingPathComponent("proc/buddyinfo")
        try FileManager.default.removeItem(at: buddyinfo)
        let isRoot = getuid() == 0
        if isRoot {
            // /dev/zero: read, it would never end.
            #expect(mknod(buddyinfo.path, mode_t(S_IFCHR) | 0o644, dev_t(1 << 8 | 5)) == 0)  // makedev(1, 5): a macro Swift does not import
        }
        let outcome = try batch.summarize(expectStatus: 0, timeout: 120)
        let report = try outcome.report(tree.root)
        #expect(report.hostname == "fifo.example.com")
        #expect(report.memory == nil)
        #expect(report.buddyinfo.isEmpty)
        let specials = report.problems.filter { $0.message == "special file (device, FIFO or socket) skipped" }
        #expect(specials.compactMap(\.member).sorted() == (isRoot ? ["proc/buddyinfo", "proc/meminfo"] : ["proc/meminfo"]))
    }

    @Test func fifoAndDeviceGivenByName() throws {
        let batch = try HostileBatch()
        let fifo = batch.inputs.appendingPathComponent("sosreport-pipe-2024-01-10-abcdefg.tar.xz")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        // No writer ever comes: opening the FIFO to sniff it would block for good.
        let outcome = try batch.summarize(paths: [batch.good.path, fifo.path, "/dev/zero"], timeout: 120)
        try outcome.expectProblem(fifo, cause: "not an archive (a FIFO, not a regular file)")
        let zero = try #require(outcome.document.problems.first { $0.path == "/dev/zero" })
        #expect(zero.error.contains("a character device, not a regular file"))
        let inspect = try MeasuredRun.sosanalyze(["inspect", fifo.path], timeout: 120)
        #expect(inspect.status == 1)
        #expect(inspect.stderr.contains("\(fifo.path): not an archive (a FIFO, not a regular file)"))
    }

    // MARK: Size

    @Test func hugeMemberOfOneRepeatedLine() throws {
        let slow = ProcessInfo.processInfo.environment["SOSANALYZE_SLOW_TESTS"] == "1"
        for megabytes in slow ? [200, 1536] : [200] {
            let batch = try HostileBatch()
            let bad = batch.inputs.appendingPathComponent("sosreport-huge-2024-01-10-abcdefg.tar.xz")
            try PythonTar.run(Self.bigMemberScript, [bad.path, "sosreport-huge-2024-01-10-abcdefg", String(megabytes << 20), "syslog"])
            let outcome = try batch.summarize(expectStatus: 0)
            let report = try outcome.report(bad)
            #expect(report.hostname == "huge.example.com")
            // The banner is the log's last line, after the repeated one.
            #expect(report.kernel?.release == "2.6.32-504.el6.x86_64", "\(megabytes) MB")
            #expect(report.memory?.memTotalKiB == 8_164_548, "the read cap keeps meminfo's first lines")
            #expect(report.problems.contains { $0.member == "proc/meminfo" && $0.message == "read cap of 8 MiB hit: kept the first 8 MiB" })
        }
    }

    /// The same with a kernel line, which every scanner looks at closely: smaller, because the
    /// allocation-failure scanner costs about 40 µs a kernel line in a debug build.
    @Test func repeatedKernelLine() throws {
        let batch = try HostileBatch()
        let bad = batch.inputs.appendingPathComponent("sosreport-huge-2024-01-10-abcdefg.tar.xz")
        try PythonTar.run(Self.bigMemberScript, [bad.path, "sosreport-huge-2024-01-10-abcdefg", String(16 << 20), "kernel"])
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "huge.example.com")
        #expect(report.kernel?.release == "2.6.32-504.el6.x86_64")
        #expect(report.allocationFailures.isEmpty)
        #expect(report.memory?.memTotalKiB == 8_164_548)
    }

    @Test func hugeLineWithoutNewline() throws {
        let batch = try HostileBatch()
        let bad = batch.inputs.appendingPathComponent("sosreport-longline-2024-01-10-abcdefg.tar.xz")
        try PythonTar.run(Self.bigMemberScript, [bad.path, "sosreport-longline-2024-01-10-abcdefg", String(300 << 20), "noline"])
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "longline.example.com")
        #expect(report.problems.contains { $0.member == "var/log/messages" && $0.message == "1 line longer than 16 KiB was cut" })
        #expect(report.problems.contains { $0.member == "proc/meminfo" && $0.message == "read cap of 8 MiB hit: kept the first 8 MiB" })
        #expect(report.memory == nil, "one 8 MiB run of 'M' is no meminfo")
    }

    @Test func manyBigWholeFilesShareOneBudget() throws {
        let batch = try HostileBatch()
        let bad = batch.inputs.appendingPathComponent("sosreport-wide-2024-01-10-abcdefg.tar.xz")
        try PythonTar.run(Self.bigMemberScript, [bad.path, "sosreport-wide-2024-01-10-abcdefg", String(40 << 20), "wide"])
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "wide.example.com")
        let spent = report.problems.filter { $0.message == "not read: the report's 32 MiB for whole files was already spent" }
        #expect(spent.count == 8, "12 members of 8 MiB kept: 4 fit in 32 MiB; \(report.problems)")
    }

    /// argv: archive, top folder, member bytes, shape: "syslog" or "kernel" (messages is one
    /// repeated line then the boot banner; meminfo real lines then a repeated one), "noline"
    /// (messages and meminfo each one line with no newline), "wide" (12 ethtool outputs that big).
    /// Members stream from generators into `tar` and `xz` (preset 0): nothing big in memory or on disk.
    static let bigMemberScript = """
        archive, top, size, shape = sys.argv[1], sys.argv[2] + "/", int(sys.argv[3]), sys.argv[4]
        host = sys.argv[2].split("-")[1] + ".example.com"

        class Repeat(io.RawIOBase):
            def __init__(self, head, unit, size, tail):
                self.parts = [head, unit, tail]; self.size = size; self.pos = 0
                self.body = size - len(head) - len(tail)
            def readable(self): return True
            def readinto(self, buffer):
                head, unit, tail = self.parts
                n = 0
                while n < len(buffer) and self.pos < self.size:
                    if self.pos < len(head):
                        chunk = head[self.pos:]
                    elif self.pos < len(head) + self.body:
                        offset = (self.pos - len(head)) % len(unit)
                        chunk = (unit * max(1, (1 << 20) // len(unit)))[offset:]
                        chunk = chunk[:len(head) + self.body - self.pos]
                    else:
                        chunk = tail[self.pos - len(head) - self.body:]
                    chunk = chunk[:len(buffer) - n]
                    buffer[n:n + len(chunk)] = chunk
                    n += len(chunk); self.pos += len(chunk)
                return n

        def stream(tar, name, head, unit, tail):
            info = tarfile.TarInfo(top + name); info.size = size; info.mtime = 1704844800
            tar.addfile(info, io.BufferedReader(Repeat(head, unit, size, tail), 1 << 20))

        with lzma.open(archive, "wb", preset=0) as xz, tarfile.open(fileobj=xz, mode="w|") as tar:
            add(tar, top + "version.txt", b"sosreport: 3.9\\n")
            add(tar, top + "sos_commands/host/hostname", host.encode() + b"\\n")
            if shape in ("syslog", "kernel"):
                unit = (b"Jan 10 03:10:00 huge kernel: e1000e 0000:00:19.0 eth0: Detected Hardware Unit Hang\\n" if shape == "kernel"
                        else b"Jan 10 03:10:00 huge systemd[1]: Started Session 1 of user root.\\n")
                stream(tar, "var/log/messages", b"", unit,
                       b"Jan 10 03:11:00 huge kernel: Linux version 2.6.32-504.el6.x86_64 (mockbuild@x86-023.build.eng.bos.redhat.com) (gcc version 4.4.7 20120313 (Red Hat 4.4.7-11) (GCC) ) #1 SMP Tue Sep 16 01:56:35 EDT 2014\\n")
                stream(tar, "proc/meminfo", b"MemTotal:        8164548 kB\\nMemFree:          851960 kB\\n",
                       b"Bogus:                  1 kB\\n", b"")
            elif shape == "noline":
                stream(tar, "var/log/messages", b"Jan 10 03:10:00 longline kernel: ", b"A", b"")
                stream(tar, "proc/meminfo", b"", b"M", b"")
            else:
                for index in range(12):
                    stream(tar, "sos_commands/networking/ethtool_-i_eth%d" % index, b"driver: e1000e\\n", b"x", b"")
        """

    @Test func sixtyThousandTinyMembers() throws {
        let batch = try HostileBatch()
        let bad = batch.inputs.appendingPathComponent("sosreport-swarm-2024-01-10-abcdefg.tar.xz")
        try PythonTar.run("""
            with lzma.open(sys.argv[1], "wb", preset=0) as xz, tarfile.open(fileobj=xz, mode="w|") as tar:
                top = "sosreport-swarm-2024-01-10-abcdefg/"
                add(tar, top + "version.txt", b"sosreport: 4.5\\n")
                add(tar, top + "sos_commands/host/hostname", b"swarm.example.com\\n")
                for index in range(60000):
                    add(tar, top + "sys/fs/cgroup/memory/slice-%d/task-%d/memory.usage_in_bytes" % (index // 100, index), b"%d\\n" % index)
            """, [bad.path])
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "swarm.example.com")
        #expect(report.source.memberCount >= 60_002)
    }

    // MARK: Odd content in every file

    @Test func crlfAndInvalidUTF8InEveryTextFile() throws {
        let batch = try HostileBatch()
        let tree = try FixtureReport(in: batch.scratch.appendingPathComponent("mess"), top: "sosreport-mess-2024-01-10-abcdefg",
                                     hostname: "mess.example.com")
        // Every line ends in CRLF and every file gains a last line of bytes that are not UTF-8
        // (a console's line noise, a Latin-1 editor).
        let files = try tree.files().map { path, bytes -> (String, [UInt8]) in
            var out: [UInt8] = []
            for byte in bytes {
                if byte == 0x0A { out.append(0x0D) }
                out.append(byte)
            }
            if !out.isEmpty && out.last != 0x0A { out += [0x0D, 0x0A] }
            return (path, out + [0xFF, 0xFE, 0xC3, 0x28, 0x80, 0x0D, 0x0A])
        }
        let bad = batch.inputs.appendingPathComponent("sosreport-mess-2024-01-10-abcdefg.tar.xz")
        try PythonTar.report(files, top: tree.top, to: bad)
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "mess.example.com")
        #expect(report.sosVersion == "3.9")
        #expect(report.os?.id == "rhel")
        #expect(report.os?.version == "6.7")
        #expect(report.kernel?.release == "2.6.32-504.el6.x86_64")
        #expect(report.taint?.value == 12289)
        #expect(report.nics.first?.driver == "mlx4_en")
        #expect(report.nics.first?.firmware == "2.42.5000")
        #expect(report.memory?.memTotalKiB == 8_164_548)
        #expect(!outcome.run.stdout.contains("\r"), "no CR reaches a value")
        // The strict formats refuse the stray line and say where it is; the rest is read.
        #expect(report.sysctl["vm.min_free_kbytes"] == nil)
        #expect(report.buddyinfo.isEmpty)
        #expect(report.problems == [
            ReportProblem(message: "vm.min_free_kbytes: more than one line after 67584", member: "proc/sys/vm/min_free_kbytes:2"),
            ReportProblem(message: "buddyinfo: expected 'Node N, zone NAME counts...'", member: "proc/buddyinfo:4"),
        ])
    }

    @Test func zeroByteProcFiles() throws {
        let batch = try HostileBatch()
        let tree = try FixtureReport(in: batch.scratch.appendingPathComponent("zero"), top: "sosreport-zero-2024-01-10-abcdefg",
                                     hostname: "zero.example.com")
        let files = try tree.files().map { path, bytes in
            (path, path.hasPrefix("proc/") || path.hasPrefix("sos_commands/networking/") ? [] : bytes)
        }
        let bad = batch.inputs.appendingPathComponent("sosreport-zero-2024-01-10-abcdefg.tar.xz")
        try PythonTar.report(files + [("proc/zoneinfo", []), ("proc/pagetypeinfo", []), ("proc/sys/vm/zone_reclaim_mode", [])],
                             top: tree.top, to: bad)
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "zero.example.com")
        #expect(report.memory == nil)
        #expect(report.taint == nil)
        #expect(report.buddyinfo.isEmpty)
        #expect(report.zoneinfo.isEmpty)
        #expect(report.nics.allSatisfy { $0.driver == nil })
        #expect(report.sysctl.isEmpty)
        #expect(report.kernel?.release == "2.6.32-504.el6.x86_64", "uname is not under proc/")
    }

    @Test func numbersTooBigForInt() throws {
        let batch = try HostileBatch()
        let tree = try FixtureReport(in: batch.scratch.appendingPathComponent("big"), top: "sosreport-bignum-2024-01-10-abcdefg",
                                     hostname: "bignum.example.com")
        let huge = "99999999999999999999999"
        let replaced: [String: String] = [
            "proc/meminfo": "MemTotal:        \(huge) kB\nMemFree:          \(huge) kB\nMemAvailable:    -\(huge) kB\n",
            "proc/buddyinfo": "Node \(huge), zone   Normal \(huge) 1 1 1 1 1 1 1 1 1 1\nNode 0, zone      DMA 1 1 1 1 1 1 1 1 1 1 \(huge)\n",
            "proc/sys/kernel/tainted": huge + "\n",
            "proc/sys/vm/min_free_kbytes": huge + "\n",
            "proc/zoneinfo": "Node 0, zone   Normal\n  pages free     \(huge)\n        min      \(huge)\n        low      \(huge)\n        high     \(huge)\n",
            "proc/pagetypeinfo": "Page block order: \(huge)\nPages per block:  \(huge)\n\nFree pages count per migrate type at order       0      1\nNode    0, zone   Normal, type    Unmovable \(huge) \(huge)\n",
            "sos_commands/kernel/lsmod": "Module                  Size  Used by\nmlx4_en           \(huge)  \(huge)\n",
            "var/log/messages": "Jan 10 03:10:00 bignum kernel: swapper/0: page allocation failure: order:\(huge), mode:0x\(huge)\n"
                + "Jan 10 03:10:00 bignum kernel: Node 0 Normal free:\(huge)kB min:\(huge)kB low:1kB high:1kB\n"
                + "Jan 10 03:10:00 bignum kernel: Node 0 Normal: \(huge)*4kB (UEM) 1*8kB = \(huge)kB\n",
        ]
        var files = try tree.files().filter { replaced[$0.0] == nil }
        files += replaced.map { ($0.key, Array($0.value.utf8)) }
        let bad = batch.inputs.appendingPathComponent("sosreport-bignum-2024-01-10-abcdefg.tar.xz")
        try PythonTar.report(files, top: tree.top, to: bad)
        let outcome = try batch.summarize(expectStatus: 0)
        let report = try outcome.report(bad)
        #expect(report.hostname == "bignum.example.com")
        #expect(report.taint == nil)
        #expect(report.sysctl["vm.min_free_kbytes"] == nil)
        #expect(report.memory?.memTotalKiB == nil)
    }

    // MARK: Batches

    @Test func brokenReportInsideACollectBundle() throws {
        let batch = try HostileBatch()
        let bundleTop = batch.scratch.appendingPathComponent("bundle/sos-collector-2024-01-10-abcde")
        try FileManager.default.createDirectory(at: bundleTop, withIntermediateDirectories: true)
        let node1 = try FixtureReport(in: batch.scratch.appendingPathComponent("n1"), top: "sosreport-node1-2024-01-10-abcdefg",
                                      hostname: "node1.example.com")
        try node1.archive(to: bundleTop.appendingPathComponent("sosreport-node1-2024-01-10-abcdefg.tar.xz"), compression: "J")
        let node2 = try batch.noisyReport(compression: "J", suffix: "tar.xz")
        let cut = try Data(contentsOf: node2)
        try cut.prefix(cut.count / 2).write(to: bundleTop.appendingPathComponent("sosreport-node2-2024-01-10-abcdefg.tar.xz"))
        try Data("not a report\n".utf8).write(to: bundleTop.appendingPathComponent("sosreport-node3-2024-01-10-abcdefg.tar.xz"))
        try Data().write(to: bundleTop.appendingPathComponent("sosreport-node4-2024-01-10-abcdefg.tar.xz"))
        let bundle = batch.inputs.appendingPathComponent("sos-collector-2024-01-10-abcde.tar")
        let tar = try Command.run("/usr/bin/tar", ["-cf", bundle.path, "-C", bundleTop.deletingLastPathComponent().path, bundleTop.lastPathComponent])
        #expect(tar.status == 0)

        let outcome = try batch.summarize()
        let hosts = outcome.document.reports.compactMap(\.hostname)
        #expect(hosts.contains("node1.example.com"))
        #expect(hosts.contains(Self.goodHost))
        let inner = { (node: Int) in "sosreport-node\(node)-2024-01-10-abcdefg.tar.xz" }
        let node2Report = outcome.document.reports.first { $0.source.path.hasSuffix(inner(2)) }
        let node2Problem = outcome.document.problems.first { $0.path.hasSuffix(inner(2)) }
        #expect(node2Report?.problems.contains { $0.message.hasPrefix("archive is damaged") } == true || node2Problem != nil)
        let node3 = try #require(outcome.document.problems.first { $0.path.hasSuffix(inner(3)) })
        #expect(node3.error.contains("not an archive (text file)"))
        // Named like any input: the bundle's path, then the inner archive's name.
        #expect(node3.path == bundle.path + "/" + inner(3))
        let node4 = try #require(outcome.document.problems.first { $0.path.hasSuffix(inner(4)) })
        #expect(node4.error.contains("empty file"))
        for problem in outcome.document.problems {
            #expect(!problem.error.contains("\n"))
            #expect(outcome.run.stderr.contains(problem.error))
        }
    }

    @Test func bundlesInsideBundlesAreNotOpened() throws {
        // A tar.gz can hold itself (gzip quines exist): only the first level of a bundle is opened.
        let batch = try HostileBatch()
        let deepest = try FixtureReport(in: batch.scratch.appendingPathComponent("deep"), top: "sosreport-deep-2024-01-10-abcdefg",
                                        hostname: "deep.example.com")
        let level2 = batch.scratch.appendingPathComponent("l2/sosreport-middle-2024-01-10-abcdefg")
        try FileManager.default.createDirectory(at: level2, withIntermediateDirectories: true)
        try deepest.archive(to: level2.appendingPathComponent("sosreport-deep-2024-01-10-abcdefg.tar.xz"), compression: "J")
        let level1 = batch.scratch.appendingPathComponent("l1/sos-collector-2024-01-10-abcde")
        try FileManager.default.createDirectory(at: level1, withIntermediateDirectories: true)
        let middle = level1.appendingPathComponent("sosreport-middle-2024-01-10-abcdefg.tar")
        #expect(try Command.run("/usr/bin/tar", ["-cf", middle.path, "-C", level2.deletingLastPathComponent().path, level2.lastPathComponent]).status == 0)
        let bundle = batch.inputs.appendingPathComponent("sos-collector-2024-01-10-abcde.tar")
        #expect(try Command.run("/usr/bin/tar", ["-cf", bundle.path, "-C", level1.deletingLastPathComponent().path, level1.lastPathComponent]).status == 0)

        let outcome = try batch.summarize()
        #expect(!outcome.document.reports.contains { $0.hostname == "deep.example.com" })
        let problem = try #require(outcome.document.problems.first { $0.path == bundle.path + "/sosreport-middle-2024-01-10-abcdefg.tar" })
        #expect(problem.error.contains("not a sosreport: 1 members but no sos_commands/"), "\(problem.error)")
    }

    @Test func sideFilesNextToArchivesAreIgnored() throws {
        let batch = try HostileBatch()
        let name = batch.good.lastPathComponent
        for (side, text) in [(".md5", "d41d8cd98f00b204e9800998ecf8427e\n"), (".sha256", "0123abcd  \(name)\n"),
                             (".sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709\n")] {
            _ = try batch.write(name + side, Array(text.utf8))
        }
        _ = try batch.write("sosreport-foo-2024-01-10-abcdefg-private_map", Array("{\"hostname_map\": {}}\n".utf8))
        _ = try batch.write("sosreport-foo-2024-01-10-abcdefg-obfuscation.log", Array("cleaner ran\n".utf8))
        _ = try batch.write("README.txt", Array("case 0123: reports from the customer\n".utf8))
        _ = try batch.write("notes", [])
        let outcome = try batch.summarize(expectStatus: 0)
        #expect(outcome.document.problems.isEmpty)
        #expect(outcome.document.reports.count == 1)
        #expect(outcome.run.stderr.isEmpty)
    }
}

/// A case folder holding one good report, the hostile inputs a test adds, and scratch space
/// outside it; `summarize` runs the executable on the folder and checks what every case shares.
struct HostileBatch {
    let folder: TemporaryFolder
    /// The folder given to `sosanalyze`: the good report plus the hostile inputs.
    let inputs: URL
    /// Room for building inputs, outside `inputs`.
    let scratch: URL
    let good: URL

    init() throws {
        folder = try TemporaryFolder()
        inputs = folder.url.appendingPathComponent("case")
        scratch = folder.url.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let tree = try FixtureReport(in: scratch.appendingPathComponent("good"))
        good = inputs.appendingPathComponent("sosreport-foo-2024-01-10-abcdefg.tar.xz")
        try tree.archive(to: good, compression: "J")
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = inputs.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// A report archive (outside `inputs`) with a 400 KB member of random hex digits, so a cut or
    /// a flipped block lands inside member data rather than in the last few headers. Hex text,
    /// not raw random bytes: deflate stores random bytes verbatim, and libarchive does not check
    /// the gzip CRC, so flipped stored bytes would pass unseen.
    func noisyReport(compression: String, suffix: String) throws -> URL {
        let tree = try FixtureReport(in: scratch.appendingPathComponent("noisy-\(suffix)"), top: "sosreport-noisy-2024-01-10-abcdefg",
                                     hostname: "noisy.example.com")
        var random = SeededBytes(seed: 42)
        let hex = random.next(200_000).flatMap { (byte: UInt8) -> [UInt8] in
            [byte >> 4, byte & 0xF].map { (nibble: UInt8) -> UInt8 in UInt8(ascii: "0") + (nibble < 10 ? nibble : nibble + 39) }
        }
        try Data(hex).write(to: tree.root.appendingPathComponent("sos_commands/noise"))
        let url = scratch.appendingPathComponent("noisy.\(suffix)")
        try tree.archive(to: url, compression: compression)
        return url
    }

    /// Runs `summarize --format json --jobs 2` on the case folder (or on `paths`) and checks the shared promises:
    /// the exit status, the good report, nothing written, the memory bound, one line per problem.
    func summarize(paths: [String]? = nil, expectStatus: Int32 = 2, timeout: Double = 600,
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> HostileOutcome {
        let before = FolderSnapshot(folder.url)
        let run = try MeasuredRun.sosanalyze(["summarize", "--format", "json", "--jobs", "2"] + (paths ?? [inputs.path]), timeout: timeout)
        #expect(run.status == expectStatus, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        let document = try JSONDecoder().decode(BatchDocument.self, from: Data(run.stdout.utf8))
        #expect(document.reports.contains { $0.source.path == good.path && $0.hostname == HostileInputTests.goodHost },
                "the good report is summarized", sourceLocation: sourceLocation)
        #expect(FolderSnapshot(folder.url) == before, "nothing written next to the inputs", sourceLocation: sourceLocation)
        #expect(run.peakRSSKiB < HostileInputTests.rssCapKiB, "peak RSS \(run.peakRSSKiB) KiB", sourceLocation: sourceLocation)
        for problem in document.problems {
            #expect(!problem.error.contains("\n"), sourceLocation: sourceLocation)
            #expect(run.stderr.contains("sosanalyze: \(problem.error)\n"), sourceLocation: sourceLocation)
        }
        return HostileOutcome(run: run, document: document)
    }
}

struct HostileOutcome {
    let run: MeasuredRun
    let document: BatchDocument

    /// The input gave no report and one problem that names it and says `cause`.
    func expectProblem(_ url: URL, cause: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problem = try #require(document.problems.first { $0.path == url.path }, "\(document.problems)", sourceLocation: sourceLocation)
        #expect(problem.error.hasPrefix(url.path + ": "), sourceLocation: sourceLocation)
        #expect(problem.error.contains(cause), "\(problem.error)", sourceLocation: sourceLocation)
        #expect(!document.reports.contains { $0.source.path == url.path }, sourceLocation: sourceLocation)
    }

    /// The input was either refused whole as damaged or read in part with the damage at the head
    /// of its problems.
    func expectDamaged(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if let report = document.reports.first(where: { $0.source.path == url.path }) {
            let first = try #require(report.problems.first, sourceLocation: sourceLocation)
            #expect(first.message.hasPrefix("archive is damaged; members after this point are missing: \(url.path): damaged archive ("),
                    "\(first.message)", sourceLocation: sourceLocation)
        } else {
            try expectProblem(url, cause: "damaged archive (", sourceLocation: sourceLocation)
        }
    }

    /// The report read from `url` (an archive or folder in the batch).
    func report(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> Report {
        try #require(document.reports.first { $0.source.path == url.path }, "\(document.problems)", sourceLocation: sourceLocation)
    }

    /// `inspect` on the bad input alone: status 1, the cause on stderr, nothing on stdout.
    func expectInspectFails(_ url: URL, cause: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try MeasuredRun.sosanalyze(["inspect", "--format", "json", url.path])
        #expect(run.status == 1, sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("sosanalyze: \(url.path): "), sourceLocation: sourceLocation)
        #expect(run.stderr.contains(cause), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.split(separator: "\n").count == 1, sourceLocation: sourceLocation)
    }
}
