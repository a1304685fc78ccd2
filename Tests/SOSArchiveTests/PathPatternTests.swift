import Testing
@testable import SOSArchive

@Suite struct PathPatternTests {
    @Test func literalMatchesOnlyItself() {
        let pattern = PathPattern("proc/meminfo")
        #expect(pattern.isLiteral)
        #expect(pattern.matches("proc/meminfo"))
        #expect(!pattern.matches("proc/meminfo2"))
    }

    @Test func starStaysInsideOneComponent() {
        let pattern = PathPattern("sos_commands/networking/ethtool_-i_*")
        #expect(pattern.matches("sos_commands/networking/ethtool_-i_eth0"))
        #expect(pattern.matches("sos_commands/networking/ethtool_-i_"))
        #expect(!pattern.matches("sos_commands/networking/namespaces/ns1/ethtool_-i_eth0"))
        #expect(!pattern.matches("sos_commands/networking/ethtool_eth0"))
    }

    @Test func starsInTheMiddleAndQuestionMarks() {
        #expect(PathPattern("sys/module/*/taint").matches("sys/module/mlx4_en/taint"))
        #expect(!PathPattern("sys/module/*/taint").matches("sys/module/a/b/taint"))
        #expect(PathPattern("sos_commands/rpm/*rpm*-qa*").matches(
            "sos_commands/rpm/sh_-c_rpm_--nodigest_-qa_--qf_-59_NVRA_INSTALLTIME_date_sort_-V"))
        #expect(PathPattern("var/log/messages-????????").matches("var/log/messages-20130211"))
        #expect(!PathPattern("var/log/messages-????????").matches("var/log/messages-2013021"))
    }
}
