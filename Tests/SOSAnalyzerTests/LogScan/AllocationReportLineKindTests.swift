import Testing
@testable import SOSAnalyzer

/// One real line per kind, copied from ../shared/corpus (file named on each test), prefixes removed
/// as `KernelLogLine.message` removes them.
@Suite struct AllocationReportLineKindTests {
    static func kind(_ message: String, line: Int = 1) -> AllocationReportLineKind {
        AllocationReportLineKind(Substring(message), line: line)
    }

    /// allocfail-rhel6-01.txt line 1
    @Test func header() {
        let kind = Self.kind("swapper: page allocation failure. order:1, mode:0x20")
        #expect(kind == .headers([AllocationReportLine.Header(comm: "swapper", commUncertain: false, order: 1,
                                                               gfpMask: "0x20", gfpFlags: nil)]))
    }

    /// allocfail-rhel6-01.txt line 2
    @Test func oldTaskLine() {
        guard case .task(let task) = Self.kind("Pid: 0, comm: swapper Tainted: G           --------------- H  2.6.32-279.9.1.el6.x86_64 #1") else {
            Issue.record("not a task line"); return
        }
        #expect(task.comm == "swapper")
        #expect(task.pid == 0)
        #expect(task.release == "2.6.32-279.9.1.el6.x86_64")
    }

    /// allocfail-up5.x-01.txt line 2
    @Test func taskLine() {
        guard case .task(let task) = Self.kind("CPU: 1 PID: 1333536 Comm: kworker/u16:3 Not tainted 5.4.19-100.fc30.x86_64 #1") else {
            Issue.record("not a task line"); return
        }
        #expect(task == AllocationReportLine.Task(comm: "kworker/u16:3", pid: 1333536, cpu: 1, taint: "Not tainted",
                                                  release: "5.4.19-100.fc30.x86_64"))
    }

    /// allocfail-rhel6-01.txt line 3
    @Test func callTrace() {
        #expect(Self.kind("Call Trace:") == .callTrace([]))
    }

    /// allocfail-rhel6-01.txt line 4
    @Test func frame() {
        #expect(Self.kind("<IRQ>  [<ffffffff8112789f>] ? __alloc_pages_nodemask+0x77f/0x940") == .frames([
            AllocationReportLine.Frame(frame: CallFrame(symbol: "__alloc_pages_nodemask+0x77f/0x940", module: nil, reliable: false),
                                       otherModules: []),
        ]))
        // allocfail-up5.x-01.txt line 11
        #expect(Self.kind("? __nvme_submit_sync_cmd+0xc1/0x1f0 [nvme_core]") == .frames([
            AllocationReportLine.Frame(frame: CallFrame(symbol: "__nvme_submit_sync_cmd+0xc1/0x1f0", module: "nvme_core", reliable: false),
                                       otherModules: []),
        ]))
    }

    /// allocfail-up5.x-01.txt lines 3-4
    @Test func traceDetail() {
        #expect(Self.kind("Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS rel-1.11.2-0-gf9626ccb91-prebuilt.qemu-project.org 04/01/2014") == .traceDetail)
        #expect(Self.kind("Workqueue: nvme-wq nvme_scan_work [nvme_core]") == .traceDetail)
    }

    /// allocfail-up3.x-04.txt
    @Test func memInfo() {
        #expect(Self.kind("Mem-Info:") == .memInfoStart)
        #expect(Self.kind("Node 0 DMA per-cpu:") == .memInfoLine)
        #expect(Self.kind("CPU    0: hi:  186, btch:  31 usd:   0") == .memInfoLine)
        #expect(Self.kind("8376970 pages RAM") == .memInfoLine)
    }

    /// a 4.x report (allocfail-up4.x-*.txt): the zone's watermarks, then its free areas
    @Test func watermarksAndFreeArea() {
        let watermarks = Self.kind("Node 0 Normal free:173104kB min:173116kB low:186432kB high:199748kB reserved_highatomic:0KB active_anon:116424kB", line: 7)
        #expect(watermarks == .watermarks(MemInfoZoneWatermarks(node: 0, zone: "Normal", freeKiB: 173104, minKiB: 173116,
                                                                lowKiB: 186432, highKiB: 199748, line: 7)))
        guard case .freeArea(let tokens) = Self.kind("Node 0 Normal: 12*4kB (UME) 5841*8kB (UM) 0*64kB = 173912kB") else {
            Issue.record("not a free-area line"); return
        }
        #expect(tokens.first == .node)
        #expect(tokens.last == .total(173912))
    }

    /// allocfail-up3.x-04.txt: the generation's last lines
    @Test func tails() {
        #expect(Self.kind("0 pages hwpoisoned") == .terminalTail)
        #expect(Self.kind("Total swap = 4194300kB") == .softTail)
        #expect(Self.kind("152159 pages reserved") == .softTail)
    }

    /// Invented: glued pieces of two CPUs' output, and a line of another subsystem.
    @Test func debrisAndForeign() {
        #expect(Self.kind("1*128kB  [<ffffffffa8447afd>] ? start_secondary+0x14d/0x190") == .debris)
        #expect(Self.kind("e1000e: eth0 NIC Link is Down") == .foreign)
    }
}
