import Foundation
import Testing
@testable import SOSAnalyzer

/// Real samples in Fixtures/events (SOURCES.md there); expected values read from the text.
@Suite struct KernelEventScannerTests {
    static func events(_ name: String, member: String = "var/log/messages") throws -> [KernelEvent] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/events"))
        var scan = KernelLogScan(member: member)
        for line in TextLines(String(decoding: try Data(contentsOf: url), as: UTF8.self)) {
            var bytes = Array(line.text.utf8)
            bytes.withUnsafeMutableBufferPointer { scan.feed(UnsafeBufferPointer($0), number: line.number) }
        }
        return scan.kernelEvents
    }

    @Test func netdevWatchdogMessageAfterWarning() throws {
        for (name, interface, driver, process) in [("netdev-watchdog-3.10", "wlan0", "cnss_wlan_pci", "swapper/1"),
                                                   ("netdev-watchdog-4.10", "eth0", "ftgmac100", "ksoftirqd/0")] {
            let events = try Self.events(name)
            #expect(events.count == 1, "\(name)")
            let event = try #require(events.first)
            #expect(event.kind == .netdevWatchdog)
            #expect(event.interface == interface)
            #expect(event.module == driver)
            #expect(event.process == process)
            #expect(event.source.line == 2)
        }
    }

    @Test func oomKillVictims() throws {
        let memcg = try #require(try Self.events("oom-kill-memcg-5.x").first)
        #expect(memcg.kind == .oomKill)
        #expect(memcg.oom == OOMKill(victim: "netdata", victimPid: 4971, constraint: "CONSTRAINT_MEMCG", victimRSSKiB: 7560))
        #expect(memcg.timestamp == "1836.276684s after boot")
        let syslog = try Self.events("oom-kill-syslog")
        #expect(syslog.map(\.pid) == [799153, 799402])
        #expect(syslog.map(\.process) == ["node", "node"])
        #expect(syslog.map { $0.oom?.victimRSSKiB } == [68308 + 13648, 102060 + 13664])
        #expect(syslog.first?.timestamp == "Nov 30 10:16:57")
    }

    @Test func softLockups() throws {
        let old = try #require(try Self.events("soft-lockup-3.16").first)
        #expect(old.kind == .softLockup)
        #expect(old.process == "v2ray")
        #expect(old.pid == 1272)
        #expect(old.module == nil)
        let new = try #require(try Self.events("soft-lockup-5.9").first)
        #expect(new.process == "swapper/2")
        #expect(new.pid == 0)
        let syslog = try #require(try Self.events("soft-lockup-2.6.32-syslog").first)
        #expect(syslog.process == "z_wr_iss/6")
        #expect(syslog.pid == 5856)
        #expect(syslog.timestamp == "Jan 24 17:18:54")
    }

    @Test func crashLogIsMarked() throws {
        let events = try Self.events("soft-lockup-5.9", member: "var/crash/127.0.0.1-2020-01-01/vmcore-dmesg.txt")
        #expect(events.first?.crash == true)
    }

    /// Invented lines in the shapes the kernel prints, for the parts without a real sample here.
    @Test func lineKinds() {
        let source = Evidence(member: "m", line: 1)
        func kind(_ text: String) -> KernelEventKind? {
            if case .starts(let event) = KernelEventLine(Substring(text), source: source) { return event.kind }
            return nil
        }
        #expect(kind("INFO: task jbd2/sda1-8:456 blocked for more than 120 seconds.") == .hungTask)
        #expect(kind("nf_conntrack: table full, dropping packet") == .nfConntrackFull)
        #expect(kind("Kernel panic - not syncing: Fatal exception") == .panic)
        #expect(kind("kernel BUG at fs/ext4/inode.c:2345!") == .bug)
        #expect(kind("BUG: unable to handle kernel NULL pointer dereference at 0000000000000008") == .oops)
        #expect(KernelEventLine(Substring("nf_conntrack: 12 callbacks suppressed"), source: source)
                == .suppressed(count: 12, prefix: "nf_conntrack"))
    }

    @Test func isoTime() {
        let year = KernelEventTime.year(inCollectionDate: "Fri May 17 09:05:37 CEST 2013")
        #expect(KernelEventTime.iso8601("Nov 30 10:16:57", collectionYear: year) == "2012-11-30T10:16:57")
        #expect(KernelEventTime.iso8601("May  1 06:57:51", collectionYear: year) == "2013-05-01T06:57:51")
        #expect(KernelEventTime.iso8601("Mon Apr 20 15:08:07 2020", collectionYear: year) == "2020-04-20T15:08:07")
        #expect(KernelEventTime.iso8601("1836.276684s after boot", collectionYear: year) == nil)
    }
}
