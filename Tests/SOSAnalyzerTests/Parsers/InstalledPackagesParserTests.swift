import Testing
@testable import SOSAnalyzer

@Suite struct InstalledPackagesParserTests {
    static func listed(_ list: PackageList) -> (packages: [InstalledPackage], notes: [ParseNote]) {
        (list.packages, list.notes)
    }

    /// The doc comment's sample: sos 2.2 (`%-59s date`), 3.0 and 3.2 (extra TAB columns) lines
    /// and a bare NVRA, from insights-core's installed-rpms test data.
    @Test func installedRpmsOfOldSosGenerations() throws {
        let (packages, notes) = try Self.listed(InstalledPackagesParser.parseRPMList(
            try MemoryFixtures.text("real", "installed-rpms-insights-RPMS_LINE.txt")))
        #expect(notes == [ParseNote(line: 1, message: "not a name-version-release: \"COMMAND>\"")])
        #expect(packages == [
            InstalledPackage(name: "BESAgent", version: "9.2.5.130", release: "rhe5", arch: "x86_64",
                             installTime: "Wed Jan 27 09:18:52 2016", line: 2),
            InstalledPackage(name: "ConsoleKit", version: "0.4.1", release: "3.el6", arch: "x86_64",
                             installTime: "Wed Sep 17 11:34:25 2014", line: 3),
            InstalledPackage(name: "kernel", version: "2.6.32", release: "573.el6", arch: "x86_64",
                             installTime: "Wed May 18 14:17:17 2016", line: 4),
            InstalledPackage(name: "zisofs-tools", version: "1.0.6", release: "3.2.2", arch: "x86_64",
                             installTime: "Wed May 18 14:15:26 2016", line: 5),
            InstalledPackage(name: "tftp-server", version: "5.2", release: "12.el7", arch: "x86_64",
                             installTime: nil, line: 6),
            InstalledPackage(name: "yum", version: "3.2.29", release: "69.el6", arch: "noarch",
                             installTime: "Wed May 18 14:16:21 2016", line: 7),
        ])
        #expect(packages[2].nvra == "kernel-2.6.32-573.el6.x86_64")
    }

    @Test func namesLongerThanThePaddingAndGpgKeys() throws {
        let (packages, notes) = try Self.listed(InstalledPackagesParser.parseRPMList(
            try MemoryFixtures.text("real", "installed-rpms-insights-RPM_MANIFEST.txt")))
        #expect(notes.isEmpty)
        #expect(packages == [
            InstalledPackage(name: "gpg-pubkey", version: "0608b895", release: "4bd22942", arch: nil,
                             installTime: "Sat Aug 29 19:29:30 2015", line: 1),
            InstalledPackage(name: "capacity-osms", version: "0.0.1", release: "1", arch: "noarch",
                             installTime: "Sat Aug 29 19:17:55 2015", line: 2),
            InstalledPackage(name: "HPOvGlanc", version: "11.14.014", release: "1", arch: "x86_64",
                             installTime: "Sat Aug 29 19:17:01 2015", line: 3),
            InstalledPackage(name: "vmware-tools", version: "8.3.19", release: "1310361.el6", arch: "x86_64",
                             installTime: "Sat Aug 29 19:10:11 2015", line: 4),
            InstalledPackage(name: "vmware-open-vm-tools-xorg-utilities", version: "8.3.19", release: "1310361.el6",
                             arch: "x86_64", installTime: "Sat Aug 29 19:10:11 2015", line: 5),
            InstalledPackage(name: "vmware-open-vm-tools-xorg-drv-display", version: "11.0.1.0", release: "0.1310361.el6",
                             arch: "x86_64", installTime: "Sat Aug 29 19:10:10 2015", line: 6),
        ])
        #expect(packages[0].nvra == "gpg-pubkey-0608b895-4bd22942")
    }

    @Test func rpmdbErrorsDashedNamesAndListsWithoutArch() throws {
        let (packages, notes) = try Self.listed(InstalledPackagesParser.parseRPMList(
            try MemoryFixtures.text("real", "rpm-qa-insights-mixed.txt")))
        #expect(notes == [ParseNote(line: 1, message: "error: rpmdbNextIterator: skipping h#     753 Header V3 DSA signature: BAD, key ID db42a6")])
        #expect(packages == [
            InstalledPackage(name: "yum-security", version: "1.1.16", release: "21.el5", arch: "noarch", line: 2),
            InstalledPackage(name: "oracleasm-2.6.18-164.el5", version: "2.0.5", release: "1.el5", arch: "x86_64", line: 3),
            InstalledPackage(name: "oracleasmlib", version: "2.0.4", release: "1.el5", arch: "x86_64", line: 4),
            InstalledPackage(name: "glibc", version: "2.5", release: "81", arch: nil, line: 5),
            InstalledPackage(name: "xz", version: "5.1.2", release: "12alpha.el7", arch: nil, line: 6),
        ])
    }

    /// Built from the sos 3.3+ rpm plugin query format for `package-data`
    /// (`NVRA\tdate\tepoch\tvendor\tbuildhost\tsigpgp\tpgpsig`); no real sample was available.
    @Test func packageDataTabSeparated() throws {
        let text = "kernel-3.10.0-1160.el7.x86_64\tMon 23 Nov 2020 10:00:00 AM EST\t1606143600\tRed Hat, Inc.\tx86-vm-26.build.eng.bos.redhat.com\tRSA/SHA256, Fri 18 Sep 2020 04:14:42 PM EDT, Key ID 199e2f91fd431d51\tRSA/SHA256, Fri 18 Sep 2020 04:14:42 PM EDT, Key ID 199e2f91fd431d51\r\n"
        let (packages, notes) = try Self.listed(InstalledPackagesParser.parseRPMList(text))
        #expect(notes.isEmpty)
        #expect(packages == [InstalledPackage(name: "kernel", version: "3.10.0", release: "1160.el7", arch: "x86_64",
                                              installTime: "Mon 23 Nov 2020 10:00:00 AM EST", line: 1)])
    }

    @Test func garbageAndCommandNotFound() {
        // nothing but notes: not collected, and the first note says why
        #expect(throws: ParseFailure.notCollected("not a name-version-release: \"openssh-server#$%^5.3p1$%^104.el6.x86_64\"")) {
            try InstalledPackagesParser.parseRPMList("openssh-server#$%^5.3p1$%^104.el6.x86_64\nsh: rpm: command not found\n\n")
        }
        #expect(throws: ParseFailure.notCollected("no installed package listed")) { try InstalledPackagesParser.parseRPMList("") }
    }

    /// The doc comment's dpkg sample: the real sos 4.2 installed-debs, with a held package.
    @Test func realInstalledDebs() throws {
        let (packages, notes) = try Self.listed(InstalledPackagesParser.parseDpkgList(
            try MemoryFixtures.text("real", "installed-debs-k8stest-4-lines1-50.txt")))
        #expect(notes.isEmpty)
        #expect(packages.count == 45)
        #expect(packages.first == InstalledPackage(name: "accountsservice", version: "0.6.55-0ubuntu12~20.04.5",
                                                   arch: "amd64", line: 6))
        #expect(packages.first { $0.name == "containerd" } == InstalledPackage(
            name: "containerd", version: "1.5.5-0ubuntu3~20.04.1", arch: "amd64", line: 46))
        #expect(packages.last == InstalledPackage(name: "cpp-9", version: "9.3.0-17ubuntu1~20.04", arch: "amd64", line: 50))
        #expect(packages.allSatisfy { $0.release == nil && $0.installTime == nil })
    }

    @Test func dpkgStatesMultiarchAndOldLayout() throws {
        let modern = """
        Desired=Unknown/Install/Remove/Purge/Hold
        ||/ Name           Version      Architecture Description
        +++-==============-============-============-=================
        ii  libc6:amd64    2.31-0ubuntu9.7 amd64     GNU C Library
        rc  oldpkg         1.0-1        amd64        removed, config kept
        un  never          <none>       <none>       (no description available)
        iU  halfway        2.0-1        all          unpacked only
        ri  leaving        3.0          all          marked for removal
        """
        let (packages, notes) = try Self.listed(InstalledPackagesParser.parseDpkgList(modern))
        #expect(notes.isEmpty)
        #expect(packages == [
            InstalledPackage(name: "libc6", version: "2.31-0ubuntu9.7", arch: "amd64", line: 4),
            InstalledPackage(name: "leaving", version: "3.0", arch: "all", line: 8),
        ])
        let old = "||/ Name        Version        Description\n+++-===========-==============-===========\nii  bash        4.1-3          The GNU Bourne Again SHell\n"
        #expect(try InstalledPackagesParser.parseDpkgList(old).packages == [
            InstalledPackage(name: "bash", version: "4.1-3", arch: nil, line: 3),
        ])
        #expect(throws: ParseFailure.notCollected("sh: dpkg: command not found")) {
            try InstalledPackagesParser.parseDpkgList("sh: dpkg: command not found\n")
        }
    }

    @Test func invalidUTF8NameIsANoteNotAPackage() throws {
        let bytes = Array("bash-4.2.46-34.el7.x86_64\nopenobex".utf8) + [0xC6] + Array("-1.4-7.el6.x86_64\n".utf8)
        let (packages, notes) = try Self.listed(InstalledPackagesParser.parseRPMList(String(decoding: bytes, as: UTF8.self)))
        #expect(packages == [InstalledPackage(name: "bash", version: "4.2.46", release: "34.el7", arch: "x86_64", line: 1)])
        #expect(notes.map(\.line) == [2])
    }
}
