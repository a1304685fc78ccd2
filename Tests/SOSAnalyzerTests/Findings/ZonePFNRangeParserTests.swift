import Testing
@testable import SOSAnalyzer

@Suite struct ZonePFNRangeParserTests {
    /// The doc comment's sample (RHEL 6 boot log of `Samples/` dbnode01), fed through a log scan.
    @Test func rhel6BootLogThroughTheScan() {
        var scan = KernelLogScan(member: "var/log/dmesg")
        let lines = [
            "last_pfn = 0x2040000 max_arch_pfn = 0x400000000",
            "Zone PFN ranges:",
            "  DMA      0x00000010 -> 0x00001000",
            "  DMA32    0x00001000 -> 0x00100000",
            "  Normal   0x00100000 -> 0x02040000",
            "Movable zone start PFN for each node",
        ]
        for (index, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBufferPointer { scan.feed(UnsafeBufferPointer($0), number: index + 1) }
        }
        #expect(scan.zoneRanges == [
            ZonePFNRange(zone: "DMA", startPFN: 0x10, endPFN: 0x1000, line: 3),
            ZonePFNRange(zone: "DMA32", startPFN: 0x1000, endPFN: 0x100000, line: 4),
            ZonePFNRange(zone: "Normal", startPFN: 0x100000, endPFN: 0x2040000, line: 5),
        ])
        let record = ZonePFNRangeRecord(scan.zoneRanges[2], member: "var/log/dmesg")
        #expect(record.addressRange == "4 GiB – 129 GiB")
        #expect(record.source.description == "var/log/dmesg:5")
    }

    /// 3.x+ prints addresses with an inclusive end, behind syslog prefixes.
    @Test func memRangesInSyslog() {
        var scan = KernelLogScan(member: "var/log/messages")
        let lines = [
            "Mar 12 08:00:01 infra21 kernel: Zone ranges:",
            "Mar 12 08:00:01 infra21 kernel:  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
            "Mar 12 08:00:01 infra21 kernel:  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]",
            "Mar 12 08:00:01 infra21 kernel:  Normal   empty",
            "Mar 12 08:00:01 infra21 kernel: Movable zone start for each node",
        ]
        for (index, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBufferPointer { scan.feed(UnsafeBufferPointer($0), number: index + 1) }
        }
        #expect(scan.zoneRanges == [
            ZonePFNRange(zone: "DMA", startPFN: 1, endPFN: 0x1000, line: 2),
            ZonePFNRange(zone: "DMA32", startPFN: 0x1000, endPFN: 0x100000, line: 3),
        ])
    }

    @Test func rhel5DecimalForm() {
        #expect(ZonePFNRangeParser.range(in: "  DMA             0 ->     4096", line: 7)
                == ZonePFNRange(zone: "DMA", startPFN: 0, endPFN: 4096, line: 7))
        #expect(ZonePFNRangeParser.range(in: "Movable zone start PFN for each node", line: 8) == nil)
        #expect(ZonePFNRangeParser.isHeader("Zone PFN ranges:"))
    }
}
