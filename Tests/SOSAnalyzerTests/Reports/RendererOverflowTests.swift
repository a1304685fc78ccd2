import Foundation
import Testing
@testable import SOSAnalyzer

/// Numbers from a corrupt or hostile file that fit in `Int` but not once turned into bytes: every
/// renderer must print them, not trap. (Found by the `archive` fuzz target, 27 Nov 2026: a
/// buddyinfo count of about 2^62 at order 0 trapped `inspect`'s text renderer summing free bytes.)
@Suite struct RendererOverflowTests {
    static let report = TinyReport.make(
        os: ("rhel", "6.4"), kernel: "2.6.32-358.el6.x86_64", modules: ["mlx4_en"],
        failures: [TinyReport.failure("swapper", order: Int.max, mask: "0xffffffffffffffff", line: 1)],
        memTotalKiB: Int.max,
        buddyinfo: [
            TinyReport.buddy(0, "Normal", [Int.max, Int.max, 1 << 62, 1, 1, 1, 1, 1, 1, 1, 1], line: 1),
            TinyReport.buddy(Int.max, "DMA", [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, Int.max], line: 2),
            TinyReport.buddy(1, "Normal", Array(repeating: Int.max, count: 70), line: 3),
        ],
        zoneinfo: [TinyReport.zone(0, "Normal", free: Int.max, min: Int.max, low: Int.max, high: Int.max, line: 1)],
        sysctl: ["vm.min_free_kbytes": Int.max, "vm.zone_reclaim_mode": Int.max])

    @Test("inspect's text: the free column saturates")
    func text() {
        let text = TextReportRenderer.render(Self.report)
        #expect(text.contains("Free memory by block size"))
        #expect(text.contains("\(Int.max)"), "the counts are printed as read")
    }

    @Test("summarize's Markdown and both JSON documents")
    func summaryAndJSON() throws {
        let batch = BatchOutcome(reports: [Self.report], problems: [], inputCount: 1)
        #expect(MarkdownSummaryRenderer.render(batch).contains("Normal"))
        #expect(try JSONRendering.render(BatchDocument(batch)).contains("\(Int.max)"))
        #expect(try JSONRendering.render(Self.report).contains("buddyinfo"))
    }
}
