import Foundation
import Testing
@testable import SOSAnalyzer

/// One event in three logs of a report is one event. The samples are real syslog lines
/// (Fixtures/events); their `dmesg` copies are the same lines with the syslog header taken off,
/// as the ring buffer holds them, and `dmesg -T` is not needed: its lines read as the same message.
@Suite struct KernelEventDeduplicationTests {
    static func scan(_ lines: [String], member: String) -> [KernelEvent] {
        var scan = KernelLogScan(member: member)
        for (index, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBufferPointer { scan.feed(UnsafeBufferPointer($0), number: index + 1) }
        }
        return scan.kernelEvents
    }

    static func lines(_ sample: String) throws -> [String] {
        let url = try #require(Bundle.module.url(forResource: sample, withExtension: "txt", subdirectory: "Fixtures/events"))
        return String(decoding: try Data(contentsOf: url), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// "Nov 17 13:16:56 superserver kernel: [11314.655315] ..." → "[11314.655315] ..."
    static func ringBuffer(_ syslog: [String]) -> [String] {
        syslog.compactMap { line in line.range(of: " kernel: ").map { String(line[$0.upperBound...]) } }
    }

    @Test func sameEventInMessagesDmesgAndJournalIsOne() throws {
        let syslog = try Self.lines("link-down-4.x-ixgbe-syslog") + Self.lines("soft-lockup-2.6.32-syslog")
        let perMember = [
            (member: "sos_commands/kernel/dmesg", failures: Self.scan(Self.ringBuffer(syslog), member: "sos_commands/kernel/dmesg")),
            (member: "var/log/messages", failures: Self.scan(syslog, member: "var/log/messages")),
            (member: "sos_commands/logs/journalctl_--no-pager", failures: Self.scan(syslog, member: "sos_commands/logs/journalctl_--no-pager")),
        ]
        #expect(perMember.map(\.failures.count) == [2, 2, 2])
        let distinct = KernelLogDeduplication.distinct(perMember)
        #expect(distinct.map(\.1.kind) == [.linkDown, .softLockup])
        // the syslog copy is believed on a tie: its lines carry the wall clock
        #expect(distinct.map(\.0) == ["var/log/messages", "var/log/messages"])
        #expect(distinct.first?.1.timestamp == "Nov 17 13:16:56")
    }

    /// A rotation and the current file are one family: their events add up.
    @Test func rotationsAddUp() throws {
        let flap = try Self.lines("io-error-4.x-print-req-syslog")
        let perMember = [
            (member: "var/log/messages-20190614", failures: Self.scan(Array(flap.prefix(2)), member: "var/log/messages-20190614")),
            (member: "var/log/messages", failures: Self.scan(Array(flap.dropFirst(2)), member: "var/log/messages")),
        ]
        let distinct = KernelLogDeduplication.distinct(perMember)
        #expect(distinct.map(\.0) == ["var/log/messages-20190614", "var/log/messages"])
        #expect(distinct.map(\.1.count) == [2, 2])
    }

    @Test func journalExportsAreFamiliesOfTheirOwn() {
        #expect(KernelLogDeduplication.family(of: "sos_commands/logs/journalctl_--no-pager")
                != KernelLogDeduplication.family(of: "sos_commands/logs/journalctl_--no-pager_--boot"))
        #expect(KernelLogDeduplication.family(of: "sos_strings/logs/journalctl_--no-pager.tailed")
                == KernelLogDeduplication.family(of: "sos_commands/logs/journalctl_--no-pager"))
        #expect(FactCatalog.kernelLogs.wants("sos_commands/logs/journalctl_--no-pager_--catalog_--boot_-1"))
        #expect(FactCatalog.kernelLogs.wants("var/log/kern.log.2.gz"))
        #expect(FactCatalog.kernelLogs.wants("var/log/syslog.3.gz"))
        #expect(FactCatalog.kernelLogs.wants("var/log/messages-20240101.gz"))
        #expect(FactCatalog.kernelLogs.wants("var/crash/127.0.0.1-2024-01-14-23:59:01/vmcore-dmesg.txt"))
    }
}
