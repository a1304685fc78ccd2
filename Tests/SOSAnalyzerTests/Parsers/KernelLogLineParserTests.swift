import Testing
@testable import SOSAnalyzer

/// Each prefix form, on lines taken from the corpus samples (file named in the comment).
@Suite struct KernelLogLineParserTests {
    @Test func syslogWithHost() {  // allocfail-rhel6-01
        let line = KernelLogLineParser.parse("Dec  1 06:57:51 hostname kernel: swapper: page allocation failure. order:1, mode:0x20")
        #expect(line.message == "swapper: page allocation failure. order:1, mode:0x20")
        #expect(line.timestamp == .wallClock("Dec  1 06:57:51"))
        #expect(line.host == "hostname")
        #expect(line.format == .syslog)
        #expect(line.isKernel)
        #expect(line.caller == nil)
    }

    @Test func syslogWithoutHost() {  // allocfail-mips-01
        let line = KernelLogLineParser.parse("Mar 29 23:11:07 kernel: [<c013b478>] chiprx+0x1ec/0x2a8 [et]")
        #expect(line.message == "[<c013b478>] chiprx+0x1ec/0x2a8 [et]")
        #expect(line.timestamp == .wallClock("Mar 29 23:11:07"))
        #expect(line.host == nil)
        #expect(line.format == .syslog)
        #expect(line.isKernel)
    }

    @Test func syslogZeroPaddedDayAndFQDN() {  // allocfail-rhel7-01
        let line = KernelLogLineParser.parse("Apr 01 16:27:01 sm21-r22.pun.seagate.com kernel:  <IRQ>  [<ffffffffaf179262>] dump_stack+0x19/0x1b")
        #expect(line.message == "<IRQ>  [<ffffffffaf179262>] dump_stack+0x19/0x1b")
        #expect(line.timestamp == .wallClock("Apr 01 16:27:01"))
        #expect(line.host == "sm21-r22.pun.seagate.com")
        #expect(line.format == .syslog)
    }

    @Test func syslogThenMonotonicStamp() {  // allocfail-up3.x-14-arm
        let line = KernelLogLineParser.parse("Apr  9 09:12:27 keylime kernel: [170238.829785] sshd: page allocation failure: order:0, mode:0x20")
        #expect(line.message == "sshd: page allocation failure: order:0, mode:0x20")
        #expect(line.timestamp == .monotonic(170238.829785))
        #expect(line.host == "keylime")
        #expect(line.format == .syslog)
    }

    @Test func hostAndTagWithoutDate() {  // allocfail-sles11-01
        let line = KernelLogLineParser.parse("server1 kernel: [3640039.236414] novfsd: page allocation failure: order:4, mode:0xd0")
        #expect(line.message == "novfsd: page allocation failure: order:4, mode:0xd0")
        #expect(line.timestamp == .monotonic(3640039.236414))
        #expect(line.host == "server1")
        #expect(line.format == .syslog)
        #expect(line.isKernel)
    }

    @Test func otherProgramIsNotKernel() {  // allocfail-up5.x-05
        let line = KernelLogLineParser.parse("Sep  5 17:23:40 box3 freshclam[10631]: main.cvd database is up-to-date (version: 61, sigs: 6607162, f-level: 90, builder: sigmgr)")
        #expect(!line.isKernel)
        #expect(line.host == "box3")
        #expect(line.format == .syslog)
        #expect(line.message == "main.cvd database is up-to-date (version: 61, sigs: 6607162, f-level: 90, builder: sigmgr)")
    }

    @Test func dmesgStamp() {  // allocfail-up2.6.38-01
        let line = KernelLogLineParser.parse("[49212.455733]  [<ffffffffa065c4fe>] ? kv_alloc.clone.10+0x6e/0xa0 [spl]")
        #expect(line.message == "[<ffffffffa065c4fe>] ? kv_alloc.clone.10+0x6e/0xa0 [spl]")
        #expect(line.timestamp == .monotonic(49212.455733))
        #expect(line.format == .dmesg)
        #expect(line.host == nil)
    }

    @Test func dmesgPaddedStamp() {  // allocfail-up4.x-03-arm
        let line = KernelLogLineParser.parse("[  969.610000] systemd-cgroups: page allocation failure: order:0, mode:0x20")
        #expect(line.message == "systemd-cgroups: page allocation failure: order:0, mode:0x20")
        #expect(line.timestamp == .monotonic(969.61))
        #expect(line.format == .dmesg)
    }

    @Test func dmesgWithoutStamp() {  // allocfail-up2.6.8-01
        let line = KernelLogLineParser.parse("  [<c013ec91>] __alloc_pages+0x2bf/0x2dd")
        #expect(line.message == "[<c013ec91>] __alloc_pages+0x2bf/0x2dd")
        #expect(line.timestamp == nil)
        #expect(line.format == .dmesg)
        #expect(line.isKernel)
    }

    @Test func truncatedStampIsKeptAsText() {  // allocfail-rhel7-02 line 1
        let line = KernelLogLineParser.parse("596.567874] [PF_RING] Welcome to PF_RING 8.8.0 ($Revision: unknown$)")
        #expect(line.message == "596.567874] [PF_RING] Welcome to PF_RING 8.8.0 ($Revision: unknown$)")
        #expect(line.timestamp == nil)
        #expect(line.format == .dmesg)
    }

    @Test func dmesgT() {  // allocfail-up5.x-01
        let line = KernelLogLineParser.parse("[Mon Apr 20 15:08:07 2020]  dump_stack+0x66/0x90")
        #expect(line.message == "dump_stack+0x66/0x90")
        #expect(line.timestamp == .wallClock("Mon Apr 20 15:08:07 2020"))
        #expect(line.format == .dmesgT)
    }

    @Test func openWrtLogread() {  // Fixtures/events/warning-5.x-openwrt-module
        let line = KernelLogLineParser.parse("Tue Feb  1 19:02:25 2022 kern.warn kernel: [11134.332928] ------------[ cut here ]------------")
        #expect(line.message == "------------[ cut here ]------------")
        #expect(line.timestamp == .monotonic(11134.332928))
        #expect(line.wallClock == "Tue Feb  1 19:02:25 2022")
        #expect(line.isKernel)
    }

    @Test func dmesgHumanStamps() {  // Fixtures/events/bug-5.4-dmesg-human
        #expect(KernelLogLineParser.parse("[Mar 8 17:07] ------------[ cut here ]------------").message
                == "------------[ cut here ]------------")
        let line = KernelLogLineParser.parse("[  +0.000005] kernel BUG at mm/uksm.c:3328!")
        #expect(line.message == "kernel BUG at mm/uksm.c:3328!")
        #expect(line.timestamp == nil)
    }

    @Test func bareKernelTag() {  // allocfail-rhel6-07 and the indented block of allocfail-rhel6-05
        let line = KernelLogLineParser.parse("kernel: Pid: 25564, comm: bma Not tainted 2.6.32-279.14.1.el6.x86_64 #1")
        #expect(line.message == "Pid: 25564, comm: bma Not tainted 2.6.32-279.14.1.el6.x86_64 #1")
        #expect(line.format == .other)
        #expect(line.timestamp == nil)
        let indented = KernelLogLineParser.parse("    kernel: Call Trace:")
        #expect(indented.message == "Call Trace:")
        #expect(indented.format == .other)
    }

    @Test func journalShortMonotonic() {
        let kernel = KernelLogLineParser.parse("[12860.586596] box3 kernel: sh: page allocation failure: order:7, mode:0x40a20(GFP_ATOMIC|__GFP_COMP)")
        #expect(kernel.message == "sh: page allocation failure: order:7, mode:0x40a20(GFP_ATOMIC|__GFP_COMP)")
        #expect(kernel.format == .journal)
        #expect(kernel.host == "box3")
        #expect(kernel.timestamp == .monotonic(12860.586596))
        let noHost = KernelLogLineParser.parse("[    5.123456] kernel: Call Trace:")
        #expect(noHost.format == .journal)
        #expect(noHost.message == "Call Trace:")
        let user = KernelLogLineParser.parse("[12855.000001] box3 earlyoom[812]: mem avail: 120 of 15876 MiB")
        #expect(!user.isKernel)
        #expect(user.format == .journal)
    }

    @Test func printkCallerAndLevel() {
        let line = KernelLogLineParser.parse("[ 1976.217652][ T11754] perf: page allocation failure: order:4, mode:0xdc0(GFP_KERNEL|__GFP_ZERO)")
        #expect(line.caller == "T11754")
        #expect(line.message == "perf: page allocation failure: order:4, mode:0xdc0(GFP_KERNEL|__GFP_ZERO)")
        #expect(line.timestamp == .monotonic(1976.217652))
        let level = KernelLogLineParser.parse("<4>[  123.000001] Call Trace:")
        #expect(level.message == "Call Trace:")
        #expect(level.timestamp == .monotonic(123.000001))
    }

    @Test func isoSyslogAndRsyslogEscapes() {
        let line = KernelLogLineParser.parse("2020-04-20T15:08:07.123456+02:00 web1 kernel: Call Trace:#012 dump_stack+0x66/0x90")
        #expect(line.timestamp == .wallClock("2020-04-20T15:08:07.123456+02:00"))
        #expect(line.host == "web1")
        #expect(line.format == .syslog)
        #expect(line.message == "Call Trace:\n dump_stack+0x66/0x90")
    }

    @Test func messTolerated() {
        #expect(KernelLogLineParser.parse("[49212.455716] Call Trace:\r").message == "Call Trace:")
        let empty = KernelLogLineParser.parse("")
        #expect(empty.message == "")
        #expect(empty.format == .dmesg)
        let garbage = KernelLogLineParser.parse("[\u{FFFD}\u{FFFD}] ]]][[ kernel")
        #expect(garbage.timestamp == nil)
        #expect(KernelLogLineParser.parse("[abc] x").message == "[abc] x")
    }

    @Test func dmesgDecodedFacilityAndLevel() {
        let line = KernelLogLineParser.parse("kern  :warn  : [  969.610000] systemd-cgroups: page allocation failure: order:0, mode:0x20")
        #expect(line.message == "systemd-cgroups: page allocation failure: order:0, mode:0x20")
        #expect(line.timestamp == .monotonic(969.61))
        #expect(line.format == .dmesg)
        #expect(KernelLogLineParser.parse("kernel: x").format == .other)
    }
}
