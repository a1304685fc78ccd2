import Foundation
import Testing
@testable import SOSAnalyzer

/// Every field of the reports in selected corpus samples, and small invented edge cases.
@Suite struct AllocationFailureScannerTests {
    static func scan(_ text: String) -> (failures: [AllocationFailure], scanner: AllocationFailureScanner) {
        var scanner = AllocationFailureScanner()
        for line in TextLines(text) { scanner.feed(line.text, number: line.number) }
        return (scanner.finish(), scanner)
    }

    static func corpus(_ name: String) throws -> (failures: [AllocationFailure], scanner: AllocationFailureScanner) {
        scan(try AllocationFailureCorpusTests.sample(name))
    }

    @Test func rhel6SyslogReport() throws {
        let (failures, scanner) = try Self.corpus("allocfail-rhel6-01.txt")
        let failure = try #require(failures.first)
        #expect(failures.count == 1)
        #expect(failure.process == "swapper")
        #expect(failure.pid == 0)
        #expect(failure.cpu == nil)
        #expect(failure.order == 1)
        #expect(failure.gfpMask == "0x20")
        #expect(failure.gfpFlags == nil)
        #expect(failure.taint == "Tainted: G           --------------- H")
        #expect(failure.kernelRelease == "2.6.32-279.9.1.el6.x86_64")
        #expect(failure.timestamp == .wallClock("Dec  1 06:57:51"))
        #expect(failure.callTrace.count == 13)
        #expect(failure.callTrace.first == CallFrame(symbol: "__alloc_pages_nodemask+0x77f/0x940", module: nil, reliable: false))
        #expect(failure.callTrace.last == CallFrame(symbol: "tcp_rcv_state_process+0x126/0xa10", module: nil, reliable: false))
        #expect(failure.modules == [])
        #expect(failure.memInfo == nil)
        #expect(failure.line == 1)
        #expect(failure.endLine == 16)
        #expect(failure.decodedFlags() == ["GFP_ATOMIC"])
        #expect(scanner.formatsSeen == [.syslog])
    }

    @Test func interleavedHeadersKeepTheirOwnTaskLines() throws {  // allocfail-rhel7-01
        let (failures, _) = try Self.corpus("allocfail-rhel7-01.txt")
        #expect(failures.count == 2)
        let first = try #require(failures.first)
        #expect(first.process == "swapper/21")
        #expect(first.cpu == 21)
        #expect(first.pid == 0)
        #expect(first.taint == "Tainted: P           OE  ------------")
        #expect(first.kernelRelease == "3.10.0-1062.el7.x86_64")
        #expect(first.callTrace.map(\.symbol) == ["dump_stack+0x19/0x1b", "warn_alloc_failed+0x110/0x180",
                                                  "__alloc_pages_slowpath+0x6b6/0x724", "__alloc_pages_nodemask+0x404/0x420",
                                                  "page_frag_alloc+0x158/0x170", "__napi_alloc_skb+0x8d/0xe0"])
        #expect(first.line == 1)
        #expect(first.endLine == 10)
        let second = try #require(failures.last)
        #expect(second.process == "swapper/44")
        #expect(second.cpu == 44)
        #expect(second.line == 11)
        #expect(second.endLine == 12)
        #expect(second.callTrace.isEmpty)
    }

    @Test func traceTailBeforeHeaderIsNotPinnedOnIt() throws {  // allocfail-rhel6-03
        let (failures, _) = try Self.corpus("allocfail-rhel6-03.txt")
        let failure = try #require(failures.first)
        #expect(failures.count == 1)
        #expect(failure.process == "z_wr_iss/0")
        #expect(failure.pid == 1663)
        #expect(failure.line == 8)
        #expect(failure.modules == [])
        #expect(failure.callTrace.count == 3)
        #expect(failure.taint == "Tainted: P        W  ----------------")
    }

    @Test func armFramesCarryModulesInParentheses() throws {  // allocfail-up4.x-03-arm
        let (failures, _) = try Self.corpus("allocfail-up4.x-03-arm.txt")
        let failure = try #require(failures.first)
        #expect(failure.process == "systemd-cgroups")
        #expect(failure.cpu == 0)
        #expect(failure.pid == 1450)
        #expect(failure.taint == "Tainted: G         C")
        #expect(failure.kernelRelease == "4.3.0-1-ARCH")
        #expect(failure.callTrace.count == 11)
        #expect(failure.callTrace[0] == CallFrame(symbol: "unwind_backtrace", module: nil, reliable: true))
        #expect(failure.callTrace[6] == CallFrame(symbol: "_rtl_rx_completed", module: "rtl_usb", reliable: true))
        #expect(failure.modules == ["rtl_usb"])
        #expect(failure.endLine == 14)
    }

    @Test func oldFrameFormsAndNonModuleBrackets() throws {
        let (v269, _) = try Self.corpus("allocfail-rhel4era-01.txt")  // [sym+dec/dec] is no module
        #expect(v269.first?.callTrace.first == CallFrame(symbol: "__alloc_pages+0x1b9/0x35e", module: nil, reliable: true))
        #expect(v269.first?.callTrace.count == 15)
        #expect(v269.first?.modules == [])
        let (stripped, _) = try Self.corpus("allocfail-rhel6-07.txt")  // "[]" where addresses were
        #expect(stripped.first?.callTrace.count == 20)
        #expect(stripped.first?.callTrace[12] == CallFrame(symbol: "vmxnet3_rq_rx_complete+0x15b/0x880", module: "vmxnet3", reliable: false))
        #expect(stripped.first?.modules == ["vmxnet3"])
        let (pfRing, _) = try Self.corpus("allocfail-rhel7-02.txt")  // "[PF_RING]", "[RX+TX]" are text
        #expect(pfRing.first?.line == 9)
        #expect(pfRing.first?.modules == [])
        #expect(pfRing.first?.callTrace.count == 7)
        let (colon, _) = Self.scan("""
            swapper: page allocation failure. order:2, mode:0x4020
            Call Trace:
             [<ffffffff8000f08c>] __alloc_pages+0x2b5/0x2ce
             [<ffffffff8833d4a3>] :e1000:e1000_alloc_rx_buffers+0x93/0x2c0
            """)  // invented: the 2.6.18 ":mod:sym" form
        #expect(colon.first?.callTrace.last == CallFrame(symbol: "e1000_alloc_rx_buffers+0x93/0x2c0", module: "e1000", reliable: true))
        #expect(colon.first?.modules == ["e1000"])
    }

    @Test func orphanTraceYieldsNothing() throws {  // allocfail-rhel8-01-fragment
        let (failures, scanner) = try Self.corpus("allocfail-rhel8-01-fragment.txt")
        #expect(failures.isEmpty)
        #expect(scanner.logFormat == "syslog")
        #expect(scanner.notes == [ParseNote(line: 2, message: "task line of kswapd0 without a page allocation failure header; its trace is not attributed")])
    }

    @Test func memInfoFragmentWatermarksAndFreeAreas() throws {  // allocfail-up6.x-04-meminfo-fragment
        let (failures, scanner) = try Self.corpus("allocfail-up6.x-04-meminfo-fragment.txt")
        #expect(failures.isEmpty)
        let dump = try #require(scanner.lastMemInfo)
        #expect(dump.watermarks == [
            MemInfoZoneWatermarks(node: 0, zone: "DMA32", freeKiB: 75936, minKiB: 46144, lowKiB: 49692, highKiB: 53240,
                                  lowmemReserve: [0, 0, 7459, 7459, 7459], line: 1),
            MemInfoZoneWatermarks(node: 0, zone: "Normal", freeKiB: 173104, minKiB: 173116, lowKiB: 186432, highKiB: 199748,
                                  lowmemReserve: [0, 0, 0, 0, 0], line: 3),
        ])
        #expect(dump.freeAreas == [
            MemInfoZoneFreeArea(node: 0, zone: "DMA", counts: [1, 1, 1, 0, 2, 1, 1, 0, 1, 1, 3], totalKiB: 15900, line: 5),
            MemInfoZoneFreeArea(node: 0, zone: "DMA32", counts: [531, 642, 3751, 306, 0, 0, 0, 0, 0, 0, 0], totalKiB: 77068, line: 6),
            MemInfoZoneFreeArea(node: 0, zone: "Normal", counts: [12, 5841, 7020, 463, 0, 0, 0, 0, 0, 0, 0], totalKiB: 173912, line: 7),
        ])
    }

    @Test func wrappedBuddyLineOfAnEarlierReport() throws {  // allocfail-up4.x-07
        let (failures, scanner) = try Self.corpus("allocfail-up4.x-07.txt")
        #expect(scanner.lastMemInfo?.freeAreas == [
            MemInfoZoneFreeArea(node: 1, zone: "Normal", counts: [4172, 8, 5, 0, 0, 0, 0, 0, 0, 0, 0], totalKiB: 16832, line: 1),
        ])
        let failure = try #require(failures.first)
        #expect(failure.process == "swapper/12")
        #expect(failure.memInfo == nil)
        #expect(failure.line == 16)
        #expect(failure.endLine == 20)
        #expect(failure.gfpFlags == ["GFP_ATOMIC"])
        #expect(failure.kernelRelease == "4.9.0-5-amd64")
    }

    @Test func nonNUMAWatermarksAndPrContPieces() throws {
        let (_, fragment) = try Self.corpus("allocfail-up3.x-02-meminfo-fragment.txt")
        #expect(fragment.lastMemInfo?.watermarks == [
            MemInfoZoneWatermarks(node: nil, zone: "DMA", freeKiB: 32, minKiB: 40, lowKiB: 48, highKiB: 60,
                                  lowmemReserve: [0, 2004, 2004, 2004], line: 21),
        ])
        #expect(fragment.lastMemInfo?.freeAreas == [])
        // each pr_cont piece on its own syslog line; no zone is complete
        let (_, prcont) = try Self.corpus("allocfail-up4.x-09-meminfo-prcont-fragment.txt")
        #expect(prcont.lastMemInfo == nil)
        #expect(prcont.logFormat == "syslog")
    }

    // MARK: - Invented edge cases (small, to pin behaviour the corpus does not show alone)

    @Test func memInfoOfTheReportAndRHEL6EndLine() throws {
        let text = """
            [  100.000001] bash: page allocation failure. order:2, mode:0xd0
            [  100.000002] Pid: 42, comm: bash Not tainted 2.6.32-431.el6.x86_64 #1
            [  100.000003] Call Trace:
            [  100.000004]  [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0
            [  100.000005] Mem-Info:
            [  100.000006] Node 0 DMA per-cpu:
            [  100.000007] CPU    0: hi:    0, btch:   1 usd:   0
            [  100.000008] active_anon:1 inactive_anon:2 isolated_anon:0
            [  100.000009]  active_file:3 inactive_file:4 isolated_file:0
            [  100.000010] Node 0 Normal free:1000kB min:40kB low:48kB high:60kB present:15684kB
            [  100.000011] lowmem_reserve[]: 0 2004 2004 2004
            [  100.000012] Node 0 Normal: 10*4kB 5*8kB 1*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 96kB
            [  100.000013] 1234 total pagecache pages
            [  100.000014] Free swap  = 0kB
            [  100.000015] Total swap = 0kB
            [  100.000016] 262143 pages RAM
            [  100.000017] 8000 pages reserved
            [  100.000018] 1000 pages shared
            [  100.000019] 2000 pages non-shared
            [  100.000020] e1000e: eth0 NIC Link is Up
            """
        let (failures, _) = Self.scan(text)
        let failure = try #require(failures.first)
        #expect(failures.count == 1)
        #expect(failure.endLine == 19)
        #expect(failure.memInfo == MemInfoDump(
            freeAreas: [MemInfoZoneFreeArea(node: 0, zone: "Normal", counts: [10, 5, 1, 0, 0, 0, 0, 0, 0, 0, 0], totalKiB: 96, line: 12)],
            watermarks: [MemInfoZoneWatermarks(node: 0, zone: "Normal", freeKiB: 1000, minKiB: 40, lowKiB: 48, highKiB: 60,
                                                 lowmemReserve: [0, 2004, 2004, 2004], line: 10)]))
        #expect(failure.decodedFlags() == ["GFP_KERNEL"])
    }

    @Test func printkCallerIdsKeepInterleavedTracesApart() {
        let text = """
            [  10.000001][    C1] swapper/1: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0
            [  10.000002][    C3] swapper/3: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0
            [  10.000003][    C1] CPU: 1 PID: 0 Comm: swapper/1 Not tainted 5.15.0-91-generic #101-Ubuntu
            [  10.000004][    C3] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 5.15.0-91-generic #101-Ubuntu
            [  10.000005][    C1] Call Trace:
            [  10.000006][    C3] Call Trace:
            [  10.000007][    C1]  e1000_alloc_rx_buffers+0x10/0x20 [e1000]
            [  10.000008][    C3]  ixgbe_alloc_rx_buffers+0x10/0x20 [ixgbe]
            """
        let (failures, _) = Self.scan(text)
        #expect(failures.map(\.process) == ["swapper/1", "swapper/3"])
        #expect(failures.map(\.cpu) == [1, 3])
        #expect(failures.map(\.modules) == [["e1000"], ["ixgbe"]])
        #expect(failures.map(\.endLine) == [7, 8])
    }

    @Test func unstampedEchoAndLoneCommLine() {
        let text = """
            [ 500.100001] swapper/20: page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)
            swapper/20: page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)
            [ 500.100002] swapper/12: 
            [ 500.100003] ffff88103f003c00 0000000000000000 page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)
            [ 500.100004] CPU: 20 PID: 0 Comm: swapper/20 Not tainted 4.9.0-5-amd64 #1 Debian 4.9.65-3+deb9u2
            [ 500.100005] CPU: 12 PID: 0 Comm: swapper/12 Not tainted 4.9.0-5-amd64 #1 Debian 4.9.65-3+deb9u2
            """
        let (failures, scanner) = Self.scan(text)
        #expect(failures.map(\.process) == ["swapper/20", "swapper/12"])
        #expect(failures.map(\.cpu) == [20, 12])
        #expect(failures.map(\.line) == [1, 4])
        #expect(scanner.logFormat == "dmesg")
    }

    @Test func timestampJumpEndsAReport() {
        let text = """
            [  10.000000] a.out: page allocation failure: order:4, mode:0x2080d0
            [  10.000001] Call Trace:
            [  10.000002]  [<ffffffff82c2de0e>] dump_stack+0x46/0x58
            [  99.000000]  [<ffffffffa0000000>] stray_frame+0x1/0x2 [stray]
            """
        let (failures, _) = Self.scan(text)
        #expect(failures.first?.endLine == 3)
        #expect(failures.first?.modules == [])
        #expect(failures.first?.callTrace.count == 1)
    }

    @Test func unprefixedHeaderAmongSyslogLinesIsMixed() {
        let text = """
            sh: page allocation failure: order:7, mode:0x40a20(GFP_ATOMIC|__GFP_COMP), nodemask=(null)
            Sep  5 17:45:01 box3 kernel: [12860.586608] CPU: 2 PID: 20288 Comm: sh Not tainted 5.13.14 #5
            Sep  5 17:45:01 box3 kernel: [12860.586612] Call Trace:
            """
        let (failures, scanner) = Self.scan(text)
        #expect(failures.count == 1)
        #expect(failures.first?.pid == 20288)
        #expect(scanner.logFormat == "mixed")
        #expect(scanner.formatsSeen == [.dmesg, .syslog])
    }

    @Test func vmallocHeaders() {
        let (failures, _) = Self.scan("""
            [ 1.5] modprobe: vmalloc error: size 8192, vm_struct allocation failed, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0
            [ 2.5] insmod: vmalloc: allocation failure: 4096 bytes, mode:0x6000c0(GFP_KERNEL), nodemask=(null)
            """)
        #expect(failures.map(\.process) == ["modprobe", "insmod"])
        #expect(failures.map(\.order) == [0, 0])
        #expect(failures.map(\.gfpMask) == ["0xcc0", "0x6000c0"])
        #expect(failures.map(\.gfpFlags) == [["GFP_KERNEL"], ["GFP_KERNEL"]])
    }

    @Test func crlfEmptyAndGarbage() {
        let crlf = Self.scan("swapper: page allocation failure. order:0, mode:0x20\r\n  [<c013ec91>] __alloc_pages+0x2bf/0x2dd\r\n")
        #expect(crlf.failures.first?.callTrace.first?.symbol == "__alloc_pages+0x2bf/0x2dd")
        #expect(crlf.failures.first?.endLine == 2)
        #expect(Self.scan("").failures.isEmpty)
        #expect(Self.scan("").scanner.logFormat == "other")
        let garbage = Self.scan("\u{FFFD}\u{FFFD}\nbash: command not found\n[]]] order:x, mode:0xZZ page allocation failure\n")
        #expect(garbage.failures.isEmpty)
    }

    @Test func parserConvenienceMatchesScanner() throws {
        let text = try AllocationFailureCorpusTests.sample("allocfail-up5.x-01.txt")
        #expect(AllocationFailureParser.parse(text) == Self.scan(text).failures)
        let failure = try #require(AllocationFailureParser.parse(text).first)
        #expect(failure.modules == ["nvme_core"])
        #expect(failure.timestamp == .wallClock("Mon Apr 20 15:08:07 2020"))
        #expect(failure.pid == 1333536)
        #expect(failure.cpu == 1)
        #expect(failure.kernelRelease == "5.4.19-100.fc30.x86_64")
        #expect(failure.taint == "Not tainted")
    }

    @Test func twoHeadersGluedOnOneLineWithCommsOnLinesBefore() throws {
        // dCache/dcache #3787 (turn 2), 4.9.0-5-amd64: two CPUs' printk pieces interleaved
        let text = """
            [73797.116745] swapper/8: 
            [73797.116748] swapper/6: 
            [73797.116750] page allocation failure: order:0page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)
            , mode:0x2080020(GFP_ATOMIC)
            [73797.116757] CPU: 8 PID: 0 Comm: swapper/8 Tainted: G             L  4.9.0-5-amd64 #1 Debian 4.9.65-3+deb9u2
            [73797.116759] Hardware name: HP ProLiant DL380 Gen9/ProLiant DL380 Gen9, BIOS P89 10/25/2017
            [73797.116763]  0000000000000000 ffffffffa8729964 ffffffffa8dfeb10 ffff88963f403bf0
            """
        let (failures, scanner) = Self.scan(text)
        #expect(failures.map(\.process) == ["swapper/8", "swapper/6"])
        #expect(failures.map(\.gfpMask) == ["0x2080020", "0x2080020"])
        #expect(failures.map(\.gfpFlags) == [["GFP_ATOMIC"], ["GFP_ATOMIC"]])
        #expect(failures.map(\.order) == [0, 0])
        #expect(failures.map(\.line) == [3, 3])
        #expect(failures.map(\.cpu) == [8, nil])
        #expect(failures.first?.taint == "Tainted: G             L")
        #expect(failures.first?.endLine == 7)
        #expect(scanner.logFormat == "dmesg")
    }

    @Test func rhel4BraceFramesAndMailQuotes() {
        // invented in the RHEL4 x86_64 shape: several "<addr>{sym+dec}" frames per line
        let text = """
            > kswapd0: page allocation failure. order:2, mode:0x4020 Call Trace:
            > Call Trace:<IRQ> <ffffffff8015f6b6>{__alloc_pages+789} <ffffffffa00b2c1e>{:e1000:e1000_alloc_rx_buffers+98}
            >        <ffffffff8015f77f>{__get_free_pages+11}
            """
        let (failures, _) = Self.scan(text)
        let failure = failures.first
        #expect(failures.count == 1)
        #expect(failure?.process == "kswapd0")
        #expect(failure?.callTrace == [
            CallFrame(symbol: "__alloc_pages+789", module: nil, reliable: true),
            CallFrame(symbol: "e1000_alloc_rx_buffers+98", module: "e1000", reliable: true),
            CallFrame(symbol: "__get_free_pages+11", module: nil, reliable: true),
        ])
        #expect(failure?.modules == ["e1000"])
        #expect(failure?.endLine == 3)
    }

    @Test func rhel5ReportEndsAtPagesSwapCached() {
        // invented in the RHEL5 2.6.18 shape (kernel-knowledge §2b): no task line, "Mem-info:"
        let text = """
            Jun 10 12:00:01 db1 kernel: java: page allocation failure. order:1, mode:0x20
            Jun 10 12:00:01 db1 kernel:
            Jun 10 12:00:01 db1 kernel: Call Trace:
            Jun 10 12:00:01 db1 kernel:  <IRQ>  [<ffffffff8000f08c>] __alloc_pages+0x2b5/0x2ce
            Jun 10 12:00:01 db1 kernel: Mem-info:
            Jun 10 12:00:01 db1 kernel: Node 0 DMA per-cpu:
            Jun 10 12:00:01 db1 kernel: cpu 0 hot: high 0, batch 1 used:0
            Jun 10 12:00:01 db1 kernel: Free pages:       47436kB (0kB HighMem)
            Jun 10 12:00:01 db1 kernel: Active:1 inactive:2 dirty:0 writeback:0 unstable:0 free:11859 slab:3 mapped-file:4 mapped-anon:5 pagetables:6
            Jun 10 12:00:01 db1 kernel: Node 0 DMA free:10732kB min:8kB low:8kB high:12kB active:0kB inactive:0kB present:10316kB pages_scanned:0 all_unreclaimable? yes
            Jun 10 12:00:01 db1 kernel: lowmem_reserve[]: 0 2003 2003 2003
            Jun 10 12:00:01 db1 kernel: Node 0 DMA: 3*4kB 4*8kB 3*16kB 3*32kB 3*64kB 3*128kB 1*256kB 1*512kB 1*1024kB 0*2048kB 2*4096kB = 10732kB
            Jun 10 12:00:01 db1 kernel: 2034 pagecache pages
            Jun 10 12:00:01 db1 kernel: Swap cache: add 0, delete 0, find 0/0, race 0+0
            Jun 10 12:00:01 db1 kernel: Free swap  = 0kB
            Jun 10 12:00:01 db1 kernel: Total swap = 0kB
            Jun 10 12:00:01 db1 kernel: Free swap:            0kB
            Jun 10 12:00:01 db1 kernel: 524288 pages of RAM
            Jun 10 12:00:01 db1 kernel: 12345 reserved pages
            Jun 10 12:00:01 db1 kernel: 6789 pages shared
            Jun 10 12:00:01 db1 kernel: 0 pages swap cached
            Jun 10 12:00:02 db1 sshd[4242]: Accepted publickey for root
            Jun 10 12:00:03 db1 kernel: e1000: eth0: e1000_watchdog: NIC Link is Up
            """
        let (failures, scanner) = Self.scan(text)
        #expect(failures.count == 1)
        #expect(failures.first?.endLine == 21)
        #expect(failures.first?.memInfo?.freeAreas.first?.counts == [3, 4, 3, 3, 3, 3, 1, 1, 1, 0, 2])
        #expect(failures.first?.memInfo?.watermarks.first?.minKiB == 8)
        #expect(failures.first?.decodedFlags(kernelRelease: "2.6.18-274.el5") == ["__GFP_HIGH"])
        #expect(scanner.logFormat == "syslog")
    }

    @Test func frameFormsOfOtherArchitectures() {
        typealias R = AllocationReportLine
        // powerpc
        #expect(R.frame("[c0000000fe6b3a30] [c000000000017b54] .show_stack+0x74/0x1b0 (unreliable)")?.frame
                == CallFrame(symbol: ".show_stack+0x74/0x1b0", module: nil, reliable: false))
        #expect(R.frame("[c000000003a4b970] [c0080000012c1234] mlx5e_alloc_rx_wqe+0x4c/0x1a0 [mlx5_core]")?.frame
                == CallFrame(symbol: "mlx5e_alloc_rx_wqe+0x4c/0x1a0", module: "mlx5_core", reliable: true))
        // s390
        #expect(R.frame("([<0000000000112f56>] show_trace+0x13e/0x148)")?.frame
                == CallFrame(symbol: "show_trace+0x13e/0x148", module: nil, reliable: true))
        // arm64 without addresses
        #expect(R.frame(" dump_backtrace+0x0/0x1a0")?.frame == CallFrame(symbol: "dump_backtrace+0x0/0x1a0", module: nil, reliable: true))
        // not frames
        #expect(R.frame("[PF_RING] Min # ring slots 4096") == nil)
        #expect(R.frame("NET: Registered protocol family 27") == nil)
        #expect(R.frame("Hardware name: QEMU Standard PC (i440FX + PIIX, 1996)") == nil)
        #expect(R.frame("[3255] some text+0x1/0x2 here") == nil)
    }

    @Test func garbledHeaderCommIsTakenFromTheTaskLine() {
        let text = """
            [  7.000001] sw\u{FFFD}pper/3: page allocation failure: order:1, mode:0x20
            [  7.000002] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 3.10.0-957.el7.x86_64 #1
            """
        let (failures, _) = Self.scan(text)
        #expect(failures.map(\.process) == ["swapper/3"])
        #expect(failures.first?.endLine == 2)
    }

    @Test func unstampedTraceOfACSkyBoardAndNodeLessWatermarks() throws {
        // unix.stackexchange.com/questions/593335 (4.9.56 on C-SKY): the trace lines lost their stamps
        let text = """
            [ 2161.623563] xxxx: page allocation failure: order:10, mode:0x2084020(GFP_ATOMIC|__GFP_COMP)
            [ 2161.632085] CPU: 0 PID: 179 Comm: AiApp Not tainted 4.9.56 #53
            [ 2161.637947] 
            Call Trace:
            [<802f63f2>] dump_stack+0x1e/0x3c
            [<800f6cf4>] warn_alloc+0x100/0x148
            [<800f709c>] __alloc_pages_nodemask+0x2bc/0xb5c
            [ 2161.689204] Mem-Info:
            [ 2161.691518] active_anon:3268 inactive_anon:2 isolated_anon:0
            [ 2161.691518]  active_file:1271 inactive_file:89286 isolated_file:0
            [ 2161.691518]  free:62086 free_pcp:199 free_cma:60234

            [ 2161.748626] Normal free:248344kB min:2444kB low:3052kB high:3660kB active_anon:13072kB
            """
        let (failures, scanner) = Self.scan(text)
        let failure = try #require(failures.first)
        #expect(failures.count == 1)
        #expect(failure.process == "xxxx")  // the header's comm wins over the CPU line's ("AiApp")
        #expect(failure.pid == 179)
        #expect(failure.cpu == 0)
        #expect(failure.order == 10)
        #expect(failure.gfpFlags == ["GFP_ATOMIC", "__GFP_COMP"])
        #expect(failure.callTrace.map(\.symbol) == ["dump_stack+0x1e/0x3c", "warn_alloc+0x100/0x148", "__alloc_pages_nodemask+0x2bc/0xb5c"])
        #expect(failure.memInfo?.watermarks == [
            MemInfoZoneWatermarks(node: nil, zone: "Normal", freeKiB: 248344, minKiB: 2444, lowKiB: 3052, highKiB: 3660, line: 13),
        ])
        #expect(failure.endLine == 13)
        #expect(scanner.logFormat == "dmesg")
    }

    @Test func journalShortMonotonicWithUserspaceLines() throws {
        // rfjakob/earlyoom #220 (5.9.0-0.rc4.5.fc34): journalctl -o short-monotonic, no host
        let text = """
            [21160.626351] earlyoom[84786]: low memory! at or below SIGTERM limits: mem  4.00%, swap 10.00%
            [21161.092614] kernel: earlyoom: page allocation failure: order:0, mode:0x800(GFP_NOWAIT), nodemask=(null),cpuset=/,mems_allowed=0
            [21161.092848] kernel: CPU: 5 PID: 84786 Comm: earlyoom Not tainted 5.9.0-0.rc4.5.fc34.x86_64+debug #1
            [21161.092853] kernel: Hardware name: Apple Inc. MacBookPro8,2/Mac-94245A3940C91C80, BIOS    MBP81.88Z.0050.B00.1804101331 04/10/18
            [21161.092858] kernel: Call Trace:
            [21161.092868] kernel:  dump_stack+0x8b/0xb8
            [21161.092877] kernel:  warn_alloc.cold+0x75/0xd9
            [21161.092898] kernel:  __alloc_pages_slowpath.constprop.0+0x1139/0x1170
            [21161.092963] kernel:  ? avc_alloc_node+0x27/0x2d0
            """
        let (failures, scanner) = Self.scan(text)
        let failure = try #require(failures.first)
        #expect(failures.count == 1)
        #expect(failure.process == "earlyoom")
        #expect(failure.pid == 84786)
        #expect(failure.cpu == 5)
        #expect(failure.gfpMask == "0x800")
        #expect(failure.gfpFlags == ["GFP_NOWAIT"])
        #expect(failure.kernelRelease == "5.9.0-0.rc4.5.fc34.x86_64+debug")
        #expect(failure.timestamp == .monotonic(21161.092614))
        #expect(failure.callTrace.count == 4)
        #expect(failure.callTrace.last == CallFrame(symbol: "avc_alloc_node+0x27/0x2d0", module: nil, reliable: false))
        #expect(failure.line == 2)
        #expect(failure.endLine == 9)
        #expect(scanner.logFormat == "journal")
        #expect(GFPDecoder.describe(0x800, table: GFPDecoder.table(forKernel: failure.kernelRelease) ?? .linux2_6_18) == "GFP_NOWAIT")
    }

    @Test func consoleOverrunAndGluedPieces() throws {
        // dCache/dcache #3787 (turn 4), 4.9.0-5-amd64: two CPUs, dropped printk messages, pr_cont
        // pieces glued to another CPU's frames. Nothing here may end the two reports early.
        let text = """
            [73803.169476] 0 pages hwpoisoned
            [73805.181180] swapper/8: 
            [73805.181182] swapper/6: 
            [73805.181184] page allocation failure: order:0page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)
            , mode:0x2080020(GFP_ATOMIC)
            [73805.181191] CPU: 8 PID: 0 Comm: swapper/8 Tainted: G             L  4.9.0-5-amd64 #1 Debian 4.9.65-3+deb9u2
            [73805.181193] Hardware name: HP ProLiant DL380 Gen9/ProLiant DL380 Gen9, BIOS P89 10/25/2017
            ** 94 printk messages dropped ** [73805.181427]  [<ffffffffa84b8e74>] ? cpu_startup_entry+0x154/0x240
            [73805.181431] 1*128kB  [<ffffffffa8447afd>] ? start_secondary+0x14d/0x190
            [73805.181433] (U) 1*256kB Mem-Info:
            [73805.181439] (U) 0*512kB 1*1024kB active_anon:1693625 inactive_anon:253675 isolated_anon:0
            [73805.181439]  active_file:13421962 inactive_file:590776 isolated_file:0
            [73805.181500] CPU: 6 PID: 0 Comm: swapper/6 Tainted: G             L  4.9.0-5-amd64 #1 Debian 4.9.65-3+deb9u2
            """
        let (failures, scanner) = Self.scan(text)
        #expect(failures.map(\.process) == ["swapper/8", "swapper/6"])
        #expect(failures.map(\.cpu) == [8, 6])
        #expect(failures.map(\.gfpMask) == ["0x2080020", "0x2080020"])
        #expect(failures.map(\.line) == [4, 4])
        #expect(failures.last?.endLine == 13)
        #expect(scanner.logFormat == "dmesg")
        #expect(KernelLogLineParser.parse("** 94 printk messages dropped ** [73805.181427]  [<ffffffffa84b8e74>] ? cpu_startup_entry+0x154/0x240").timestamp
                == .monotonic(73805.181427))
    }
}
