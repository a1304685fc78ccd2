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
        var outcome = outcome
        // Affected hosts first: they are what the case is about. The order within each group is the batch's.
        outcome.reports = outcome.reports.filter(ZoneExhaustion.isAffected)
            + outcome.reports.filter { !ZoneExhaustion.isAffected($0) }
        let names = HostNames(outcome.reports)
        let verdict = FleetVerdict(outcome)
        let correlation = Correlator.correlate(outcome.reports)
        var out: [String] = []
        out += verdictSection(outcome, verdict: verdict, names: names, correlation: correlation)
        out += CorrelationMarkdown.section(correlation)
        out += fleetSection(outcome, names: names)
        out += KernelEventsMarkdown.fleetSection(outcome.reports, names: names)
        out += findingsSection(outcome, names: names)
        out += hostSections(outcome, names: names)
        out += unreadableSection(outcome, names: names)
        out += methodSection(outcome)
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - Verdict

    static func verdictSection(
        _ outcome: BatchOutcome, verdict: FleetVerdict, names: HostNames, correlation: Correlation
    ) -> [String] {
        let count = outcome.reports.count
        var out = ["# Case summary: \(count) sosreport\(count == 1 ? "" : "s")", ""]
        out.append(verdictParagraph(verdict.sentence))
        out.append("")
        if let events = KernelEventsMarkdown.verdictLine(outcome.reports) { out += [events, ""] }
        out += NetworkMarkdown.verdictLines(outcome.reports, names: names)
        if !verdict.affected.isEmpty {
            out.append("- **Affected (\(verdict.affected.count)):** " + verdict.affected.map { hostLink($0, names) }.joined(separator: ", "))
            out.append("- **Not affected (\(verdict.unaffected.count)):** "
                + (verdict.unaffected.isEmpty ? "none" : verdict.unaffected.map { hostLink($0, names) }.joined(separator: ", ")))
            out += CorrelationMarkdown.verdictLines(correlation)
            out += knownIssueLines(verdict.affected, names: names)
            if let tunables = tunablesLine(verdict.affected, names: names) { out.append(tunables) }
        }
        let partial = outcome.reports.filter { !$0.problems.isEmpty }.count
        if !outcome.problems.isEmpty || partial > 0 {
            var parts: [String] = []
            if !outcome.problems.isEmpty {
                parts.append("\(outcome.problems.count) input\(outcome.problems.count == 1 ? "" : "s") gave no report")
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
    static func knownIssueLines(_ affected: [Report], names: HostNames) -> [String] {
        var issues: [(finding: Finding, hosts: [String])] = []
        for report in affected {
            for finding in report.findings where finding.id.hasPrefix("known-issue.") {
                if let index = issues.firstIndex(where: { $0.finding.id == finding.id }) {
                    issues[index].hosts.append(names.short(report))
                } else {
                    issues.append((finding, [names.short(report)]))
                }
            }
        }
        return issues.sorted { $0.hosts.count > $1.hosts.count }.map { issue in
            "- **Known issue on \(issue.hosts.count) of \(affected.count) affected hosts** (\(issue.hosts.joined(separator: ", "))): "
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

    static func fleetSection(_ outcome: BatchOutcome, names: HostNames) -> [String] {
        guard !outcome.reports.isEmpty else { return [] }
        var table = MarkdownTable(
            ["Host", "Affected", "OS", "Kernel", "NIC drivers", "Third-party modules", "Taint",
             "Failures", "Max order", "In code of", "Free ≥ 16 KiB, worst zone"],
            alignments: [.left, .left, .left, .left, .left, .left, .left, .right, .right, .left, .right])
        for report in outcome.reports {
            let failures = report.allocationFailures
            let failingModules = Array(Set(failures.flatMap(\.modules))).sorted()
            table.add([
                names.short(report),
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

    static func findingsSection(_ outcome: BatchOutcome, names: HostNames) -> [String] {
        let all = outcome.reports.flatMap { report in report.findings.map { (report: report, finding: $0) } }
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
                    groups[index].hosts.append(names.short(report))
                } else {
                    groups.append((finding, [names.short(report)]))
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

    // MARK: - Per host

    static func hostSections(_ outcome: BatchOutcome, names: HostNames) -> [String] {
        guard !outcome.reports.isEmpty else { return [] }
        var out = ["## Hosts", ""]
        for report in outcome.reports {
            out += hostSection(report, names: names)
        }
        return out
    }

    static func hostSection(_ report: Report, names: HostNames) -> [String] {
        let affected = ZoneExhaustion.isAffected(report)
        // A rule between hosts: in a long page the eye finds where the next host starts.
        var out = ["---", "", "### \(names.full(report))" + (affected ? " (affected)" : ""), ""]
        out.append(factsTable(report).render())
        out.append("")
        out += buddySection(report, names: names)
        out += failureSection(report)
        out += KernelEventsMarkdown.hostSection(report)
        out += NetworkMarkdown.hostSection(report)
        out += thirdPartySection(report)
        let advice = report.findings.filter { $0.detail != nil }
        if !advice.isEmpty {
            out.append("#### Notes and advice")
            out.append("")
            for finding in advice {
                // A detail of several lines (tuning advice) reads best as a list under its title.
                let lines = (finding.detail ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                if lines.count > 1 {
                    out.append("- **\(finding.title)**")
                    out += lines.map { "  - \($0)" }
                } else {
                    out.append("- **\(finding.title)** " + (lines.first ?? ""))
                }
            }
            out.append("")
        }
        return out
    }

    static func factsTable(_ report: Report) -> MarkdownTable {
        var table = MarkdownTable(["Fact", "Value", "Evidence"])
        func add(_ fact: String, _ value: String?, _ evidenceKey: String?) {
            guard let value else {
                if let key = evidenceKey, let state = report.factStates[key] {
                    table.add([fact, "*\(state.rawValue)*", ""])
                }
                return
            }
            table.add([fact, value, evidenceKey.flatMap { report.evidence[$0] }.map { "`\($0)`" } ?? ""])
        }
        add("Hostname", report.hostname, "hostname")
        add("OS", report.os.map { "\($0.displayName) (\($0.name))" }, "os")
        add("Kernel", report.kernel.map { kernel in
            kernel.release + (kernel.distroRelease.map { ", shipped with \($0)" } ?? "")
                + (kernel.matchesOSRelease == false ? " — **not the release file's minor release**" : "")
        }, "kernel.release")
        add("Taint", report.taint.map { taint in
            taint.value == 0 ? "0 (not tainted)"
                : "\(taint.value): " + taint.decoded.map { "\($0.letter) (\($0.name))" }.joined(separator: ", ")
        }, "taint")
        add("Memory", report.memory.flatMap { memory in
            memory.memTotalKiB.map { total in
                ByteFormatter.kibibytes(total) + " total" + (memory.memFreeKiB.map { ", \(ByteFormatter.kibibytes($0)) free" } ?? "")
            }
        }, "memory")
        add("vm.min_free_kbytes", report.sysctl["vm.min_free_kbytes"].map { "\($0) (\(ByteFormatter.kibibytes($0)))" },
            "vm.min_free_kbytes")
        add("vm.zone_reclaim_mode", report.sysctl["vm.zone_reclaim_mode"].map(String.init), "vm.zone_reclaim_mode")
        if !report.nics.isEmpty {
            table.add(["NICs", report.nics.map { nic in
                nic.interface + (nic.driver.map { " \($0)" + (nic.version.map { " \($0)" } ?? "") } ?? "")
            }.joined(separator: "; "), report.nics.first.map { "`\($0.source)`…" } ?? ""])
        }
        add("Hardware", report.hardware.flatMap { hardware in
            let text = [hardware.vendor, hardware.model].compactMap { $0 }.joined(separator: " ")
            return text.isEmpty ? nil : text
        }, "hardware")
        if let packages = report.packages {
            table.add(["Cluster software", packages.clusterStack.isEmpty ? "none" : packages.clusterStack.joined(separator: ", "),
                       "`\(packages.source)`"])
        }
        add("Collected", report.collectedAt, "collectedAt")
        add("sos", [report.sosVersion, report.sosGeneration.map { "(\($0) layout)" }].compactMap { $0 }.joined(separator: " "),
            "sosVersion")
        table.add(["Read from", "`\(report.source.path)` (\(report.source.format))", ""])
        return table
    }

    // MARK: Buddy allocator

    static func buddySection(_ report: Report, names: HostNames) -> [String] {
        guard let orders = report.buddyinfo.map(\.freeBlocks.count).max(), orders > 0 else { return [] }
        let pageSize: Int64 = 4096
        let sizes = (0..<orders).map { ByteFormatter.human(pageSize << Int64(min($0, 40))) }
        var table = MarkdownTable(["Zone"] + sizes + ["Free"],
                                  alignments: [.left] + Array(repeating: .right, count: orders + 1))
        var anyExhausted = false
        let grade = ZoneExhaustion.grade(report)
        for zone in report.analyzedBuddyZones {
            let analysis = zone.analysis
            let exhausted = Set(grade.exhaustedOrders(of: zone))
            anyExhausted = anyExhausted || !exhausted.isEmpty
            let cells = (0..<orders).map { order -> String in
                guard analysis.freeBytesPerOrder.indices.contains(order) else { return "" }
                let text = ByteFormatter.human(analysis.freeBytesPerOrder[order])
                return exhausted.contains(order) ? "✗ \(text)" : text
            }
            table.add(["Node \(zone.node) \(zone.zone)"] + cells + [ByteFormatter.human(analysis.freeBytes)])
        }
        var out = ["#### Free memory by block size", "",
                   "From `\(report.buddyinfo.first?.source.member ?? "proc/buddyinfo")`: free memory held in blocks of each size"
                   + " (4 KiB pages)." + (anyExhausted ? " ✗ marks exhausted orders: an atomic request of that size would fail (the kernel's watermark check"
                   + " replayed on `proc/zoneinfo` where the kernel is 4.3 or older, else no usable free block)." : ""),
                   "", table.render(), ""]
        // A healthy host's table says all; the chart is for the hosts whose shape matters.
        if ZoneExhaustion.isAffected(report) {
            out += chart(report, orders: orders, sizes: sizes, names: names)
        }
        return out
    }

    /// A mermaid `xychart-beta` bar chart (GitHub renders it): free MB per block size, all zones
    /// but DMA summed, so a host short of large blocks shows a cliff after 8 kB.
    static func chart(_ report: Report, orders: Int, sizes: [String], names: HostNames) -> [String] {
        var totals = [Int64](repeating: 0, count: orders)
        for zone in report.analyzedBuddyZones where zone.zone != "DMA" {
            let analysis = zone.analysis
            for (order, bytes) in analysis.freeBytesPerOrder.enumerated() where order < orders {
                totals[order] = totals[order].addingReportingOverflow(bytes).overflow ? Int64.max : totals[order] + bytes
            }
        }
        guard totals.contains(where: { $0 > 0 }) else { return [] }
        let values = totals.map { bytes -> String in
            let tenths = (Double(bytes) / 1_048_576 * 10).rounded() / 10
            return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
        }
        return [
            "```mermaid",
            "xychart-beta",
            "    title \"\(names.short(report)): free memory by block size, MiB (zones but DMA)\"",
            "    x-axis [" + sizes.map { "\"\($0)\"" }.joined(separator: ", ") + "]",
            "    y-axis \"MiB free\"",
            "    bar [" + values.joined(separator: ", ") + "]",
            "```",
            "",
        ]
    }

    // MARK: Allocation failures

    static func failureSection(_ report: Report) -> [String] {
        let failures = report.allocationFailures
        guard let first = failures.first else { return [] }
        var out = ["#### Page allocation failures (\(failures.count))", ""]
        var table = MarkdownTable(["When", "Process", "Order", "Mode", "In code of", "Where"],
                                  alignments: [.left, .left, .right, .left, .left, .left])
        for failure in failures.prefix(20) {
            table.add([
                failure.timestamp ?? "—",
                failure.process.isEmpty ? "?" : failure.process,
                "\(failure.order) (\(ByteFormatter.human(Int64(4096) << Int64(min(failure.order, 40)))))",
                failure.gfpMask + (failure.gfpDescription.map { " \($0)" } ?? ""),
                list(failure.modules),
                "`\(failure.source)`",
            ])
        }
        out.append(table.render())
        if failures.count > 20 { out.append(""); out.append("…and \(failures.count - 20) more.") }
        out.append("")
        // The trace says whose code asked; the Mem-Info dump after it is in the table above.
        var excerpt = first.excerpt
        if let memInfo = excerpt.firstIndex(where: { $0.contains("Mem-Info:") || $0.contains("Mem-info:") }) {
            excerpt = Array(excerpt[...memInfo]) + ["…"]
        }
        if !excerpt.isEmpty {
            out.append("The first one, as logged (`\(first.source)`):")
            out.append("")
            let fence = excerpt.contains { $0.contains("```") } ? "~~~~" : "```"
            out.append(fence + "text")
            out += excerpt
            out.append(fence)
            out.append("")
        }
        return out
    }

    // MARK: Third-party modules

    static func thirdPartySection(_ report: Report) -> [String] {
        let modules = report.modules.filter(\.thirdParty)
        guard !modules.isEmpty else { return [] }
        var out = ["#### Third-party modules (\(modules.count))", ""]
        for module in modules.sorted(by: { $0.name < $1.name }) {
            let facts = [module.version.map { "version \($0)" }, module.license.map { "license \($0)" },
                         module.taintFlags.isEmpty ? nil : "taint \(module.taintFlags.joined())"].compactMap { $0 }
            out.append("- `\(module.name)`" + (facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))")
                + " — `\(module.source)`")
            for reason in module.thirdPartyReasons {
                out.append("  - \(reason)")
            }
        }
        out.append("")
        return out
    }

    // MARK: - Unreadable inputs, method

    static func unreadableSection(_ outcome: BatchOutcome, names: HostNames) -> [String] {
        let partial = outcome.reports.filter { !$0.problems.isEmpty }
        guard !outcome.problems.isEmpty || !partial.isEmpty else { return [] }
        var out = ["## Inputs that could not be read", ""]
        for problem in outcome.problems {
            out.append("- `\(problem.path)`: \(problem.error)")
        }
        for report in partial {
            for problem in report.problems {
                out.append("- \(names.short(report)) (`\(report.source.path)`): "
                    + (problem.member.map { "`\($0)`: " } ?? "") + problem.message)
            }
        }
        out.append("")
        return out
    }

    static func methodSection(_ outcome: BatchOutcome) -> [String] {
        [
            "## How this summary was made",
            "",
            "- sosanalyze \(ToolVersion.current) (JSON schema \(Report.currentSchemaVersion)) read \(outcome.inputCount)"
                + " input\(outcome.inputCount == 1 ? "" : "s") offline, each in one streaming pass, nothing unpacked.",
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

/// How the summary names hosts: the short name where it is unique in the batch (tables stay
/// narrow), the full name in headings, and the heading's anchor as GitHub and cmark-gfm make it.
struct HostNames {
    private var shortNames: [String: String] = [:]

    init(_ reports: [Report]) {
        var counts: [String: Int] = [:]
        for report in reports { counts[Self.shortName(Self.fullName(report)), default: 0] += 1 }
        for report in reports {
            let full = Self.fullName(report)
            let short = Self.shortName(full)
            shortNames[full] = (counts[short] ?? 0) > 1 ? full : short
        }
    }

    func full(_ report: Report) -> String { Self.fullName(report) }

    func short(_ report: Report) -> String { shortNames[Self.fullName(report)] ?? Self.fullName(report) }

    /// GitHub's heading slug: lower case, spaces to `-`, punctuation but `-` and `_` dropped.
    func anchor(_ report: Report) -> String {
        let heading = full(report) + (ZoneExhaustion.isAffected(report) ? " (affected)" : "")
        return String(heading.lowercased().compactMap { character -> Character? in
            if character == " " { return "-" }
            if character.isLetter || character.isNumber || character == "-" || character == "_" { return character }
            return nil
        })
    }

    private static func fullName(_ report: Report) -> String {
        report.hostname ?? report.source.topFolder ?? report.source.path
    }

    private static func shortName(_ name: String) -> String {
        // An IP address as a name has dots that are no domain.
        if name.allSatisfy({ $0.isNumber || $0 == "." }) { return name }
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}
