import Foundation
import Testing
@testable import SOSAnalyzer

/// Issue 16 item 9: zoneinfo zones with no pages.
@Suite struct EmptyZoneTests {
    /// The real 5.4 zoneinfo of k8stest-4 lists Movable and Device with zeros (lines 157, 166).
    @Test func emptyZonesShowAsEmpty() throws {
        let folder = try FolderReport("field-zones")
        defer { folder.remove() }
        try folder.write("proc/zoneinfo", try MemoryFixtures.text("real", "zoneinfo-k8stest-4.txt"))
        let report = try #require(folder.read())
        #expect(report.zoneinfo.map(\.zone) == ["DMA", "DMA32", "Normal", "Movable", "Device"])
        let dma32 = try #require(report.zoneinfo.first { $0.zone == "DMA32" })
        #expect((dma32.minPages, dma32.lowPages, dma32.highPages) == (12698, 15872, 19046))
        #expect(dma32.empty == nil)
        let movable = try #require(report.zoneinfo.first { $0.zone == "Movable" })
        #expect(movable.empty == true)
        #expect(movable.source == Evidence(member: "proc/zoneinfo", line: 157))
    }

    /// Invented edge case: an empty zone printed as its header alone, between two zones (the
    /// shape issue 16 reports); the next zone keeps its watermarks.
    @Test func headerOnlyZone() throws {
        let text = """
            Node 0, zone      DMA
              pages free     3962
                    min      67
                    low      83
                    high     99
                    present  3998
            Node 0, zone  Movable
            Node 0, zone   Normal
              pages free     5146
                    min      4130
                    low      5162
                    high     6194
                    present  262144

            """
        let folder = try FolderReport("field-zones-bare")
        defer { folder.remove() }
        try folder.write("proc/zoneinfo", text)
        let report = try #require(folder.read())
        #expect(report.zoneinfo.map(\.zone) == ["DMA", "Movable", "Normal"])
        #expect(report.zoneinfo[1].empty == true)
        #expect(report.zoneinfo[2].minPages == 4130)
        #expect(report.zoneinfo[2].highPages == 6194)
    }
}
