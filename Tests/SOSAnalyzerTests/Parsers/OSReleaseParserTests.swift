import Testing
@testable import SOSAnalyzer

@Suite struct OSReleaseParserTests {
    static let corpusFiles = [
        "release-01.txt", "release-03.txt", "release-05.txt", "release-07.txt", "release-09.txt",
        "release-11.txt", "release-13.txt", "release-15.txt", "release-17.txt",
    ]

    @Test func walksEveryCorpusSample() throws {
        #expect(try ParsersAFixtures.names("release") == Self.corpusFiles)
    }

    @Test(arguments: corpusFiles) func corpusSample(_ file: String) throws {
        let expected = try ParsersAFixtures.expected(file)
        let release = try OSReleaseParser.parseRedHatRelease(try ParsersAFixtures.corpus(file))
        #expect(release.id == expected.osId)
        #expect(release.version == expected.version)
        #expect(release.name == expected.name)
        #expect(release.beta == expected.beta)
        #expect(release.line == 1)
    }

    /// The doc-comment sample.
    @Test func rhel4NahantUpdate() throws {
        let release = try OSReleaseParser.parseRedHatRelease(try ParsersAFixtures.corpus("release-15.txt"))
        #expect(release == OSRelease(
            id: "rhel", version: "4.5", name: "Red Hat Enterprise Linux AS release 4 (Nahant Update 5)",
            beta: false, line: 1))
    }

    @Test(arguments: [
        ("CentOS release 5.4 (Final)", "centos", "5.4"),
        ("CentOS Linux release 7.9.2009 (Core)", "centos", "7.9"),
        ("Red Hat Enterprise Virtualization Hypervisor release 6.5 (20140213.0.el6ev)", "other", "6.5"),
        ("Oracle Linux Server release 7.9", "oracle", "7.9"),
        ("Enterprise Linux Enterprise Linux Server release 5.8 (Carthage)", "oracle", "5.8"),
        ("Rocky Linux release 8.6 (Green Obsidian)", "rocky", "8.6"),
        ("Scientific Linux release 6.4 (Carbon)", "scientific", "6.4"),
        ("Red Hat Enterprise Linux ES release 3 (Taroon Update 9)", "rhel", "3.9"),
    ])
    func otherRedHatFamilyLines(_ line: String, _ id: String, _ version: String) throws {
        let release = try OSReleaseParser.parseRedHatRelease(line + "\n")
        #expect(release.id == id)
        #expect(release.version == version)
        #expect(release.name == line)
        #expect(release.beta == false)
    }

    @Test func realArchiveOSRelease() throws {
        let release = try OSReleaseParser.parseOSRelease(try ParsersAFixtures.real("os-release"))
        #expect(release == OSRelease(id: "ubuntu", version: "20.04", name: "Ubuntu 20.04.3 LTS", beta: false, line: 5))
    }

    @Test func rhelOSReleaseWithoutPrettyName() throws {
        let text = "NAME=\"Red Hat Enterprise Linux\"\nVERSION=\"8.6 (Ootpa)\"\nID=\"rhel\"\nVERSION_ID='8.6'\n"
        let release = try OSReleaseParser.parseOSRelease(text)
        #expect(release == OSRelease(id: "rhel", version: "8.6", name: "Red Hat Enterprise Linux 8.6 (Ootpa)", beta: false, line: 1))
    }

    @Test func realArchiveLSBReleaseFile() throws {
        let release = try OSReleaseParser.parseLSBRelease(try ParsersAFixtures.real("lsb-release"))
        #expect(release == OSRelease(id: "ubuntu", version: "20.04", name: "Ubuntu 20.04.3 LTS", beta: false, line: 4))
    }

    @Test func realArchiveLSBReleaseCommand() throws {
        let release = try OSReleaseParser.parseLSBRelease(try ParsersAFixtures.real("lsb_release_-a"))
        #expect(release == OSRelease(id: "ubuntu", version: "20.04", name: "Ubuntu 20.04.3 LTS", beta: false, line: 3))
    }

    @Test func rhel6LSBReleaseCommand() throws {
        let text = """
            LSB Version:\t:base-4.0-amd64:base-4.0-noarch:core-4.0-amd64
            Distributor ID:\tRedHatEnterpriseServer
            Description:\tRed Hat Enterprise Linux Server release 6.4 (Santiago)
            Release:\t6.4
            Codename:\tSantiago
            """
        let release = try OSReleaseParser.parseLSBRelease(text)
        #expect(release == OSRelease(
            id: "rhel", version: "6.4", name: "Red Hat Enterprise Linux Server release 6.4 (Santiago)", beta: false, line: 3))
    }

    @Test func redHatReleaseReaderRecognisesOtherShapes() throws {
        #expect(try OSReleaseParser.parseRedHatRelease(try ParsersAFixtures.real("os-release"))
            == OSRelease(id: "ubuntu", version: "20.04", name: "Ubuntu 20.04.3 LTS", beta: false, line: 5))
        #expect(try OSReleaseParser.parseRedHatRelease(try ParsersAFixtures.real("lsb-release"))
            == OSRelease(id: "ubuntu", version: "20.04", name: "Ubuntu 20.04.3 LTS", beta: false, line: 4))
    }

    @Test func suseRelease() throws {
        let text = "SUSE Linux Enterprise Server 11 (x86_64)\nVERSION = 11\nPATCHLEVEL = 3\n"
        #expect(try OSReleaseParser.parseRedHatRelease(text)
            == OSRelease(id: "sles", version: "11.3", name: "SUSE Linux Enterprise Server 11 (x86_64)", beta: false, line: 1))
    }

    @Test func notCollectedAndMalformed() {
        #expect(throws: ParseFailure.notCollected("release file is empty")) { try OSReleaseParser.parseRedHatRelease(" \n") }
        #expect(throws: ParseFailure.notCollected("os-release is empty")) { try OSReleaseParser.parseOSRelease("") }
        #expect(throws: ParseFailure.notCollected("sh: lsb_release: command not found")) {
            try OSReleaseParser.parseLSBRelease("sh: lsb_release: command not found\r\n")
        }
        #expect(throws: ParseFailure.malformed(line: 1, message: "no KEY=value lines")) {
            try OSReleaseParser.parseOSRelease("just words\n")
        }
    }
}
