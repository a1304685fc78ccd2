import Testing
@testable import SOSAnalyzer

@Suite struct UnameParserTests {
    static let corpusFiles = [
        "uname-01.txt", "uname-03.txt", "uname-05.txt", "uname-07.txt", "uname-09.txt", "uname-11.txt",
        "uname-13.txt", "uname-15.txt",
    ]

    @Test func walksEveryCorpusSample() throws {
        #expect(try ParsersAFixtures.names("uname") == Self.corpusFiles)
    }

    @Test(arguments: corpusFiles) func corpusSample(_ file: String) throws {
        let expected = try ParsersAFixtures.expected(file)
        let uname = try UnameParser.parse(try ParsersAFixtures.corpus(file))
        #expect(uname.kernelName == "Linux")
        #expect(uname.hostname == expected.hostname)
        #expect(uname.release == expected.kernelRelease)
        #expect(uname.machine == expected.arch)
        #expect(uname.line == 1)
        #expect(RHELKernelReleases.distroRelease(forKernel: uname.release) == expected.distroRelease)
    }

    /// The doc-comment sample.
    @Test func docSampleVersionField() throws {
        let uname = try UnameParser.parse(try ParsersAFixtures.corpus("uname-01.txt"))
        #expect(uname == Uname(
            kernelName: "Linux", hostname: "foo.example.com", release: "2.6.32-504.el6.x86_64",
            version: "#1 SMP Tue Sep 16 01:56:35 EDT 2014", machine: "x86_64", line: 1))
    }

    @Test func processorFieldWithSpacesDoesNotShiftMachine() throws {
        let uname = try UnameParser.parse(try ParsersAFixtures.corpus("uname-11.txt"))
        #expect(uname.version == "#2 SMP Fri Jan 22 10:57:46 UTC 2016")
        #expect(uname.machine == "x86_64")
    }

    @Test func realTimeKernelVersionField() throws {
        let uname = try UnameParser.parse(try ParsersAFixtures.corpus("uname-07.txt"))
        #expect(uname.version == "#1 SMP PREEMPT RT Thu Sep 26 16:48:43 UTC 2019")
    }

    @Test func realArchiveUbuntu() throws {
        let uname = try UnameParser.parse(try ParsersAFixtures.real("uname_-a"))
        #expect(uname == Uname(
            kernelName: "Linux", hostname: "juju-110cc2-k8stest-4", release: "5.4.0-99-generic",
            version: "#112-Ubuntu SMP Thu Feb 3 13:50:55 UTC 2022", machine: "x86_64", line: 1))
    }

    @Test func crlfAndLeadingBlankLine() throws {
        let uname = try UnameParser.parse("\r\nLinux h 3.10.0-1160.el7.x86_64 #1 SMP Mon Oct 19 16:18:59 UTC 2020 x86_64 x86_64 x86_64 GNU/Linux\r\n")
        #expect(uname.line == 2)
        #expect(uname.machine == "x86_64")
        #expect(RHELKernelReleases.distroRelease(forKernel: uname.release) == "7.9")
    }

    @Test func emptyAndMissingCommandAreNotCollected() {
        #expect(throws: ParseFailure.notCollected("uname output is empty")) { try UnameParser.parse("") }
        #expect(throws: ParseFailure.notCollected("sh: uname: command not found")) {
            try UnameParser.parse("sh: uname: command not found\n")
        }
    }

    @Test func garbageIsMalformedAtItsLine() {
        #expect(throws: ParseFailure.malformed(line: 2, message: "no 'kernel-name hostname release ...' line")) {
            try UnameParser.parse("\n\u{FFFD}\u{FFFD} garbage\n")
        }
    }
}
