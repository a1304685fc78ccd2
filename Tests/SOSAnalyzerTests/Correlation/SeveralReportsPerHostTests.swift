import Foundation
import Testing
@testable import SOSAnalyzer

/// Several reports of one host count as one host: the Samples fleet plus a second report of
/// web07 (the extracted folder copied, collected a day later, its Normal zone exhausted by then).
@Suite struct SeveralReportsPerHostTests {
    /// The Samples fleet in a temporary folder, with `web07` twice; the second copy a day later
    /// and affected. With `otherUUID`, a third copy whose dmidecode names another machine.
    static func batch(otherUUID: Bool = false) throws -> URL {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("several-reports-\(UUID().uuidString)")
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try fileManager.contentsOfDirectory(atPath: SharedData.samples.path)
        where name.hasPrefix("sosreport-") || name.hasPrefix("web07-") {
            try fileManager.copyItem(at: SharedData.samples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let original = folder.appendingPathComponent("web07-2013051711481368791289")
        let later = folder.appendingPathComponent("web07-2013051811481368877689")
        try fileManager.copyItem(at: original, to: later)
        try "Sat May 18 11:48:09 CEST 2013\n".write(to: later.appendingPathComponent("sos_commands/general/date"), atomically: true, encoding: .utf8)
        let buddyinfo = later.appendingPathComponent("proc/buddyinfo")
        let rows = try String(contentsOf: buddyinfo, encoding: .utf8)
            .replacingOccurrences(of: "Node 0, zone   Normal  24768   7137   5903   1720   1213    587    122     97     65     26    908",
                                  with: "Node 0, zone   Normal  11569   3469      3      0      0      0      0      0      0      0      0")
        try rows.write(to: buddyinfo, atomically: true, encoding: .utf8)
        if otherUUID {
            let clone = folder.appendingPathComponent("web07-2013051911481368964089")
            try fileManager.copyItem(at: original, to: clone)
            let dmidecode = clone.appendingPathComponent("sos_commands/hardware/dmidecode")
            try String(contentsOf: dmidecode, encoding: .utf8)
                .replacingOccurrences(of: "DC8E3DA1-08F6-ECB1-65AC-FED258E963A4", with: "DC8E3DA1-08F6-ECB1-65AC-FED258E96300")
                .write(to: dmidecode, atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func twoReportsOfWeb07AreOneAffectedHost() async throws {
        let folder = try Self.batch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = await BatchReader.read(paths: [folder.path], jobs: 2)
        #expect(outcome.reports.count == 12)
        let summary = CaseSummary(outcome)
        #expect(summary.hosts.count == 11)
        let correlation = summary.correlation
        #expect(correlation.reportCount == 12)
        #expect(correlation.hosts.count == 11)
        let web07 = try #require(correlation.hosts.first { $0.hostname == "web07.dmz.example.com" })
        #expect(web07.id == "system-uuid:dc8e3da1-08f6-ecb1-65ac-fed258e963a4")
        #expect(web07.reports.map { URL(fileURLWithPath: $0).lastPathComponent }
            == ["web07-2013051711481368791289", "web07-2013051811481368877689"])
        #expect(web07.affected)
        // 6 affected hosts of 11: web07 counts once, affected by its later report.
        #expect(correlation.affected.count == 6)
        #expect(correlation.unaffected.count == 5)
        let judged = try #require(correlation.affected.first { $0.host == "web07.dmz.example.com" })
        #expect(judged.source.hasSuffix("web07-2013051811481368877689"))
        #expect(judged.reasons.count == 1)
        #expect(judged.reasons.first?.hasPrefix("Sat May 18 11:48:09 CEST 2013: high orders exhausted in Node 0 Normal") == true)
        #expect(correlation.traitSets.allSatisfy { $0.affectedTotal == 6 && $0.unaffectedTotal == 5 })
        #expect(correlation.notes.contains("1 host has several reports; each host counts once, affected when any of its reports is"))
        let timeline = try #require(correlation.timelines.first)
        #expect(correlation.timelines.count == 1)
        #expect(timeline.reports.map(\.affected) == [false, true])
        #expect(timeline.highOrderTrend.first { $0.node == 0 && $0.zone == "Normal" }?.trend == "falling")

        #expect(summary.verdict.sentence.hasPrefix("6 of 11 hosts are affected (6 of 12 reports): "))
        let markdown = MarkdownSummaryRenderer.render(summary)
        #expect(markdown.hasPrefix("# Case summary: 11 hosts (12 sosreports)\n"))
        #expect(markdown.contains("## Hosts with several reports"))
        #expect(markdown.contains("**web07**: 2 reports, oldest first."))
        #expect(markdown.contains("- Node 0 Normal, free blocks of order ≥ 2: 10641 → 3 (falling)"))
        #expect(markdown.contains("### web07.dmz.example.com, 2013-05-18 11:48:09 (affected)"))
        #expect(markdown.contains("[web07](#web07dmzexamplecom-2013-05-18-114809-affected)"))
        // The fleet table lists web07's reports together, oldest first.
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| web07") }
        #expect(rows.count >= 2)
        #expect(rows.first?.hasPrefix("| web07 (2013-05-17 11:48:09)") == true)
        let json = BatchDocument(summary)
        #expect(json.correlation.hosts.count == 11)
    }

    @Test func anotherUUIDUnderTheSameNameIsAnotherHost() async throws {
        let folder = try Self.batch(otherUUID: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = await BatchReader.read(paths: [folder.path], jobs: 2)
        let hosts = HostIdentity.group(outcome.reports)
        #expect(outcome.reports.count == 13)
        #expect(hosts.count == 12)
        #expect(hosts.filter { $0.hostname == "web07.dmz.example.com" }.map(\.reports.count).sorted() == [1, 2])
    }

    /// dbnode01's report twice (the same archive taken again: the same 5 failures in its
    /// `var/log/messages`): the verdict counts dbnode01's failures once, 17 in all, not 22.
    @Test func failuresOfAHostWithSeveralReportsCountOnce() async throws {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("several-failures-\(UUID().uuidString)")
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: folder) }
        for name in try fileManager.contentsOfDirectory(atPath: SharedData.samples.path)
        where name.hasPrefix("sosreport-") || name.hasPrefix("web07-") {
            try fileManager.copyItem(at: SharedData.samples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try fileManager.copyItem(at: SharedData.samples.appendingPathComponent("sosreport-dbnode01-20130514091203-e9e3.tar.xz"),
                                 to: folder.appendingPathComponent("sosreport-dbnode01-20130515091203-e9e4.tar.xz"))
        let outcome = await BatchReader.read(paths: [folder.path], jobs: 2)
        #expect(outcome.reports.count == 12)
        let summary = CaseSummary(outcome)
        #expect(summary.hosts.count == 11)
        let dbnode01 = outcome.reports.filter { $0.hostname == "dbnode01.prod.example.com" }
        #expect(dbnode01.map(\.allocationFailures.count) == [5, 5])
        #expect(summary.verdict.failureCount == 17)
        #expect(summary.verdict.modules.map { "\($0.name) (\($0.failures))" } == ["mlx4_en (15)", "vxfs (2)"])
        #expect(summary.verdict.sentence.hasPrefix("5 of 11 hosts are affected (6 of 12 reports): 17 page allocation failures of order 2–3"))
        #expect(summary.presentedHosts.count == 11)
        #expect(summary.presentedHosts.map(\.count).reduce(0, +) == 12)
    }

    /// The doc sample of `FleetVerdict.distinctFailures`: web07's 3 failures of May 13 02:14:51
    /// in two reports a day apart count 3; with a fourth in the later report, 4; a burst of two
    /// at the same second in one report stays two.
    @Test func distinctFailuresBelieveTheReportThatHoldsAFailureMostOften() {
        func failure(_ timestamp: String, pid: Int = 2113) -> AllocationFailureRecord {
            AllocationFailureRecord(process: "swapper", pid: pid, cpu: 0, order: 2, gfpMask: "0x4020", gfpFlags: [],
                                    gfpDescription: nil, modules: ["mlx4_en"], timestamp: timestamp,
                                    source: Evidence(member: "var/log/messages", line: 19))
        }
        let three = [failure("May 13 02:14:51"), failure("May 13 02:14:51", pid: 2114), failure("May 13 02:14:52")]
        #expect(FleetVerdict.distinctFailures([three, three]).count == 3)
        #expect(FleetVerdict.distinctFailures([three, three + [failure("May 14 07:55:41")]]).count == 4)
        let burst = [failure("May 13 02:14:51"), failure("May 13 02:14:51")]
        #expect(FleetVerdict.distinctFailures([burst, [failure("May 13 02:14:51")]]).count == 2)
        #expect(FleetVerdict.distinctFailures([three]).count == 3)
        #expect(FleetVerdict.distinctFailures([]).isEmpty)
    }
}
