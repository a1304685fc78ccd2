import Foundation

/// The case summary's section per host: facts with their evidence, buddyinfo in human sizes with
/// the exhausted orders marked and a mermaid chart, the allocation failures with the first one as
/// logged, kernel events, third-party modules and why, notes and advice.
enum HostMarkdown {
    /// What goes before the first host's section (``hostSection(_:names:)``).
    static let hostsHeading = ["## Hosts", ""]

    static func hostSection(_ report: Report, names: HostNames) -> [String] {
        // A rule between hosts: in a long page the eye finds where the next host starts.
        var out = ["---", "", "### \(names.heading(report))", ""]
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
                    // The line in which the host said why (a command's error) is worth the cell.
                    let reason = report.factStateReasons[key]
                    table.add([fact, "*\(state.rawValue)*" + (reason.map { ": " + $0.message } ?? ""),
                               reason.map { "`\($0.source)`" } ?? ""])
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

    private static func list(_ items: [String]) -> String {
        items.isEmpty ? "—" : items.joined(separator: ", ")
    }
}
