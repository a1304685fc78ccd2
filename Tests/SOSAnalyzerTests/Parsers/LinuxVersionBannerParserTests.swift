import Testing
@testable import SOSAnalyzer

@Suite struct LinuxVersionBannerParserTests {
    /// The doc-comment sample: real sos 4.2 `sos_commands/kernel/dmesg` line 1.
    @Test func realArchiveDmesg() throws {
        let banner = LinuxVersionBannerParser.firstBanner(in: try ParsersAFixtures.real("dmesg-excerpt"))
        #expect(banner == LinuxVersionBanner(release: "5.4.0-99-generic", line: 1))
    }

    @Test func syslogPrefixAndLaterLine() {
        let text = """
            Mar 18 14:39:17 host1 kernel: imklog 5.8.10, log source = /proc/kmsg started.
            Mar 18 14:39:17 host1 kernel: Initializing cgroup subsys cpuset
            Mar 18 14:39:17 host1 kernel: Linux version 2.6.32-358.el6.x86_64 (mockbuild@x86-022.build.eng.bos.redhat.com) (gcc version 4.4.7 20120313 (Red Hat 4.4.7-3) (GCC) ) #1 SMP Tue Jan 29 11:47:41 EST 2013
            """
        #expect(LinuxVersionBannerParser.firstBanner(in: text) == LinuxVersionBanner(release: "2.6.32-358.el6.x86_64", line: 3))
    }

    @Test func proseIsNotABanner() {
        #expect(LinuxVersionBannerParser.firstBanner(in: "Linux version 2.6 is old\nLinux version unknown (x)\n") == nil)
        #expect(LinuxVersionBannerParser.firstBanner(in: "") == nil)
    }
}
