import Testing
@testable import SOSAnalyzer

/// Each bundled rule against a tiny report showing its signature (the exact finding) and a near
/// miss (no finding). The whole bundled book is evaluated, so no other rule may fire either.
@Suite struct KnownIssueRuleTests {
    let book = KnownIssueBook.bundled
    typealias R = TinyReport

    private func only(_ report: Report) throws -> Finding {
        let findings = book.evaluate(report)
        #expect(findings.count == 1, "\(findings.map(\.id))")
        return try #require(findings.first)
    }

    @Test func bundledRulesAllLoad() {
        #expect(book.problems == [])
        #expect(book.rules.count == 29)
        #expect(book.rules.allSatisfy { $0.file?.hasPrefix("bundled/") == true && !$0.references.isEmpty })
        #expect(book.logPatterns.map(\.rule).sorted() == [
            "vmxnet3-order9-null-deref", "xfs-kmem-alloc-deadlock", "zfs-spl-memory-pressure", "zfs-spl-memory-pressure",
        ])
    }

    @Test func mlx4ReferenceCase() throws {
        let report = R.make(
            os: ("rhel", "6.4"), kernel: "2.6.32-358.el6.x86_64", modules: ["mlx4_en", "mlx4_core"],
            nics: [("eth2", "mlx4_en")],
            failures: [R.failure("swapper", order: 2, mask: "0x4020", modules: ["mlx4_en"], line: 25),
                       R.failure("vxfs_thread", order: 3, mask: "0x20", modules: ["vxfs"], line: 389)])
        let finding = try only(report)
        #expect(finding.id == "known-issue.mlx4-en-rhel64-high-order-leak")
        #expect(finding.severity == .error)
        #expect(finding.title == "Known issue: mlx4_en in the RHEL 6.4 kernel (2.6.32-358.el6.x86_64) leaks high-order pages; fixed in RHEL 6.5 (kernel 2.6.32-431)")
        #expect(finding.fix == "RHEL 6.5 (kernel 2.6.32-431)")
        #expect(finding.references == ["https://access.redhat.com/solutions/532413",
                                       "https://www.redhat.com/en/blog/memory-zones-and-linux-driver-issue"])
        #expect(finding.evidence.map(\.description) == [
            "sos_commands/kernel/uname_-a:1", "sos_commands/kernel/lsmod:2",
            "sos_commands/networking/ethtool_-i_eth2:1", "var/log/messages:25",
        ])
        #expect(finding.detail?.contains("fail (1 here, orders 2, in code of mlx4_en)") == true)
        #expect(finding.detail?.hasSuffix("Fixed in: RHEL 6.5 (kernel 2.6.32-431)") == true)
    }

    @Test func mlx4ReferenceCaseOnExhaustionAlone() throws {
        let report = R.make(kernel: "2.6.32-358.6.1.el6.x86_64", modules: ["mlx4_en"],
                            buddyinfo: R.dbnode01Buddy, zoneinfo: R.dbnode01Zones)
        let finding = try only(report)
        #expect(finding.id == "known-issue.mlx4-en-rhel64-high-order-leak")
        #expect(finding.evidence.map(\.description) == [
            "sos_commands/kernel/uname_-a:1", "sos_commands/kernel/lsmod:2",
            "proc/buddyinfo:2", "proc/buddyinfo:3", "proc/buddyinfo:4",
        ])
    }

    @Test func mlx4NearMisses() {
        // RHEL 6.3 kernel, same driver and failures: not this issue.
        #expect(book.evaluate(R.make(kernel: "2.6.32-279.19.1.el6.x86_64", modules: ["mlx4_en"],
                                     failures: [R.failure("swapper", order: 2, mask: "0x4020", modules: ["mlx4_en"], line: 5)])) == [])
        // RHEL 6.4 without mlx4_en, healthy memory.
        #expect(book.evaluate(R.make(kernel: "2.6.32-358.2.1.el6.x86_64", modules: ["igb"])) == [])
        // mlx4_en on 6.4 with only an order-1 failure and no exhaustion.
        #expect(book.evaluate(R.make(kernel: "2.6.32-358.el6.x86_64", modules: ["mlx4_en"],
                                     failures: [R.failure("swapper", order: 1, mask: "0x4020", modules: ["mlx4_en"], line: 5)])) == [])
    }

    @Test func bnx2xOrder2() throws {
        let finding = try only(R.make(failures: [R.failure("swapper", order: 2, mask: "0x4020", modules: ["bnx2x"], line: 7)]))
        #expect(finding.id == "known-issue.bnx2x-order2-atomic")
        #expect(finding.severity == .warning)
        #expect(finding.title == "Order-2 allocation failures in the bnx2x receive path (1)")
        #expect(finding.evidence.map(\.description) == ["var/log/messages:7"])
        #expect(finding.fix == nil)
        #expect(book.evaluate(R.make(failures: [R.failure("swapper", order: 3, mask: "0x4020", modules: ["bnx2x"], line: 7)])) == [])
    }

    @Test func ixgbeOrder2Skb() throws {
        let finding = try only(R.make(failures: [
            R.failure("ceph-osd", order: 2, mask: "0x4020", modules: ["ixgbe"], line: 11),
            R.failure("ceph-osd", order: 2, mask: "0x4020", modules: ["ixgbe"], line: 60),
        ]))
        #expect(finding.id == "known-issue.ixgbe-order2-atomic-skb")
        #expect(finding.title == "Order-2 atomic skb allocation failures in ixgbe (2, mode 0x4020)")
        #expect(finding.evidence.map(\.description) == ["var/log/messages:11", "var/log/messages:60"])
        #expect(book.evaluate(R.make(failures: [R.failure("x", order: 2, mask: "0xd0", modules: ["ixgbe"], line: 1)])) == [])
    }

    @Test func jumboFrames() throws {
        let finding = try only(R.make(kernel: "2.6.32-71.el6.x86_64",
                                      failures: [R.failure("kswapd0", order: 2, mask: "0x4020", modules: ["e1000e"], line: 3)]))
        #expect(finding.id == "known-issue.jumbo-frame-rx-order2")
        #expect(finding.title == "Jumbo-frame receive buffers of order 2+ fail in e1000e (1 failures)")
        #expect(finding.evidence.map(\.description) == ["sos_commands/kernel/uname_-a:1", "var/log/messages:3"])
        #expect(finding.fix == "page-split receive (e1000e and later driver versions)")
        // A 3.10 kernel is outside the range.
        #expect(book.evaluate(R.make(kernel: "3.10.0-1160.el7.x86_64",
                                     failures: [R.failure("kswapd0", order: 2, mask: "0x4020", modules: ["e1000e"], line: 3)])) == [])
    }

    @Test func iwlwifi() throws {
        let finding = try only(R.make(failures: [R.failure("swapper", order: 2, mask: "0x4020", modules: ["iwlcore"], line: 9)]))
        #expect(finding.id == "known-issue.iwlwifi-rx-order2")
        #expect(finding.title == "Intel wireless receive buffers of order 2 fail (1)")
        #expect(finding.evidence.map(\.description) == ["var/log/messages:9"])
        #expect(book.evaluate(R.make(failures: [R.failure("swapper", order: 1, mask: "0x4020", modules: ["iwlcore"], line: 9)])) == [])
    }

    @Test func forcedeth() throws {
        let finding = try only(R.make(failures: [R.failure("swapper", order: 2, mask: "0x4020", modules: ["forcedeth"], line: 4)]))
        #expect(finding.id == "known-issue.forcedeth-rx-order2")
        #expect(finding.title == "forcedeth receive buffers of order 2+ fail (1)")
        #expect(finding.evidence.map(\.description) == ["var/log/messages:4"])
        #expect(book.evaluate(R.make(failures: [R.failure("swapper", order: 0, mask: "0x20", modules: ["forcedeth"], line: 4)])) == [])
    }

    @Test func ipoibLargeMTU() throws {
        let finding = try only(R.make(modules: ["ib_ipoib"], failures: [R.failure("kworker/0:1", order: 5, mask: "0x20", line: 30)]))
        #expect(finding.id == "known-issue.ipoib-large-mtu-order5")
        #expect(finding.severity == .error)
        #expect(finding.title == "Order-5 allocation failures with IPoIB loaded: a 65520-byte connected-mode MTU needs order-5 blocks")
        #expect(finding.evidence.map(\.description) == ["sos_commands/kernel/lsmod:2", "var/log/messages:30"])
        // The same failure without IPoIB loaded.
        #expect(book.evaluate(R.make(modules: ["mlx4_ib"], failures: [R.failure("kworker/0:1", order: 5, mask: "0x20", line: 30)])) == [])
    }

    @Test func xfsDeadlock() throws {
        let line = KernelLogMatch(rule: "xfs-kmem-alloc-deadlock",
                                  text: "XFS: java(4125) possible memory allocation deadlock size 65536 in kmem_alloc (mode:0x250)",
                                  source: Evidence(member: "var/log/messages", line: 812))
        let finding = try only(R.make(logMatches: [line]))
        #expect(finding.id == "known-issue.xfs-kmem-alloc-deadlock")
        #expect(finding.title == "XFS reports possible memory allocation deadlocks (kmem_alloc retries)")
        #expect(finding.evidence.map(\.description) == ["var/log/messages:812"])
        #expect(finding.detail?.contains("cgroup.memory=nokmem") == true)
        // A line matched for another rule does not count.
        #expect(book.evaluate(R.make(logMatches: [KernelLogMatch(rule: "other", text: line.text, source: line.source)])) == [])
    }

    @Test func nfsd() throws {
        let finding = try only(R.make(failures: [R.failure("nfsd", order: 0, mask: "0x20", line: 14)]))
        #expect(finding.id == "known-issue.nfsd-atomic-skb")
        #expect(finding.title == "nfsd allocation failures (1): atomic skb allocations under NFS write load")
        #expect(finding.evidence.map(\.description) == ["var/log/messages:14"])
        #expect(book.evaluate(R.make(failures: [R.failure("nfsd4", order: 0, mask: "0x20", line: 14)])) == [])
    }

    @Test func cifsd() throws {
        let finding = try only(R.make(failures: [R.failure("cifsd", order: 3, mask: "0xd0", line: 2)]))
        #expect(finding.id == "known-issue.cifsd-order3")
        #expect(finding.title == "cifsd order-3 allocation failures (1): CIFS buffers just over 4 pages")
        #expect(finding.evidence.map(\.description) == ["var/log/messages:2"])
        #expect(book.evaluate(R.make(failures: [R.failure("cifsd", order: 2, mask: "0xd0", line: 2)])) == [])
    }

    @Test func zfsByProcessOrLog() throws {
        let byProcess = try only(R.make(failures: [R.failure("txg_sync", order: 0, mask: "0x20", line: 100)]))
        #expect(byProcess.id == "known-issue.zfs-spl-memory-pressure")
        #expect(byProcess.title == "ZFS/SPL memory pressure: allocation failures or SPL deadlock warnings")
        #expect(byProcess.evidence.map(\.description) == ["var/log/messages:100"])
        let byLog = try only(R.make(logMatches: [KernelLogMatch(
            rule: "zfs-spl-memory-pressure", text: "SPL: Possible memory allocation deadlock: size=32784 lflags=0x1404200",
            source: Evidence(member: "var/log/messages", line: 77))]))
        #expect(byLog.evidence.map(\.description) == ["var/log/messages:77"])
        #expect(book.evaluate(R.make(failures: [R.failure("txg", order: 0, mask: "0x20", line: 100)])) == [])
    }

    @Test func vmxnet3() throws {
        let finding = try only(R.make(failures: [R.failure("ethtool", order: 9, mask: "0x6000c0", modules: ["vmxnet3"], line: 40)]))
        #expect(finding.id == "known-issue.vmxnet3-order9-null-deref")
        #expect(finding.severity == .error)
        #expect(finding.title == "vmxnet3: a failed order-9 rx data ring allocation leads to a NULL pointer dereference")
        #expect(finding.evidence.map(\.description) == ["var/log/messages:40"])
        #expect(finding.fix == "upstream \"net: vmxnet3: Fix NULL pointer dereference in vmxnet3_rq_rx_complete()\" (2023)")
        #expect(book.evaluate(R.make(failures: [R.failure("ethtool", order: 8, mask: "0x6000c0", modules: ["vmxnet3"], line: 40)])) == [])
    }

    @Test func nvidiaDMA32() throws {
        let report = R.make(kernel: "4.4.0-21-generic", modules: ["nvidia"],
                            failures: [R.failure("Xorg", order: 0, mask: "0x2d4", modules: ["nvidia"], flags: ["__GFP_DMA32", "__GFP_IO"], line: 50)],
                            memTotalKiB: 264_000_000)
        let finding = try only(report)
        #expect(finding.id == "known-issue.nvidia-dma32-exhaustion")
        #expect(finding.title == "NVIDIA driver: allocations in the 32-bit DMA zone fail on a host with 1 DMA32 failures and 128 GiB+ memory")
        #expect(finding.evidence.map(\.description) == [
            "sos_commands/kernel/uname_-a:1", "sos_commands/kernel/lsmod:2", "var/log/messages:50", "proc/meminfo:1",
        ])
        // 64 GiB host: not this.
        var small = report
        small.memory?.memTotalKiB = 64_000_000
        #expect(book.evaluate(small) == [])
    }

    @Test func rhel6OrderOneFlood() throws {
        let failures = (0..<12).map { R.failure("swapper", order: 1, mask: "0x20", line: 10 + $0 * 40) }
        let finding = try only(R.make(kernel: "2.6.32-220.el6.x86_64", failures: failures))
        #expect(finding.id == "known-issue.rhel6-order1-atomic-flood")
        #expect(finding.severity == .info)
        #expect(finding.title == "Flood of order-1 GFP_ATOMIC failures (12) on a RHEL 6.2+ kernel: usually benign dropped packets")
        #expect(finding.evidence.map(\.description) == [
            "sos_commands/kernel/uname_-a:1", "var/log/messages:10", "var/log/messages:50", "var/log/messages:90",
            "var/log/messages:130", "var/log/messages:170",
        ])
        // The same flood on RHEL 6.1 (2.6.32-131) is before the range.
        #expect(book.evaluate(R.make(kernel: "2.6.32-131.0.15.el6.x86_64", failures: failures)) == [])
        // Nine failures are not a flood.
        #expect(book.evaluate(R.make(kernel: "2.6.32-220.el6.x86_64", failures: Array(failures.prefix(9)))) == [])
    }

    @Test func packetCapture() throws {
        let finding = try only(R.make(failures: [R.failure("pfcount", order: 4, mask: "0x20", modules: ["pf_ring"], line: 21)]))
        #expect(finding.id == "known-issue.packet-capture-large-buffers")
        #expect(finding.title == "Out-of-tree capture module pf_ring fails large contiguous allocations (1, orders 4)")
        #expect(finding.evidence.map(\.description) == ["var/log/messages:21"])
        #expect(book.evaluate(R.make(failures: [R.failure("pfcount", order: 2, mask: "0x20", modules: ["pf_ring"], line: 21)])) == [])
    }
}
