import Testing
@testable import SOSAnalyzer

@Suite struct ModuleTaintMessageParserTests {
    static let corpusFiles = ["taintmsg-01.txt", "taintmsg-03.txt", "taintmsg-05.txt", "taintmsg-07.txt", "taintmsg-09.txt"]

    @Test func walksEveryCorpusSample() throws {
        #expect(try ParsersAFixtures.names("taintmsg") == Self.corpusFiles)
    }

    @Test(arguments: corpusFiles) func corpusSample(_ file: String) throws {
        let expected = try ParsersAFixtures.expected(file)
        let found = ModuleTaintMessageParser.messages(in: try ParsersAFixtures.corpus(file))
        let first = try #require(found.first)
        #expect(first.module == expected.module)
        #expect(first.reason == expected.reason)
        #expect(first.message == expected.message)
        let all = try #require(expected.messages)
        #expect(found.count == all.count)
        for (message, wanted) in zip(found, all) {
            #expect(message.module == wanted.module)
            #expect(message.reason == wanted.reason)
            #expect(message.taintFlag == wanted.taintFlag)
            #expect(message.message == wanted.message)
        }
    }

    /// The doc-comment sample, with line numbers.
    @Test func docSample() throws {
        let found = ModuleTaintMessageParser.messages(in: try ParsersAFixtures.corpus("taintmsg-01.txt"))
        #expect(found == [
            ModuleTaintMessage(module: "taint_module", reason: "out-of-tree", taintFlag: "O",
                               message: "taint_module: loading out-of-tree module taints kernel.", line: 1),
            ModuleTaintMessage(module: "taint_module", reason: "license", taintFlag: "P",
                               message: "taint_module: module license 'Proprietary' taints kernel.", line: 2),
            ModuleTaintMessage(module: "taint_module", reason: "unsigned", taintFlag: "E",
                               message: "taint_module: module verification failed: signature and/or required key missing - tainting kernel",
                               line: 4),
        ])
    }

    @Test func indentedLinesKeepTheirNumbers() throws {
        let found = ModuleTaintMessageParser.messages(in: try ParsersAFixtures.corpus("taintmsg-03.txt"))
        #expect(found.map(\.line) == [2])
    }

    @Test func realArchiveDmesg() throws {
        let found = ModuleTaintMessageParser.messages(in: try ParsersAFixtures.real("dmesg-excerpt"))
        #expect(found == [
            ModuleTaintMessage(module: "spl", reason: "out-of-tree", taintFlag: "O",
                               message: "spl: loading out-of-tree module taints kernel.", line: 2),
            ModuleTaintMessage(module: "znvpair", reason: "license", taintFlag: "P",
                               message: "znvpair: module license 'CDDL' taints kernel.", line: 3),
        ])
    }

    @Test(arguments: [
        "Mar 18 14:39:17 host1 kernel: nvidia: module license 'NVIDIA' taints kernel.",
        "Mar 18 14:39:17 host1 kernel: [  14.5] nvidia: module license 'NVIDIA' taints kernel.",
        "2024-03-18T14:39:17.123456+00:00 host1 kernel: nvidia: module license 'NVIDIA' taints kernel.",
        "[Mon Apr 20 15:08:07 2020] nvidia: module license 'NVIDIA' taints kernel.",
        "<4>[   14.521453] nvidia: module license 'NVIDIA' taints kernel.  ",
        "kernel: nvidia: module license 'NVIDIA' taints kernel.",
    ])
    func logPrefixesAreRemoved(_ line: String) {
        let message = ModuleTaintMessageParser.message(inLine: Substring(line), number: 7)
        #expect(message == ModuleTaintMessage(
            module: "nvidia", reason: "license", taintFlag: "P",
            message: "nvidia: module license 'NVIDIA' taints kernel.", line: 7))
    }

    @Test func doubleSpaceIsKeptAndStagingIsRecognised() {
        let text = """
            [    5.1] r8188eu: module is from the staging directory, the quality is unknown, you have been warned.
            [    6.2] vboxdrv: module verification failed: signature and/or  required key missing - tainting kernel
            """
        let found = ModuleTaintMessageParser.messages(in: text)
        #expect(found.map(\.reason) == ["staging", "unsigned"])
        #expect(found.map(\.taintFlag) == ["C", "E"])
        #expect(found.last?.message == "vboxdrv: module verification failed: signature and/or  required key missing - tainting kernel")
    }

    @Test func linesThatAreNotModuleTaintMessages() {
        for line in [
            "[  592.445292] Disabling lock debugging due to kernel taint",
            "Pid: 0, comm: swapper Tainted: P           O 3.3.0-gentoo-r1 #1",
            "kernel: loading out-of-tree module taints kernel.",
            "",
        ] {
            #expect(ModuleTaintMessageParser.message(inLine: Substring(line), number: 1) == nil)
        }
    }
}
