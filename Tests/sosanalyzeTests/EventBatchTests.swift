import Foundation
import Testing
@testable import SOSAnalyzer

/// The batch that `Samples/make_event_batch.py` builds from the real kernel-event samples:
/// `summarize` shows every kind with its evidence and timeline, and the correlator picks the
/// hosts with OOM kills when asked to.
@Suite struct EventBatchTests {
    struct Summary: Decodable {
        var reports: [Report]
    }

    static func batch() throws -> (folder: TemporaryFolder, path: String) {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("batch").path
        let script = CaseSummaryTests.repository.appendingPathComponent("Samples/make_event_batch.py").path
        let made = try Command.run("/usr/bin/env", ["python3", script, path])
        #expect(made.status == 0, "\(made.stderr)")
        return (folder, path)
    }

    @Test func summaryShowsEveryKindWithEvidence() throws {
        let (folder, path) = try Self.batch()
        defer { _ = folder }
        let json = try Command.sosanalyze(["summarize", "--format", "json", path])
        #expect(json.status == 0, "\(json.stderr)")
        let reports = try JSONDecoder().decode(Summary.self, from: Data(json.stdout.utf8)).reports
        #expect(reports.count == 6)
        let events = reports.flatMap(\.kernelEvents)
        #expect(Set(events.map(\.kind)) == Set(KernelEventKind.allCases))
        #expect(events.allSatisfy { ($0.source.line ?? 0) > 0 && !$0.message.isEmpty })
        // the timeline has a row for each kind a host logged, with the count of its events
        for report in reports {
            let kinds = Set(report.kernelEvents.map(\.kind.rawValue))
            #expect(Set(report.kernelTimeline.map(\.kind)) == kinds)
            for row in report.kernelTimeline {
                #expect(row.count == report.kernelEvents.filter { $0.kind.rawValue == row.kind }.reduce(0) { $0 + $1.count })
            }
        }
        // evhost01's soft lockup is in its messages and its dmesg: reported once, from messages
        let evhost01 = try #require(reports.first { $0.hostname == "evhost01.example.com" })
        #expect(evhost01.kernelEvents.filter { $0.kind == .softLockup }.map(\.source.member) == ["var/log/messages"])
        // evhost04 keeps Ubuntu's logs: kern.log and a gzipped syslog rotation are both read
        let evhost04 = try #require(reports.first { $0.hostname == "evhost04.example.com" })
        #expect(Set(evhost04.kernelEvents.map(\.source.member)).isSuperset(of: ["var/log/kern.log", "var/log/syslog.2.gz"]))
        #expect(evhost04.kernelEvents.contains { $0.kind == .panic && $0.crash })

        let markdown = try Command.sosanalyze(["summarize", path])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("## Kernel events by host"))
        #expect(markdown.stdout.contains("#### What the kernel logged"))
        #expect(markdown.stdout.contains("- **Kernel events:** `oom-kill` on 4 of 6 hosts"))
        for kind in KernelEventKind.allCases { #expect(markdown.stdout.contains("| \(kind.rawValue) "), "\(kind)") }
    }

    @Test func correlateOnOOMKills() throws {
        let (folder, path) = try Self.batch()
        defer { _ = folder }
        let result = try Command.sosanalyze(["correlate", "--format", "json", "--affected-if", "event:oom-kill", path])
        #expect(result.status == 0, "\(result.stderr)")
        let correlation = try JSONDecoder().decode(Correlation.self, from: Data(result.stdout.utf8))
        #expect(correlation.criterion == "kernel event oom-kill")
        #expect(correlation.affected.map(\.host).sorted() == ["evhost01.example.com", "evhost02.example.com",
                                                              "evhost03.example.com", "evhost04.example.com"])
        #expect(correlation.unaffected.map(\.host).sorted() == ["evhost05.example.com", "evhost06.example.com"])
        #expect(correlation.affected.allSatisfy { $0.reasons.first?.contains("oom-kill event") == true })
    }
}
