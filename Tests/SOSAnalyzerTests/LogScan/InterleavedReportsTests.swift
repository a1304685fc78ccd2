import Foundation
import Testing
@testable import SOSAnalyzer

/// Issue 16 item 7: two CPUs printing their allocation-failure reports at once. Headers and task
/// lines are told apart by comm and CPU; a call trace that follows two open task lines with no
/// printk caller id is nobody's for sure, and is said to be so rather than given to one.
@Suite struct InterleavedReportsTests {
    static func scan(_ text: String) -> (failures: [AllocationFailure], scanner: AllocationFailureScanner) {
        var scanner = AllocationFailureScanner()
        for line in TextLines(text) where !line.text.hasPrefix("# source:") { scanner.feed(line.text, number: line.number) }
        return (scanner.finish(), scanner)
    }

    @Test func untaggedTraceAfterTwoTaskLinesIsNotGuessed() throws {
        let (failures, _) = Self.scan(try MemoryFixtures.text("field", "allocfail-two-cpus-seagate-5465.txt"))
        #expect(failures.map(\.process) == ["swapper/21", "swapper/44"])
        #expect(failures.map(\.cpu) == [21, 44])
        #expect(failures.map(\.order) == [0, 0])
        #expect(failures.map(\.gfpMask) == ["0x20", "0x20"])
        #expect(failures.map(\.kernelRelease) == ["3.10.0-1062.el7.x86_64", "3.10.0-1062.el7.x86_64"])
        // Before: all six frames went to swapper/44, the last task line read.
        #expect(failures.map(\.callTrace) == [[], []])
        #expect(failures.first?.untangled == "printed at the same time as swapper/44 (CPU 44) with no printk caller ids: the call trace that follows cannot be told apart")
        #expect(failures.last?.untangled == "printed at the same time as swapper/21 (CPU 21) with no printk caller ids: the call trace that follows cannot be told apart")
        // The excerpts keep their own header and task line, and the trace lines either might own, as logged.
        #expect(failures.first?.excerpt.count == 2 + 7)
        #expect(failures.last?.excerpt.count == 3 + 7)
    }

    /// The same host's reports one after the other (the issue's own order) keep their traces.
    @Test func oneAfterTheOtherKeepsTheTrace() throws {
        let (failures, _) = Self.scan(try AllocationFailureCorpusTests.sample("allocfail-rhel7-01.txt"))
        #expect(failures.map(\.callTrace.count) == [6, 0])
        #expect(failures.allSatisfy { $0.untangled == nil })
    }

    /// The report the assembler builds says so too.
    @Test func reportNamesTheUntangledFailures() throws {
        let folder = try FolderReport("interleaved")
        defer { folder.remove() }
        try folder.write("var/log/messages", try MemoryFixtures.text("field", "allocfail-two-cpus-seagate-5465.txt")
            .split(separator: "\n").dropFirst().joined(separator: "\n") + "\n")
        let report = try #require(folder.read())
        #expect(report.allocationFailures.map(\.modules) == [[], []])
        #expect(report.allocationFailures.allSatisfy { $0.untangled != nil })
        #expect(report.problems.contains { $0.message.hasPrefix("allocation failure of swapper/21 at line 1 printed at the same time as swapper/44") })
    }

    /// Real interleaved dmesg (dCache #3787): swapper/20 and swapper/12 print at once, pieces of
    /// headers glued to other lines. Only swapper/20 has printed its task line when the trace
    /// comes (swapper/12's comes after swapper/20's Mem-Info, in the second excerpt), so
    /// the trace and its ixgbe frame are swapper/20's; swapper/12 keeps its own header's order and mask.
    @Test func realInterleavedDmesgKeepsEachReportsOwnLines() throws {
        let (failures, _) = Self.scan(try MemoryFixtures.text("field", "allocfail-interleaved-dcache-3787.txt"))
        #expect(failures.map(\.process) == ["swapper/20", "swapper/12"])
        #expect(failures.map(\.cpu) == [20, nil])
        #expect(failures.map(\.order) == [0, 0])
        #expect(failures.map(\.gfpMask) == ["0x2080020", "0x2080020"])
        #expect(failures.first?.gfpFlags == ["GFP_ATOMIC"])
        #expect(failures.first?.callTrace.first?.symbol == "dump_stack+0x5c/0x78")
        #expect(failures.first?.callTrace.count == 8)
        #expect(failures.first?.modules == ["ixgbe"])
        #expect(failures.last?.callTrace == [])
        #expect(failures.last?.modules == [])
        #expect(failures.allSatisfy { $0.untangled == nil })
    }

    /// Two task lines printed, then an untagged trace whose `[secs.usecs]` stamps go back before
    /// swapper/12's lines: timestamp continuity says it is swapper/20's (the order is composed
    /// from the real lines; without stamps the same order is left untangled, above).
    @Test func stampThatGoesBackBelongsToTheOtherReport() throws {
        let (failures, _) = Self.scan(try MemoryFixtures.text("field", "allocfail-stamps-dcache-3787.txt"))
        #expect(failures.map(\.process) == ["swapper/20", "swapper/12"])
        #expect(failures.map(\.cpu) == [20, 12])
        #expect(failures.map(\.order) == [0, 0])
        #expect(failures.map(\.gfpMask) == ["0x2080020", "0x2080020"])
        #expect(failures.map(\.callTrace.count) == [8, 0])
        #expect(failures.map(\.modules) == [["ixgbe"], []])
        #expect(failures.allSatisfy { $0.untangled == nil })
    }

    /// The same lines with the stamps stripped cannot be told apart: both are said to be untangled.
    @Test func sameOrderWithoutStampsIsUntangled() throws {
        let text = try MemoryFixtures.text("field", "allocfail-stamps-dcache-3787.txt")
            .split(separator: "\n").map { line in
                line.hasPrefix("[") ? String(line.drop(while: { $0 != "]" }).dropFirst()) : String(line)
            }.joined(separator: "\n")
        let (failures, _) = Self.scan(text)
        #expect(failures.map(\.callTrace) == [[], []])
        #expect(failures.allSatisfy { $0.untangled != nil })
    }

    /// The real interleaved dmesg read as a report's `sos_commands/kernel/dmesg`: two failures,
    /// the ixgbe module on swapper/20's only, nothing said to be untangled.
    @Test func reportOfTheRealInterleavedDmesg() throws {
        let folder = try FolderReport("interleaved-dcache")
        defer { folder.remove() }
        try folder.write("sos_commands/kernel/dmesg", try MemoryFixtures.text("field", "allocfail-interleaved-dcache-3787.txt")
            .split(separator: "\n").dropFirst().joined(separator: "\n") + "\n")
        let report = try #require(folder.read())
        #expect(report.allocationFailures.map(\.process) == ["swapper/20", "swapper/12"])
        #expect(report.allocationFailures.map(\.modules) == [["ixgbe"], []])
        #expect(report.allocationFailures.allSatisfy { $0.untangled == nil })
        #expect(!report.problems.contains { $0.message.contains("printed at the same time") })
    }
}
