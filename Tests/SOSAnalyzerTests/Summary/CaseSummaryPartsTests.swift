import Foundation
@testable import SOSAnalyzer
import Testing

/// The pieces of the case summary that stand alone: the failure excerpt, the exhaustion rule,
/// the Markdown table, the redaction of text.
@Suite struct CaseSummaryPartsTests {
    /// Corpus `allocfail-rhel6-01.txt` (16 lines): the excerpt is the report's own lines from the header.
    @Test func firstFailureKeepsItsLinesAsLogged() throws {
        let text = try ParsersAFixtures.corpus("allocfail-rhel6-01.txt")
        let failures = AllocationFailureParser.parse(text)
        let failure = try #require(failures.first)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(failure.excerpt.first == "Dec  1 06:57:51 hostname kernel: swapper: page allocation failure. order:1, mode:0x20")
        #expect(failure.excerpt.count == failure.endLine - failure.line + 1)
        #expect(failure.excerpt == Array(lines[(failure.line - 1)..<failure.endLine]))
    }

    @Test func excerptsAreBounded() {
        let header = "Dec  1 06:57:51 hostname kernel: swapper: page allocation failure. order:1, mode:0x20"
        let frame = "Dec  1 06:57:51 hostname kernel: [<ffffffff8112789f>] ? __alloc_pages_nodemask+0x77f/0x940"
        var log: [String] = []
        for _ in 0..<12 { log += [header, "Dec  1 06:57:51 hostname kernel: Call Trace:"] + Array(repeating: frame, count: 40) }
        let failures = AllocationFailureParser.parse(log.joined(separator: "\n"))
        #expect(failures.count == 12)
        #expect(failures.prefix(AllocationFailureScanner.excerptFailureLimit).allSatisfy { $0.excerpt.count == AllocationFailureScanner.excerptLineLimit })
        #expect(failures.dropFirst(AllocationFailureScanner.excerptFailureLimit).allSatisfy { $0.excerpt.isEmpty })
    }

    /// `Samples/` dbnode01 (affected) and dbnode11 (not): the marks follow the report's own grade.
    @Test func exhaustedOrdersFollowTheGrade() throws {
        func report(_ name: String) throws -> Report {
            try #require(ReportReader.read(path: SharedData.samples.appendingPathComponent(name).path).reports.first)
        }
        let affected = try report("sosreport-dbnode01-20130514091203-e9e3.tar.xz")
        let normal = try #require(affected.buddyinfo.first { $0.node == 0 && $0.zone == "Normal" })
        #expect(normal.freeBlocks.prefix(4) == [11569, 3469, 3, 0])
        #expect(ZoneExhaustion.exhaustedOrders(normal, in: affected) == Array(2...10))
        let dma = try #require(affected.buddyinfo.first { $0.zone == "DMA" })
        #expect(ZoneExhaustion.exhaustedOrders(dma, in: affected) == [])
        #expect(ZoneExhaustion.isAffected(affected))

        let healthy = try report("sosreport-dbnode11-20130517090537-997a.tar.xz")
        for zone in healthy.buddyinfo { #expect(ZoneExhaustion.exhaustedOrders(zone, in: healthy) == []) }
        #expect(!ZoneExhaustion.isAffected(healthy))
    }

    @Test func tableColumnsArePaddedAndCellsEscaped() {
        var table = MarkdownTable(["Host", "Failures"], alignments: [.left, .right])
        table.add(["dbnode01", "5"])
        table.add(["a|b\nc", ""])
        #expect(table.render() == """
            | Host     | Failures |
            | -------- | -------: |
            | dbnode01 |        5 |
            | a\\|b c   |        — |
            """)
    }

    @Test func verdictHeadlineIsBold() {
        #expect(MarkdownSummaryRenderer.verdictParagraph("5 of 11 hosts are affected: 17 failures.")
            == "**5 of 11 hosts are affected:** 17 failures.")
    }

    @Test func addressesGetConsistentPseudonymsAndVersionsStay() {
        var redaction = Redaction(reports: [], problems: [])
        let text = """
            IPv4: martian source 10.20.1.15 from 10.20.1.1, on dev eth2
            ll header: 00:02:c9:1a:2b:3c and again 00:02:C9:1A:2B:3C, then 10.20.1.15.
            driver version 1.72.51.0.3 firmware 2.42.5000 mask 255.255.255.0 lo 127.0.0.1
            """
        let redacted = redaction.redactText(text)
        #expect(redacted == """
            IPv4: martian source 192.0.2.1 from 192.0.2.2, on dev eth2
            ll header: 02:00:00:00:00:01 and again 02:00:00:00:00:01, then 192.0.2.1.
            driver version 1.72.51.0.3 firmware 2.42.5000 mask 255.255.255.0 lo 127.0.0.1
            """)
        #expect(redaction.map.ipv4 == ["10.20.1.15": "192.0.2.1", "10.20.1.1": "192.0.2.2"])
        #expect(redaction.map.mac == ["00:02:c9:1a:2b:3c": "02:00:00:00:00:01"])
        // Already redacted text is left as it is.
        #expect(redaction.redactText(redacted) == redacted)
    }

    @Test func namesAreReplacedWholeAndCaseBlind() {
        var report = Report(source: ReportSourceInfo(path: "case/sosreport-jsmith-20130516104429-1f48.tar.xz",
                                                     format: "tar.xz", topFolder: "batch04-2013051610441368693869", memberCount: 1))
        report.hostname = "batch04.prod.example.com"
        var redaction = Redaction(reports: [report], problems: [])
        #expect(redaction.redactText("May 16 03:21:40 BATCH04 kernel: x; batch040 and batch04.prod.example.com, mail.example.com")
            == "May 16 03:21:40 host-01 kernel: x; batch040 and host-01.domain-01.example, mail.domain-02.example")
        let redacted = redaction.redact(report)
        #expect(redacted.hostname == "host-01.domain-01.example")
        #expect(redacted.source.path == "case/sosreport-host-02-20130516104429-1f48.tar.xz")
        #expect(redacted.source.topFolder == "host-01-2013051610441368693869")
        #expect(Redaction.nameInArchiveFile("x/sosreport-k8swork07-2024-11-05-qwhtzpn.tar.gz") == "k8swork07")
        #expect(Redaction.nameInArchiveFile("x/sosreport-acme-rhn-20130514093144-054a.tar.xz") == "acme-rhn")
        #expect(Redaction.nameInArchiveFile("x/web07-2013051711481368791289") == nil)
    }

    /// The rule set's findings (ids `known-issue.*`, `tuning.*`) show in the verdict and per host.
    @Test func knownIssuesJoinTheVerdictAndAdviceReadsAsAList() {
        func host(_ name: String, failing: Bool) -> Report {
            var report = Report(source: ReportSourceInfo(path: "\(name).tar.xz", format: "tar.xz", topFolder: nil, memberCount: 1))
            report.hostname = name + ".prod.example.com"
            if failing {
                report.allocationFailures = [AllocationFailureRecord(
                    process: "swapper", order: 2, gfpMask: "0x4020", gfpFlags: [], modules: ["mlx4_en"],
                    source: Evidence(member: "var/log/messages", line: 25))]
                report.findings = [
                    Finding(id: "known-issue.mlx4-en-rhel64-high-order-leak", severity: .error,
                            title: "Known issue: mlx4_en in the RHEL 6.4 kernel leaks high-order pages; fixed in RHEL 6.5 (kernel 2.6.32-431)",
                            evidence: [Evidence(member: "var/log/messages", line: 25)]),
                    Finding(id: "tuning.min-free-kbytes", severity: .info, title: "vm.min_free_kbytes is 67584 (66 MB)",
                            detail: "The kernel's default for this memory is 67584.\nA workaround, not a fix.",
                            evidence: [Evidence(member: "proc/sys/vm/min_free_kbytes", line: 1)]),
                ]
            }
            return report
        }
        let outcome = BatchOutcome(reports: [host("dbnode01", failing: true), host("dbnode02", failing: true), host("web07", failing: false)],
                                   problems: [], inputCount: 3)
        let markdown = MarkdownSummaryRenderer.render(outcome)
        #expect(markdown.contains("""
            - **Known issue on 2 of 2 affected hosts** (dbnode01, dbnode02): mlx4_en in the RHEL 6.4 kernel leaks high-order pages; fixed in RHEL 6.5 (kernel 2.6.32-431) — `var/log/messages:25`
            """))
        #expect(markdown.contains("""
            - **vm.min_free_kbytes is 67584 (66 MB)**
              - The kernel's default for this memory is 67584.
              - A workaround, not a fix.
            """))
        #expect(FleetVerdict(outcome).sentence == "2 of 3 hosts are affected: 2 page allocation failures of order 2 (16 KiB blocks), in code of mlx4_en (2).")
    }
}
