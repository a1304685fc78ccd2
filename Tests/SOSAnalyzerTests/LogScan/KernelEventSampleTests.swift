import Testing
@testable import SOSAnalyzer

/// One real sample per test (Fixtures/events, provenance in SOURCES.md there): what the text
/// says, read by hand, against what the scanner makes of it.
@Suite struct KernelEventSampleTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var sample: String
        var kind: KernelEventKind
        /// Events the sample holds (all of `kind`).
        var events = 1
        var process: String?
        var pid: Int?
        var module: String?
        var interface: String?
        var device: String?
        /// `count` of the first event.
        var count = 1
        var testDescription: String { sample }
    }

    static let samples: [Expected] = [
        // oom-kill: global (2.6.32 syslog, 4.x journal) and memcg (3.10 dmesg -T, 5.4)
        Expected(sample: "oom-kill-2.6.32-syslog", kind: .oomKill, process: "mysqld", pid: 11726),
        Expected(sample: "oom-kill-4.x-journal", kind: .oomKill, process: "R", pid: 27438),
        Expected(sample: "oom-kill-memcg-3.10-dmesg-T", kind: .oomKill, process: "java", pid: 28438),
        Expected(sample: "oom-kill-memcg-5.4", kind: .oomKill, process: "uwsgi", pid: 63214),
        // hard-lockup: x86 NMI watchdog 4.x and 5.10, powerpc 4.15
        Expected(sample: "hard-lockup-4.x-syslog", kind: .hardLockup),
        Expected(sample: "hard-lockup-5.10", kind: .hardLockup, process: "swapper/1", pid: 0),
        Expected(sample: "hard-lockup-4.15-ppc", kind: .hardLockup, process: "watchdog/59", pid: 363),
        // panic: 3.10 (hard lockup, hung task), 5.2 (fatal exception)
        Expected(sample: "panic-hard-lockup-3.10", kind: .panic, process: "dockerd-current", pid: 282859),
        Expected(sample: "panic-hung-task-3.10", kind: .panic, process: "khungtaskd", pid: 40),
        Expected(sample: "panic-fatal-exception-5.2", kind: .panic),
        // hung-task: 2.6.32 (printk levels, syslog), 3.10, 4.16 dmesg -T, 4.19 (three tasks), 6.8 journal
        Expected(sample: "hung-task-2.6.32-printk", kind: .hungTask, process: "txg_sync", pid: 4116),
        Expected(sample: "hung-task-2.6.32-syslog", kind: .hungTask, process: "docker", pid: 3834),
        Expected(sample: "hung-task-3.10-syslog", kind: .hungTask, process: "glusterfsd", pid: 26120),
        Expected(sample: "hung-task-4.16-dmesg-T", kind: .hungTask, process: "logrotate", pid: 17344),
        Expected(sample: "hung-task-4.19-several", kind: .hungTask, events: 3, process: "kworker/2:1", pid: 5747),
        Expected(sample: "hung-task-6.8-journal", kind: .hungTask, process: "khugepaged", pid: 136),
        // rcu-stall: 2.6.3x rcu_sched_state (three stalls), 4.x, 5.x, 6.18
        Expected(sample: "rcu-stall-2.6.3x-syslog", kind: .rcuStall, events: 3),
        Expected(sample: "rcu-stall-4.x", kind: .rcuStall),
        Expected(sample: "rcu-stall-5.x", kind: .rcuStall),
        Expected(sample: "rcu-stall-6.18-syslog", kind: .rcuStall, process: "swapper/0", pid: 0),
        // oops: NULL pointer (3.9 "Pid:, comm:", 3.11, 5.2, 5.4 ARM), paging request (4.19, 5.10 RISC-V),
        // general protection fault (3.16, 4.15 in a module, 5.6)
        Expected(sample: "oops-null-3.9-syslog", kind: .oops, process: "xl2tpd", pid: 2643),
        Expected(sample: "oops-null-3.11", kind: .oops, process: "swapper/6", pid: 0),
        Expected(sample: "oops-null-5.2-syslog", kind: .oops, process: "bpftrace", pid: 5454),
        Expected(sample: "oops-null-5.4-arm", kind: .oops, process: "htop", pid: 7690),
        Expected(sample: "oops-paging-4.19", kind: .oops, process: "insmod", pid: 88761),
        Expected(sample: "oops-paging-5.10-riscv", kind: .oops, process: "kworker/0:1H", pid: 1842),
        Expected(sample: "oops-gpf-3.16-journal", kind: .oops, process: "fail2ban-server", pid: 14124),
        Expected(sample: "oops-gpf-4.15-syslog-module", kind: .oops, process: "ipcm", pid: 6068, module: "rina_irati_core"),
        Expected(sample: "oops-gpf-5.6-syslog", kind: .oops, process: "W-Q0", pid: 1675),
        // bug: 3.18 bare tag, 5.4 dmesg -H, 6.6 and 6.8 in a module
        Expected(sample: "bug-3.18-bare-tag", kind: .bug, process: "uksmd", pid: 138),
        Expected(sample: "bug-5.4-dmesg-human", kind: .bug, process: "uksmd", pid: 144),
        Expected(sample: "bug-6.6-module", kind: .bug, process: "corefreqd", pid: 7186, module: "corefreqk"),
        Expected(sample: "bug-6.8-syslog-module", kind: .bug, process: "cas_io_1_78", pid: 4346, module: "cas_cache"),
        // warning: 3.18 "[module]()" and plain, 5.2, 5.x "[module@build+off]", 6.1 dmesg -T
        Expected(sample: "warning-3.18-syslog-module", kind: .warning, process: "hostapd", pid: 12016, module: "mac80211"),
        Expected(sample: "warning-3.18-skbuff", kind: .warning, process: "swapper/0", pid: 0),
        Expected(sample: "warning-5.2-el7", kind: .warning, pid: 0),
        Expected(sample: "warning-5.x-openwrt-module", kind: .warning, pid: 1096, module: "mt7603e"),
        Expected(sample: "warning-6.1-dmesg-T", kind: .warning, pid: 1184),
        // link-down: ixgbe 4.x syslog, e1000e flapping five times
        Expected(sample: "link-down-4.x-ixgbe-syslog", kind: .linkDown, module: "ixgbe", interface: "eth11", device: "0000:08:00.0"),
        Expected(sample: "link-down-e1000e-flap", kind: .linkDown, module: "e1000e", interface: "eth0", device: "0000:00:1f.6", count: 5),
        // nf-conntrack-full: syslog lines wrapped after "table full," (three), 5.x doubled prefix
        Expected(sample: "nf-conntrack-full-wrapped-syslog", kind: .nfConntrackFull, count: 3),
        Expected(sample: "nf-conntrack-full-5.x", kind: .nfConntrackFull),
        // io-error: 3.12 (two devices, 230 suppressed), 4.x (19980 suppressed before the first line),
        // 4.x print_req_error, 5.x nvme, 3.x buffer layer "on device" and ext4 "(device dm-1)"
        Expected(sample: "io-error-3.12-usb", kind: .ioError, events: 2, device: "sda"),
        Expected(sample: "io-error-4.x-syslog-suppressed", kind: .ioError, device: "sdb", count: 2 + 19980),
        Expected(sample: "io-error-4.x-print-req-syslog", kind: .ioError, device: "sdc", count: 4),
        Expected(sample: "io-error-5.x-nvme", kind: .ioError, device: "nvme1n1", count: 2),
        Expected(sample: "io-error-3.x-device-ext4", kind: .ioError, device: "dm-1", count: 3),
        // fs-error: ext4 (rsyslog RFC 3339 stamps, a comm with blanks; 4.12), XFS 5.x, ext2
        Expected(sample: "fs-error-ext4-rfc3339", kind: .fsError, process: "Cache2 I/O", device: "sda1", count: 3),
        Expected(sample: "fs-error-ext4-4.12-syslog", kind: .fsError, process: "dockerd", device: "sda9"),
        Expected(sample: "fs-error-xfs-5.x", kind: .fsError, device: "vda4"),
        Expected(sample: "fs-error-ext2-mips", kind: .fsError, device: "sda1", count: 2),
        // machine-check: one with its detail lines (4.x), with EDAC lines, logged three times
        Expected(sample: "machine-check-4.x-syslog", kind: .machineCheck),
        Expected(sample: "machine-check-edac-syslog", kind: .machineCheck),
        Expected(sample: "machine-check-repeated", kind: .machineCheck, count: 3),
    ]

    @Test(arguments: samples)
    func sample(_ expected: Expected) throws {
        let events = try KernelEventScannerTests.events(expected.sample)
        #expect(events.count == expected.events)
        #expect(events.allSatisfy { $0.kind == expected.kind })
        let first = try #require(events.first)
        #expect(first.process == expected.process)
        #expect(first.pid == expected.pid)
        #expect(first.module == expected.module)
        #expect(first.interface == expected.interface)
        #expect(first.device == expected.device)
        #expect(first.count == expected.count)
    }

    @Test func everyKindHasTwoSamples() {
        var samples: [KernelEventKind: Int] = [:]
        for expected in Self.samples { samples[expected.kind, default: 0] += 1 }
        // soft-lockup and netdev-watchdog samples are in KernelEventScannerTests
        for kind in KernelEventKind.allCases where ![.softLockup, .netdevWatchdog].contains(kind) {
            #expect(samples[kind, default: 0] >= 2, "\(kind)")
        }
    }

    @Test func oomDetails() throws {
        let old = try #require(try KernelEventScannerTests.events("oom-kill-2.6.32-syslog").first)
        #expect(old.oom == OOMKill(victim: "mysqld", victimPid: 11726, victimRSSKiB: 2539268 + 768))
        #expect(old.timestamp == "Mar  2 17:35:10")
        let journal = try #require(try KernelEventScannerTests.events("oom-kill-4.x-journal").first)
        #expect(journal.oom == OOMKill(victim: "R", victimPid: 27438, victimRSSKiB: 1041924 + 4))
        // "Memory cgroup out of memory: Kill process" a line before "Killed process"; the
        // "invoked oom-killer" after it is the next kill's, not this one's
        let memcg = try #require(try KernelEventScannerTests.events("oom-kill-memcg-3.10-dmesg-T").first)
        #expect(memcg.oom == OOMKill(victim: "java", victimPid: 28438, constraint: "CONSTRAINT_MEMCG", victimRSSKiB: 466160 + 13684))
        #expect(memcg.timestamp == "Thu Dec 7 00:05:15 2017")
        let ubuntu = try #require(try KernelEventScannerTests.events("oom-kill-memcg-5.4").first)
        #expect(ubuntu.oom == OOMKill(victim: "uwsgi", victimPid: 63214, constraint: "CONSTRAINT_MEMCG", victimRSSKiB: 164992 + 52176 + 92))
        // a cgroup's limit: memory was short in the cgroup, whatever the zones held
        #expect(memcg.memoryCause?.verdict == .short)
        #expect(ubuntu.memoryCause?.explanation.hasPrefix("memory cgroup ") == true)
        #expect(old.memoryCause?.explanation.hasPrefix("memory cgroup") != true)
    }

    @Test func timesOfSamples() throws {
        let year = KernelEventTime.year(inCollectionDate: "Mon Jan 15 10:00:00 UTC 2024")
        let hung = try #require(try KernelEventScannerTests.events("hung-task-4.16-dmesg-T").first)
        #expect(hung.timestamp.flatMap { KernelEventTime.iso8601($0, collectionYear: year) } == "2018-12-19T03:36:07")
        let ext4 = try #require(try KernelEventScannerTests.events("fs-error-ext4-rfc3339").first)
        #expect(ext4.timestamp.flatMap { KernelEventTime.iso8601($0, collectionYear: year) } == "2016-09-12T14:15:22")
        // syslog date before a "[secs]" stamp: the date is the time
        let zfs = try #require(try KernelEventScannerTests.events("soft-lockup-2.6.32-syslog").first)
        #expect(zfs.timestamp == "Jan 24 17:18:54")
    }

    @Test func secondIOErrorTakesTheSuppressedCount() throws {
        let events = try KernelEventScannerTests.events("io-error-3.12-usb")
        #expect(events.map(\.device) == ["sda", "sda1"])
        #expect(events.map(\.count) == [1, 2 + 230])
    }
}
