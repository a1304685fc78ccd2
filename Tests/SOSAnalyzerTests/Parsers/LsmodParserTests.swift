import Testing
@testable import SOSAnalyzer

@Suite struct LsmodParserTests {
    static let corpusFiles = ["lsmod-01.txt", "lsmod-03.txt", "lsmod-05.txt"]

    @Test func walksEveryCorpusSample() throws {
        #expect(try ParsersAFixtures.names("lsmod") == Self.corpusFiles)
    }

    @Test(arguments: corpusFiles) func corpusSample(_ file: String) throws {
        let expected = try ParsersAFixtures.expected(file)
        let text = try ParsersAFixtures.corpus(file)
        let entries = try LsmodParser.parse(text)
        #expect(entries.count == expected.count)
        #expect(entries.map(\.name) == expected.names)
        for (module, holders) in try #require(expected.usedBySample) {
            #expect(entries.first { $0.name == module }?.usedBy == holders)
        }
        // The header is line 1, so modules start on line 2, one per line.
        #expect(entries.map(\.line) == Array(2..<(2 + entries.count)))
        #expect(entries.allSatisfy { $0.taintFlags.isEmpty })
        #expect(LsmodParser.table(text).notes.isEmpty)
    }

    /// The doc-comment sample.
    @Test func docSample() throws {
        let entries = try LsmodParser.parse(try ParsersAFixtures.corpus("lsmod-03.txt"))
        #expect(Array(entries.prefix(2)) == [
            LsmodEntry(name: "rdma_ucm", size: 32768, useCount: 0, usedBy: [], taintFlags: [], line: 2),
            LsmodEntry(name: "rdma_cm", size: 106496, useCount: 1, usedBy: ["rdma_ucm"], taintFlags: [], line: 3),
        ])
    }

    @Test func countCanExceedNamedHolders() throws {
        let entries = try LsmodParser.parse(try ParsersAFixtures.corpus("lsmod-05.txt"))
        let pcm = try #require(entries.first { $0.name == "snd_pcm" })
        #expect(pcm == LsmodEntry(name: "snd_pcm", size: 89104, useCount: 3, usedBy: ["snd_hda_intel", "snd_hda_codec"], taintFlags: [], line: 26))
    }

    @Test func realArchiveProcModules() throws {
        let entries = try LsmodParser.parse(try ParsersAFixtures.real("proc-modules"))
        #expect(entries.count == 99)
        #expect(entries.first == LsmodEntry(name: "xt_statistic", size: 16384, useCount: 1, usedBy: [], taintFlags: [], line: 1))
        #expect(entries.first { $0.name == "zcommon" } == LsmodEntry(
            name: "zcommon", size: 90112, useCount: 2, usedBy: ["zfs", "icp"], taintFlags: ["P", "O"], line: 30))
        #expect(entries.filter { !$0.taintFlags.isEmpty }.map(\.name) == ["zfs", "zunicode", "zlua", "zavl", "icp", "zcommon", "znvpair", "spl"])
    }

    @Test func realArchiveLsmodAgreesWithProcModules() throws {
        let lsmod = try LsmodParser.parse(try ParsersAFixtures.real("lsmod"))
        let procModules = try LsmodParser.parse(try ParsersAFixtures.real("proc-modules"))
        #expect(lsmod.map(\.name) == procModules.map(\.name))
        #expect(lsmod.map(\.size) == procModules.map(\.size))
    }

    @Test func truncatedLastLineIsANote() throws {
        let text = "Module                  Size  Used by\r\nxfs                  1400832  2\r\nlibcrc32c"
        #expect(try LsmodParser.parse(text).map(\.name) == ["xfs"])
        #expect(LsmodParser.table(text).notes == [ParseNote(line: 3, message: "not a module line: libcrc32c")])
    }

    @Test func linesBeforeTheHeaderAreNotModules() throws {
        let text = "[root@h ~]# lsmod | head -2\nsomething 1 2\nModule                  Size  Used by\nxfs                  1400832  2\n"
        #expect(try LsmodParser.parse(text) == [LsmodEntry(name: "xfs", size: 1_400_832, useCount: 2, usedBy: [], taintFlags: [], line: 4)])
        #expect(LsmodParser.table(text).notes.map(\.line) == [1, 2])
    }

    @Test func permanentAndDashHolders() throws {
        let entries = try LsmodParser.parse("ip_tables 32768 0 [permanent]\nfoo 16384 - -\n")
        #expect(entries.map(\.usedBy) == [[], []])
        #expect(entries.map(\.useCount) == [0, 0])
    }

    @Test func notCollectedAndMalformed() {
        #expect(throws: ParseFailure.notCollected("lsmod output is empty")) { try LsmodParser.parse("\n") }
        #expect(throws: ParseFailure.notCollected("sh: lsmod: command not found")) { try LsmodParser.parse("sh: lsmod: command not found\n") }
        #expect(throws: ParseFailure.malformed(line: 1, message: "not a module line: \u{FFFD}\u{FFFD}\u{FFFD}")) {
            try LsmodParser.parse("\u{FFFD}\u{FFFD}\u{FFFD}\n")
        }
    }
}
