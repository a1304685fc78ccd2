import Foundation

/// The Markdown case summary of a batch, written to be pasted into a support case.
///
/// It reads like an engineer's own write-up, in this order: the verdict in plain words (who is
/// affected, the trait set that separates them, what is ruled out, the known issue and the
/// workaround with this fleet's numbers); the shared traits and ruled-out traits with their
/// counts; the fleet table; findings by severity with their evidence; one section per host
/// (facts, buddyinfo in human sizes with the exhausted orders marked and a mermaid chart, the
/// first allocation failure as it was logged, third-party modules and why, advice); the inputs
/// that could not be read; how the summary was made. Every table is GitHub-flavoured Markdown
/// with padded columns, so it reads in a plain text box too, and the output depends only on
/// the reports (no clock, no paths of the machine that ran it).
public enum MarkdownSummaryRenderer {
    public static func render(_ outcome: BatchOutcome) -> String {
        render(CaseSummary(outcome))
    }

    /// Formats a built summary; nothing is computed here that the JSON would need too.
    public static func render(_ summary: CaseSummary) -> String {
        var text = ""
        render(summary) { text += $0 }
        return text
    }

    /// The same text in pieces, in order: each section, and each host's section apart, ends in
    /// `\n`, so a summary of 10,000 reports is never held whole (`summarize` writes each piece
    /// as it comes). The pieces joined are ``render(_:)``'s text, byte for byte.
    ///
    /// ```swift
    /// MarkdownSummaryRenderer.render(CaseSummary(outcome)) { piece in Output.write(piece) }
    /// ```
    public static func render<Failure: Error>(
        _ summary: CaseSummary, to write: (String) throws(Failure) -> Void
    ) throws(Failure) {
        let names = HostNames(summary.presentedReports, hosts: summary.hosts, of: summary.reports)
        func emit(_ lines: [String]) throws(Failure) {
            guard !lines.isEmpty else { return }
            try write(lines.joined(separator: "\n") + "\n")
        }
        try emit(verdictSection(summary, names: names))
        try emit(CorrelationMarkdown.section(summary.correlation))
        try emit(fleetSection(summary.presentedReports, names: names))
        try emit(HostTimelineMarkdown.section(summary.correlation.timelines, summary: summary, names: names))
        try emit(KernelEventsMarkdown.fleetSection(summary.presentedReports, names: names))
        try emit(findingsSection(summary.presentedReports, names: names))
        if !summary.presentedReports.isEmpty {
            try emit(HostMarkdown.hostsHeading)
            for report in summary.presentedReports {
                try emit(HostMarkdown.hostSection(report, names: names))
            }
        }
        try emit(unreadableSection(summary, names: names))
        try emit(methodSection(summary))
    }

    // MARK: - Verdict

    static func verdictSection(_ summary: CaseSummary, names: HostNames) -> [String] {
        let verdict = summary.verdict, reports = summary.presentedReports, problems = summary.problems
        let count = reports.count, hosts = summary.hosts.count
        var out = [hosts == count ? "# Case summary: \(count) sosreport\(count == 1 ? "" : "s")"
                   : "# Case summary: \(hosts) host\(hosts == 1 ? "" : "s") (\(count) sosreports)", ""]
        out.append(verdictParagraph(verdict.sentence))
        out.append("")
        if let events = KernelEventsMarkdown.verdictLine(summary.presentedHosts) { out += [events, ""] }
        out += NetworkMarkdown.verdictLines(summary.presentedHosts, names: names)
        if !verdict.affected.isEmpty {
            out.append("- **Affected (\(verdict.affected.count)):** " + verdict.affected.map { hostLink($0, names) }.joined(separator: ", "))
            out.append("- **Not affected (\(verdict.unaffected.count)):** "
                + (verdict.unaffected.isEmpty ? "none" : verdict.unaffected.map { hostLink($0, names) }.joined(separator: ", ")))
            out += CorrelationMarkdown.verdictLines(summary.correlation)
            out += knownIssueLines(summary.knownIssues, affectedCount: verdict.affected.count, names: names)
            if let tunables = tunablesLine(verdict.affected, names: names) { out.append(tunables) }
        }
        let partial = reports.filter { !$0.problems.isEmpty }.count
        if !problems.isEmpty || partial > 0 {
            var parts: [String] = []
            if !problems.isEmpty {
                parts.append("\(problems.count) input\(problems.count == 1 ? "" : "s") gave no report")
            }
            if partial > 0 { parts.append("\(partial) report\(partial == 1 ? " was" : "s were") read in part") }
            out.append("- **Not read whole:** " + parts.joined(separator: ", ") + " ([below](#inputs-that-could-not-be-read)).")
        }
        out.append("")
        return out
    }

    /// "**5 of 11 hosts are affected:** 17 page allocation failures ...": the headline bold, the
    /// rest plain, so the eye catches the count first.
    static func verdictParagraph(_ sentence: String) -> String {
        guard let colon = sentence.firstIndex(of: ":") else { return "**\(sentence)**" }
        let rest = sentence[sentence.index(after: colon)...]
        return "**\(sentence[...colon])**" + rest
    }

    /// Known issues matched on affected hosts (findings `known-issue.*` of the rule set), one
    /// line per issue with the hosts it matched; the title names the fix.
    static func knownIssueLines(_ issues: [CaseSummary.KnownIssueMatch], affectedCount: Int, names: HostNames) -> [String] {
        issues.map { issue in
            "- **Known issue on \(issue.reports.count) of \(affectedCount) affected hosts** (\(issue.reports.map { names.short($0) }.joined(separator: ", "))): "
                // The heading already says "Known issue"; the rule's title need not say it twice.
                + (issue.finding.title.hasPrefix("Known issue: ") ? String(issue.finding.title.dropFirst("Known issue: ".count)) : issue.finding.title)
                + (issue.finding.evidence.first.map { " — `\($0)`" } ?? "")
        }
    }

    /// The workaround's two tunables as the affected hosts have them, grouped by value, so the
    /// case can say "raise 67584 to ..." with this fleet's numbers.
    private static func tunablesLine(_ affected: [Report], names: HostNames) -> String? {
        var groups: [(minFree: Int?, reclaim: Int?, hosts: [Report])] = []
        for report in affected {
            let key = (report.sysctl["vm.min_free_kbytes"], report.sysctl["vm.zone_reclaim_mode"])
            if let index = groups.firstIndex(where: { $0.minFree == key.0 && $0.reclaim == key.1 }) {
                groups[index].hosts.append(report)
            } else {
                groups.append((key.0, key.1, [report]))
            }
        }
        guard groups.contains(where: { $0.minFree != nil || $0.reclaim != nil }) else { return nil }
        let sorted = groups.sorted { $0.hosts.count > $1.hosts.count }
        let usual = sorted.first?.minFree ?? 0
        let parts = sorted.map { group in
            let minFree = group.minFree.map { "\($0) (\(ByteFormatter.kibibytes($0)))" } ?? "unknown"
            let reclaim = group.reclaim.map(String.init) ?? "unknown"
            let hosts = group.hosts.map { names.short($0) }.joined(separator: ", ")
            // A host that runs raised values and is affected anyway tells the case the workaround is not enough.
            let raised = (group.minFree ?? 0) > usual || (group.reclaim ?? 0) == 1
            return "`vm.min_free_kbytes` \(minFree), `vm.zone_reclaim_mode` \(reclaim) on \(hosts)"
                + (raised ? " (already raised, and still affected)" : "")
        }
        return "- **Workaround tunables on the affected hosts:** " + parts.joined(separator: "; ") + "."
    }

    // MARK: - Fleet

    static func fleetSection(_ reports: [Report], names: HostNames) -> [String] {
        guard !reports.isEmpty else { return [] }
        var table = MarkdownTable(
            ["Host", "Affected", "OS", "Kernel", "NIC drivers", "Third-party modules", "Taint",
             "Failures", "Max order", "In code of", "Free ≥ 16 KiB, worst zone"],
            alignments: [.left, .left, .left, .left, .left, .left, .left, .right, .right, .left, .right])
        for report in reports {
            let failures = report.allocationFailures
            let failingModules = Array(Set(failures.flatMap(\.modules))).sorted()
            table.add([
                names.row(report),
                ZoneExhaustion.isAffected(report) ? "**yes**" : "no",
                report.os?.displayName ?? "?",
                report.kernel.map { kernel in
                    kernel.release.replacingOccurrences(of: ".\(kernel.arch ?? "x86_64")", with: "")
                        + (kernel.matchesOSRelease == false ? " (from \(kernel.distroRelease ?? "?"))" : "")
                } ?? "?",
                list(Array(Set(report.nics.compactMap(\.driver))).sorted()),
                list(report.modules.filter(\.thirdParty).map(\.name).sorted()),
                report.taint.map { $0.value == 0 ? "0" : "\($0.value) \($0.flags.joined())" } ?? "?",
                "\(failures.count)",
                failures.map(\.order).max().map(String.init) ?? "—",
                list(failingModules),
                worstHighOrderFree(report).map(ByteFormatter.human) ?? "?",
            ])
        }
        return ["## Fleet", "", table.render(), "",
                "*Free ≥ 16 KiB, worst zone*: the least memory free in blocks of 16 KiB (order 2) or larger, over the zones but DMA.", ""]
    }

    /// The smallest amount of memory free in blocks of order ≥ 2 over the host's zones (DMA aside).
    static func worstHighOrderFree(_ report: Report) -> Int64? {
        report.analyzedBuddyZones.filter { $0.zone != "DMA" }
            .map(\.analysis)
            .compactMap { $0.freeBytesAtOrAbove.count > ZoneExhaustion.highOrder ? $0.freeBytesAtOrAbove[ZoneExhaustion.highOrder] : nil }
            .min()
    }

    // MARK: - Findings

    static func findingsSection(_ reports: [Report], names: HostNames) -> [String] {
        let all = reports.flatMap { report in report.findings.map { (report: report, finding: $0) } }
        guard !all.isEmpty else { return [] }
        var out = ["## Findings", ""]
        for severity in Finding.Severity.allCases.reversed() {
            let these = all.filter { $0.finding.severity == severity }
            guard !these.isEmpty else { continue }
            out.append("### \(severity.rawValue.capitalized)")
            out.append("")
            // The same finding with the same evidence on several hosts is one line naming them all.
            var groups: [(finding: Finding, hosts: [String])] = []
            for (report, finding) in these {
                if let index = groups.firstIndex(where: { $0.finding.title == finding.title && $0.finding.evidence == finding.evidence }) {
                    groups[index].hosts.append(names.row(report))
                } else {
                    groups.append((finding, [names.row(report)]))
                }
            }
            for (finding, hosts) in groups {
                let evidence = finding.evidence.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
                    + (finding.evidence.count > 3 ? " and \(finding.evidence.count - 3) more" : "")
                out.append("- **\(hosts.joined(separator: ", "))**: \(finding.title)" + (evidence.isEmpty ? "" : " — \(evidence)"))
            }
            out.append("")
        }
        return out
    }

    // MARK: - Unreadable inputs, method

    static func unreadableSection(_ summary: CaseSummary, names: HostNames) -> [String] {
        let partial = summary.presentedReports.filter { !$0.problems.isEmpty }
        guard !summary.problems.isEmpty || !partial.isEmpty else { return [] }
        var out = ["## Inputs that could not be read", ""]
        for problem in summary.problems {
            out.append("- `\(problem.path)`: \(problem.error)")
        }
        for report in partial {
            for problem in report.problems {
                out.append("- \(names.row(report)) (`\(report.source.path)`): "
                    + (problem.member.map { "`\($0)`: " } ?? "") + problem.message)
            }
        }
        out.append("")
        return out
    }

    static func methodSection(_ summary: CaseSummary) -> [String] {
        [
            "## How this summary was made",
            "",
            "- sosanalyze \(ToolVersion.current) (JSON schema \(Report.currentSchemaVersion)) read \(summary.inputCount)"
                + " input\(summary.inputCount == 1 ? "" : "s") offline, each in one streaming pass, nothing unpacked.",
            "- **Affected** = the kernel logged at least one page allocation failure (syslog and dmesg, the same"
                + " event counted once), or a zone other than DMA has its high orders exhausted: an atomic request"
                + " of 16 KiB (order \(ZoneExhaustion.highOrder)) to 32 KiB would fail with the free blocks"
                + " `proc/buddyinfo` shows (the kernel's watermark check replayed where `proc/zoneinfo` allows).",
            "- Evidence is cited as `member/path:line` inside each report; sizes assume 4 KiB pages.",
            "",
        ]
    }

    // MARK: - Helpers

    private static func list(_ items: [String]) -> String {
        items.isEmpty ? "—" : items.joined(separator: ", ")
    }

    private static func hostLink(_ report: Report, _ names: HostNames) -> String {
        "[\(names.short(report))](#\(names.anchor(report)))"
    }
}
