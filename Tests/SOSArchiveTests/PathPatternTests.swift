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

@Suite("Path pattern set")
struct PathPatternSetTests {
    @Test("the doc comment's sample, and the same answers as the patterns one by one")
    func sameAsEach() {
        let set = PathPatternSet(["proc/meminfo", "sys/module/*/taint"].map(PathPattern.init))
        #expect(set.matches("sys/module/mlx4_en/taint"))
        #expect(!set.matches("proc/cpuinfo"))

        let patterns = ["proc/meminfo", "var/log/messages", "var/log/messages-*", "sos_commands/*/modinfo_*",
                        "sys/module/*/taint", "installed-rpms", "sos_commands/rpm/*rpm*-qa*"].map(PathPattern.init)
        let each = PathPatternSet(patterns)
        for path in ["proc/meminfo", "proc/meminfo2", "var/log/messages", "var/log/messages-20231112",
                     "var/log/messages/x", "sos_commands/kernel/modinfo_mlx4_en", "sos_commands/a/b/modinfo_x",
                     "sys/module/e1000e/taint", "sys/module/e1000e/x/taint", "installed-rpms",
                     "sos_commands/rpm/sh_-c_rpm_-qa", "", "proc/memi\u{301}nfo"] {
            #expect(each.matches(path) == patterns.contains { $0.matches(path) }, "\(path)")
        }
    }
}
