import Testing
@testable import SOSAnalyzer

@Suite struct TaintTests {
    static let corpusFiles = ["tainted-01.txt", "tainted-03.txt", "tainted-05.txt", "tainted-07.txt"]

    @Test func walksEveryCorpusSample() throws {
        #expect(try ParsersAFixtures.names("tainted") == Self.corpusFiles)
    }

    @Test(arguments: corpusFiles) func corpusSample(_ file: String) throws {
        let expected = try ParsersAFixtures.expected(file)
        let (value, line) = try TaintedParser.parse(try ParsersAFixtures.corpus(file))
        #expect(value == expected.value)
        #expect(line == 1)
        let flags = TaintDecoder.decode(value, layout: .upstream)
        #expect(flags.filter { $0.bit <= 18 }.map(\.letter) == expected.flags)
        #expect(flags.filter { $0.bit >= 19 }.map(\.bit) == expected.otherBits)
    }

    /// The doc-comment sample of `TaintDecoder`.
    @Test func proprietaryOutOfTreeUnsigned() {
        #expect(TaintDecoder.decode(12289, layout: .upstream) == [
            TaintFlag(bit: 0, letter: "P", name: "PROPRIETARY_MODULE", meaning: "proprietary (non-GPL) module loaded"),
            TaintFlag(bit: 12, letter: "O", name: "OOT_MODULE", meaning: "out-of-tree module loaded"),
            TaintFlag(bit: 13, letter: "E", name: "UNSIGNED_MODULE", meaning: "unsigned module loaded on a kernel that supports signing"),
        ])
    }

    @Test func realArchiveValue() throws {
        let (value, line) = try TaintedParser.parse(try ParsersAFixtures.real("proc-sys-kernel-tainted"))
        #expect(value == 4097)
        #expect(line == 1)
        #expect(TaintDecoder.decode(value, layout: TaintDecoder.layout(forKernel: "5.4.0-99-generic")).map(\.letter) == ["P", "O"])
    }

    @Test(arguments: [
        ("2.6.18-398.el5xen", KernelTaintLayout.rhel5),
        ("2.6.32-358.el6.x86_64", .rhel6),
        ("3.10.0-1160.el7.x86_64", .rhel7),
        ("4.18.0-80.11.2.el8_0.x86_64", .rhel8),
        ("5.14.0-284.el9.x86_64", .rhel8),
        ("2.6.9-55.ELsmp", .upstream),
        ("5.4.0-99-generic", .upstream),
    ])
    func layoutFromRelease(_ release: String, _ layout: KernelTaintLayout) {
        #expect(TaintDecoder.layout(forKernel: release) == layout)
    }

    @Test func nilReleaseIsUpstream() {
        #expect(TaintDecoder.layout(forKernel: nil) == .upstream)
    }

    @Test func redHatBitsDifferByLayout() {
        let hardwareAndTechPreview: UInt64 = (1 << 28) | (1 << 29)
        #expect(TaintDecoder.decode(hardwareAndTechPreview, layout: .rhel7).map(\.letter) == ["H", "T"])
        #expect(TaintDecoder.decode(hardwareAndTechPreview, layout: .rhel6).map(\.letter) == ["H", "T"])
        #expect(TaintDecoder.decode(hardwareAndTechPreview, layout: .rhel8).map(\.letter) == ["?", "t"])
        #expect(TaintDecoder.decode(1 << 27, layout: .rhel8).map(\.name) == ["SUPPORT_REMOVED"])
        #expect(TaintDecoder.decode(1 << 30, layout: .rhel8).map(\.letter) == ["u"])
        // RHEL 6 has no O/E: bit 12 is not defined there.
        #expect(TaintDecoder.decode(1 << 12, layout: .rhel6) == [
            TaintFlag(bit: 12, letter: "?", name: "bit 12", meaning: "not defined for this kernel"),
        ])
        // RHEL 5 bit 6 is module signing, not upstream USER.
        #expect(TaintDecoder.decode(64, layout: .rhel5).map(\.name) == ["UNSIGNED_MODULE"])
        #expect(TaintDecoder.decode(64, layout: .upstream).map(\.name) == ["USER"])
        #expect(TaintDecoder.decode(0, layout: .upstream).isEmpty)
        #expect(TaintDecoder.decode(1 << 19, layout: .upstream).map(\.letter) == ["J"])
        #expect(TaintDecoder.decode(UInt64(1) << 63, layout: .upstream).map(\.name) == ["bit 63"])
    }

    @Test func sysctlLineAndCRLF() throws {
        let (value, line) = try TaintedParser.parse("\r\nkernel.tainted = 4096\r\n")
        #expect(value == 4096)
        #expect(line == 2)
    }

    @Test func pastedPromptIsNotTheValue() throws {
        let (value, line) = try TaintedParser.parse("[root@host1 ~]# cat /proc/sys/kernel/tainted\n536870912\n")
        #expect(value == 536_870_912)
        #expect(line == 2)
        #expect(TaintDecoder.decode(value, layout: .rhel7).map(\.name) == ["TECH_PREVIEW"])
    }

    @Test func notCollectedAndMalformed() {
        #expect(throws: ParseFailure.notCollected("tainted is empty")) { try TaintedParser.parse("") }
        #expect(throws: ParseFailure.malformed(line: 1, message: "no taint value")) { try TaintedParser.parse("abc\n") }
        #expect(throws: ParseFailure.malformed(line: 1, message: "taint value 99999999999999999999999 does not fit 64 bits")) {
            try TaintedParser.parse("99999999999999999999999\n")
        }
    }

    @Test func sysModuleTaintLetters() throws {
        #expect(try SysModuleTaintParser.parse(try ParsersAFixtures.real("sys-module-zfs-taint")) == ["P", "O"])
        #expect(try SysModuleTaintParser.parse(try ParsersAFixtures.real("sys-module-kvm-taint")) == [])
        #expect(try SysModuleTaintParser.parse("OE\r\n") == ["O", "E"])
        #expect(try SysModuleTaintParser.parse("") == [])
        #expect(throws: ParseFailure.malformed(line: 1, message: "not taint letters: cat: taint: Permission denied")) {
            try SysModuleTaintParser.parse("cat: taint: Permission denied\n")
        }
    }
}
