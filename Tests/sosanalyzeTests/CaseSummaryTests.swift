import Foundation
import SOSAnalyzer
@testable import sosanalyze
import Testing

/// `sosanalyze summarize` on `Samples/` (the reference case): the Markdown as a reviewed
/// snapshot, rendered by a real CommonMark renderer; the same bytes whatever `--jobs`; nothing
/// of the originals left after `--redact`; the documented exit statuses.
@Suite struct CaseSummaryTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Outside the test target's folder: SwiftPM would warn about a file it does not handle.
    static let snapshot = repository.appendingPathComponent("Tests/Snapshots/samples.md")

    /// Runs in the repository so the summary names `Samples/...` paths, not this machine's.
    private func summarize(_ arguments: [String]) throws -> Command {
        try Command.sosanalyze(["summarize"] + arguments, in: Self.repository)
    }

    @Test func samplesMarkdownMatchesTheSnapshot() throws {
        let result = try summarize(["--jobs", "2", "Samples"])
        #expect(result.status == 0)
        if ProcessInfo.processInfo.environment["SOSANALYZE_RECORD_SNAPSHOTS"] == "1" {
            try Data(result.stdout.utf8).write(to: Self.snapshot)
        }
        let recorded = try String(contentsOf: Self.snapshot, encoding: .utf8)
        #expect(result.stdout == recorded, "re-record with SOSANALYZE_RECORD_SNAPSHOTS=1 and review the diff")

        // The reference story, in the verdict's own words.
        #expect(result.stdout.hasPrefix("# Case summary: 11 sosreports\n"))
        #expect(result.stdout.contains("**5 of 11 hosts are affected:** 17 page allocation failures of order 2–3 (16 KiB–32 KiB blocks), in code of mlx4_en (15) and vxfs (2); 5 hosts have no free blocks of 16 KiB or larger to speak of in a DMA32 or Normal zone.\n"))
        #expect(result.stdout.contains("`vm.min_free_kbytes` 524288 (512 MiB), `vm.zone_reclaim_mode` 1 on batch04 (already raised, and still affected)"))
        #expect(result.stdout.contains("| Node 0 Normal | 45.2 MiB | 27.1 MiB | ✗ 48 KiB |  ✗ 0 B |"))
        #expect(result.stdout.contains("May 13 02:14:51 dbnode01 kernel: [<ffffffffa02d2f6e>] ? mlx4_en_alloc_frags+0x5e/0x1f0 [mlx4_en]"))
        // What separates them, and the decoys the story warns about, ruled out with their counts.
        #expect(result.stdout.contains("- **Separates them:** `os=RHEL 6.4` + `nic.driver=mlx4_en`: 5 of 5 affected, 0 of 6 unaffected (p = 0.0022; family-wise p = 0.011: 4 of the 461 other ways to pick 5 of these 11 hosts are separated as cleanly by some set).\n"))
        #expect(result.stdout.contains("- **Ruled out:** cluster software (`package=cman`: 3 of 5 affected, 2 of 6 unaffected); third-party modules fdd, vxfs, vxportal (taint P) (`taint=P`: 2 of 5 affected, 1 of 6 unaffected)"))
        #expect(result.stdout.contains("fixed in RHEL 6.5 (kernel 2.6.32-431)"))
        #expect(result.stdout.contains("|   1 | `os=RHEL 6.4` + `nic.driver=mlx4_en` "))
    }

    @Test func everyTableIsATableForCmarkGFM() throws {
        let markdown = try summarize(["Samples"]).stdout
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("samples.md")
        try Data(markdown.utf8).write(to: file)
        let html = try Command.run("/usr/bin/env", ["cmark-gfm", "-e", "table", file.path])
        try #require(html.status == 0, "cmark-gfm is needed (Debian package cmark-gfm): \(html.stderr)")
        let tables = markdown.split(separator: "\n").filter { $0.hasPrefix("| -") || $0.hasPrefix("| :") }.count
        // trait sets and ruled-out traits; fleet; facts and buddyinfo per host; failures and the
        // kernel timeline ("What the kernel logged") per affected host
        #expect(tables == 2 + 1 + 11 * 2 + 5 + 5)
        #expect(html.stdout.components(separatedBy: "<table>").count - 1 == tables)
        #expect(!html.stdout.contains("<p>| "))  // no table fell back to a paragraph
        #expect(html.stdout.contains("<code class=\"language-mermaid\">xychart-beta"))
    }

    @Test func sameMarkdownWhateverTheJobs() throws {
        let one = try summarize(["--jobs", "1", "Samples"])
        let two = try summarize(["--jobs", "2", "Samples"])
        #expect(one.status == 0)
        #expect(!one.stdout.isEmpty)
        #expect(one.stdout == two.stdout)
        let redactedOne = try summarize(["--jobs", "1", "--redact", "--format", "json", "Samples"])
        let redactedTwo = try summarize(["--jobs", "2", "--redact", "--format", "json", "Samples"])
        #expect(redactedOne.stdout == redactedTwo.stdout)
    }

    @Test func redactionLeavesNoOriginalName() throws {
        let plain = try summarize(["--format", "json", "Samples"])
        let document = try JSONDecoder().decode(BatchDocument.self, from: Data(plain.stdout.utf8))
        var originals: Set<String> = []
        for report in document.reports {
            let hostname = try #require(report.hostname)
            let labels = hostname.split(separator: ".")
            originals.insert(hostname)
            originals.insert(String(labels[0]))
            originals.insert(labels.dropFirst().joined(separator: "."))
        }
        // Names typed into file names: a login (jsmith) and an RHN account (acme-rhn).
        originals.formUnion(["jsmith", "acme-rhn"])
        // The SMBIOS UUIDs and machine IDs the host identities are made of.
        let machines = Set(document.reports.flatMap { [$0.machineID, $0.systemUUID].compactMap { $0 } })
        #expect(!machines.isEmpty)
        originals.formUnion(machines)
        #expect(originals.contains("dbnode01.prod.example.com"))
        #expect(originals.contains("dmz.example.com"))

        let folder = try TemporaryFolder()
        let mapFile = folder.url.appendingPathComponent("map.json")
        for format in ["markdown", "json"] {
            let redacted = try summarize(["--format", format, "--redact", "--redact-map", mapFile.path, "Samples"])
            #expect(redacted.status == 0)
            let lowered = redacted.stdout.lowercased()
            for original in originals {
                #expect(!lowered.contains(original.lowercased()), "\(original) left in the \(format) output")
            }
            #expect(redacted.stdout.contains("host-05.domain-01.example"))
        }
        let map = try JSONDecoder().decode(RedactionMap.self, from: Data(contentsOf: mapFile))
        #expect(map.hosts["dbnode01.prod.example.com"] == "host-05.domain-01.example")
        #expect(map.hosts["jsmith"] == "host-04")
        #expect(Set(map.machines.keys) == Set(machines.map { $0.lowercased() }))
        #expect(map.domains == ["prod.example.com": "domain-01.example", "example.com": "domain-02.example",
                                "dmz.example.com": "domain-03.example"])

        // Nothing else changes: the same facts, only names replaced.
        let redactedJSON = try summarize(["--format", "json", "--redact", "Samples"])
        let redactedDocument = try JSONDecoder().decode(BatchDocument.self, from: Data(redactedJSON.stdout.utf8))
        #expect(redactedDocument.reports.map(\.kernel) == document.reports.map(\.kernel))
        #expect(redactedDocument.reports.map(\.buddyinfo) == document.reports.map(\.buddyinfo))
        #expect(redactedDocument.reports.map(\.modules) == document.reports.map(\.modules))
    }

    @Test func inspectRedactsToo() throws {
        let result = try Command.sosanalyze(["inspect", "--redact", "--format", "json",
                                             "Samples/sosreport-dbnode01-20130514091203-e9e3.tar.xz"], in: Self.repository)
        #expect(result.status == 0)
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.hostname == "host-01.domain-01.example")
        #expect(!result.stdout.contains("dbnode01"))
        #expect(!result.stdout.contains("example.com"))
    }

    @Test func exitStatusesFollowTheContract() throws {
        let clean = try summarize(["Samples/sosreport-web05-20130516152051-72a7.tar.xz"])
        #expect(clean.status == 0)

        let folder = try TemporaryFolder()
        let batch = folder.url.appendingPathComponent("case")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("Samples/sosreport-web05-20130516152051-72a7.tar.xz"),
            to: batch.appendingPathComponent("sosreport-web05-20130516152051-72a7.tar.xz"))
        try Data("not an archive\n".utf8).write(to: batch.appendingPathComponent("sosreport-web06-20130516152051-0000.tar.xz"))
        let partly = try summarize([batch.path])
        #expect(partly.status == 2)
        #expect(partly.stdout.contains("## Inputs that could not be read"))
        #expect(partly.stdout.contains("sosreport-web06-20130516152051-0000.tar.xz"))

        let empty = try TemporaryFolder()
        #expect(try summarize([empty.url.path]).status == 1)
        #expect(try summarize(["--jobs", "0", "Samples"]).status == 64)
        #expect(try summarize(["--redact-map", "x.json", "Samples"]).status == 64)
    }

    @Test func progressLineShowsReportsBytesRateAndTimeLeft() {
        let line = ProgressLine.line(BatchProgress(done: 5, total: 11, bytesDone: 5 * 1_048_576, bytesTotal: 20 * 1_048_576),
                                     elapsed: 2, width: 8)
        #expect(line == "[##------]  5/11 reports  5.0/20.0 MiB  2.5 MiB/s  about 6 s left")
    }
}
