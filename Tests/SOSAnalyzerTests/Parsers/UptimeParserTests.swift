import Testing
@testable import SOSAnalyzer

/// `uptime` of the real sos 4.2 reports in ../shared/real-sosreports (the doc comment's samples).
@Suite struct UptimeParserTests {
    @Test func docSamples() throws {
        #expect(try UptimeParser.parse(" 09:51:36 up 11:18,  1 user,  load average: 6.42, 4.37, 3.94")
                == Uptime(seconds: 11 * 3_600 + 18 * 60, line: 1))
        #expect(try UptimeParser.parse(" 19:23:40 up 25 min,  1 user,  load average: 0.83, 0.73, 0.76")
                == Uptime(seconds: 25 * 60, line: 1))
    }

    /// The doc comment's proc/uptime sample: seconds up, then idle seconds; whole seconds kept.
    @Test func procUptime() throws {
        let text = try MemoryFixtures.text("field", "proc-uptime-i5_info.txt").split(separator: "\n").dropFirst().joined(separator: "\n")
        #expect(try UptimeParser.parse(text) == Uptime(seconds: 2_908, line: 1))
        #expect(try UptimeParser.parse(try DocSample.of("Parsers/Uptime.swift", "public enum UptimeParser", block: 1)) == Uptime(seconds: 2_908, line: 1))
    }

    /// A report with only proc/uptime gets its uptime from there; with the uptime command's
    /// output too, the command's (sos's own) is preferred, as for the other facts.
    @Test func reportTakesProcUptimeWhenNoCommandOutput() throws {
        let folder = try FolderReport("uptime-proc")
        defer { folder.remove() }
        try folder.write("proc/uptime", "2908.88 1498.80\n")
        let proc = try #require(folder.read())
        #expect(proc.uptimeSeconds == 2_908)
        #expect(proc.evidence["uptime"] == Evidence(member: "proc/uptime", line: 1))
        try folder.write("sos_commands/host/uptime", " 19:23:40 up 25 min,  1 user,  load average: 0.83, 0.73, 0.76\n")
        #expect(folder.read()?.uptimeSeconds == 1_500)
    }

    @Test func emptyIsNotCollected() {
        #expect(throws: ParseFailure.notCollected("empty uptime output")) { try UptimeParser.parse("\n") }
    }

    /// The case of BootClock's doc comment: `date` and `uptime` of sosreport-juju-110cc2-k8stest-4,
    /// and the `[ 1530.811848]` stamp of its io-error (kern.log says `Feb 11 19:23:37`).
    @Test func bootClockOnTheRealReport() throws {
        let boot = try #require(BootClock.bootTime(collectedAt: "Fri Feb 11 19:23:39 UTC 2022", uptimeSeconds: 25 * 60))
        #expect(boot == "2022-02-11T18:58:39")
        #expect(BootClock.iso8601(afterBoot: "1530.811848s after boot", bootedAt: boot) == "2022-02-11T19:24:09")
        #expect(BootClock.iso8601(afterBoot: "Feb 11 19:23:37", bootedAt: boot) == nil)
        // across a month and a leap day
        #expect(BootClock.bootTime(collectedAt: "Fri Mar  1 00:10:00 UTC 2024", uptimeSeconds: 3_600) == "2024-02-29T23:10:00")
        #expect(BootClock.isRunningBootLog("sos_commands/kernel/dmesg"))
        #expect(!BootClock.isRunningBootLog("var/crash/127.0.0.1-2024-01-14-23:59:01/vmcore-dmesg.txt"))
    }
}
