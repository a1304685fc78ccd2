import Testing
@testable import SOSAnalyzer

@Suite struct SysctlParserTests {
    /// The doc comment's sample: an LXD container where sysctl could not read every key.
    @Test func realContainerSysctlWithPermissionErrors() throws {
        let table = try SysctlParser.parse(try MemoryFixtures.text("real", "sysctl_-a-lxd-5-0-lines1-110.txt"))
        let (entries, notes) = (table.entries, table.notes)
        #expect(entries.count == 81)
        #expect(entries["abi.vsyscall32"] == SysctlEntry(value: "1", line: 1))
        #expect(entries["debug.exception-trace"] == SysctlEntry(value: "1", line: 2))
        // dev.cdrom.info repeats its key on every line; the first value is kept.
        #expect(entries["dev.cdrom.info"] == SysctlEntry(value: "CD-ROM information, Id: cdrom.c 3.20 2003/12/17", line: 8))
        #expect(entries["kernel.domainname"] == SysctlEntry(value: "(none)", line: 110))
        #expect(entries["fs.protected_fifos"] == nil)
        // sysctl's own word on the keys it could not read: not a read failure of ours
        #expect(notes == [])
        #expect(table.unreadableKeys == [
            ParseNote(line: 43, message: "sysctl: unable to open directory \"/proc/sys/fs/binfmt_misc/\""),
            ParseNote(line: 68, message: "sysctl: permission denied on key 'fs.protected_fifos'"),
            ParseNote(line: 69, message: "sysctl: permission denied on key 'fs.protected_hardlinks'"),
            ParseNote(line: 70, message: "sysctl: permission denied on key 'fs.protected_regular'"),
            ParseNote(line: 71, message: "sysctl: permission denied on key 'fs.protected_symlinks'"),
            ParseNote(line: 103, message: "sysctl: permission denied on key 'kernel.cad_pid'"),
        ])
    }

    @Test func emptyValuesTabsCRLFAndErrorLines() throws {
        let text = "kernel.domainname = \r\nnet.ipv4.tcp_rmem = 4096\t131072\t6291456\r\nerror: \"Operation not permitted\" reading key \"a=b\"\r\nvm.min_free_kbytes=67584"
        let table = try SysctlParser.parse(text)
        let (entries, notes) = (table.entries, table.notes)
        #expect(entries == [
            "kernel.domainname": SysctlEntry(value: "", line: 1),
            "net.ipv4.tcp_rmem": SysctlEntry(value: "4096\t131072\t6291456", line: 2),
            "vm.min_free_kbytes": SysctlEntry(value: "67584", line: 4),
        ])
        // procps 3.2's word on a key it could not read: no read failure
        #expect(notes == [])
        #expect(table.unreadableKeys == [ParseNote(line: 3, message: "error: \"Operation not permitted\" reading key \"a=b\"")])
    }

    /// procps 3.x opens its messages with `error: ` (real `sysctl -a | grep` output on tlinux).
    @Test func olderProcpsErrorPrefix() throws {
        let text = try MemoryFixtures.text("field", "sysctl-a-grep-tw-tlinux.txt")
        let table = try SysctlParser.parse(text)
        #expect(table.unreadableKeys == [ParseNote(line: 2, message: "error: permission denied on key 'kernel.cad_pid'")])
        #expect(table.notes.map(\.line) == [1])  // the provenance line
        #expect(table.entries["net.ipv4.tcp_tw_reuse"] == SysctlEntry(value: "1", line: 6))
        #expect(table.entries.count == 5)
    }

    /// A line that is neither `key = value` nor one of sysctl's messages about skipped keys is
    /// still a read failure (invented: a cut line), next to the real container lines.
    @Test func otherLinesStayReadFailures() throws {
        let text = "sysctl: permission denied on key 'fs.protected_fifos'\nvm.min_free_kbytes = 67584\nsysctl: something else\nnet.core.netdev_bu"
        let table = try SysctlParser.parse(text)
        #expect(table.unreadableKeys.map(\.line) == [1])
        #expect(table.notes.map(\.line) == [3, 4])
        #expect(throws: ParseFailure.notCollected("sysctl: permission denied on key 'kernel.cad_pid'")) {
            try SysctlParser.parse("sysctl: permission denied on key 'kernel.cad_pid'\n")
        }
    }

    @Test func realMinFreeKbytes() throws {
        let value = try SysctlParser.parseInteger(try MemoryFixtures.text("real", "min_free_kbytes-k8stest-4.txt"))
        #expect(value.value == 67584)
        #expect(value.line == 1)
    }

    @Test func integerEdgeCases() throws {
        let padded = try SysctlParser.parseInteger("\n  42 \r\n\n")
        #expect(padded.value == 42)
        #expect(padded.line == 2)
        #expect(try SysctlParser.parseInteger("-1").value == -1)
        #expect(throws: ParseFailure.notCollected("file is empty")) { try SysctlParser.parseInteger("") }
        #expect(throws: ParseFailure.malformed(line: 1, message: "integer 99999999999999999999999 does not fit in 64 bits")) {
            try SysctlParser.parseInteger("99999999999999999999999\n")
        }
        #expect(throws: ParseFailure.malformed(line: 1, message: "not a single integer: \"4\t4\t1\t7\"")) {
            try SysctlParser.parseInteger("4\t4\t1\t7\n")
        }
        #expect(throws: ParseFailure.malformed(line: 2, message: "more than one line after 1")) {
            try SysctlParser.parseInteger("1\n2\n")
        }
    }
}
