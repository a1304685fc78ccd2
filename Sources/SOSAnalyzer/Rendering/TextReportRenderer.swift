/// `sosanalyze inspect` for a person: what matters first, aligned, units humans read, and where
/// each fact came from.
public enum TextReportRenderer {
    public static func render(_ report: Report) -> String {
        var out: [String] = []
        let host = report.hostname ?? "(hostname not collected)"
        let sos = report.sosVersion.map { "sos \($0)" } ?? "sos version unknown"
        out.append("\(host)  —  \(sos), \(report.source.format), \(report.source.memberCount) members")
        out.append("  \(report.source.path)")
        out.append("")

        var facts = TextTable()
        func fact(_ label: String, _ value: String?, _ key: String) {
            let shown: String, evidence: String
            if let value {
                shown = value
                evidence = report.evidence[key].map { "[\($0)]" } ?? ""
            } else {
                let state = "— " + (report.factStates[key]?.rawValue ?? "not collected")
                let reason = report.factStateReasons[key]
                shown = state + (reason.map { ": " + $0.message } ?? "")
                evidence = reason.map { "[\($0.source)]" } ?? ""
            }
            if shown.count > 72 {
                // A long value would push every evidence column off screen: cite it below.
                facts.add([label, shown], measured: false)
                if !evidence.isEmpty { facts.add(["", "  " + evidence], measured: false) }
            } else {
                facts.add([label, shown, evidence])
            }
        }
        fact("OS", report.os.map { "\($0.displayName)  (\($0.name))" }, "os")
        fact("kernel", report.kernel.map(kernelText), "kernel.release")
        fact("taint", report.taint.map(taintText), "taint")
        fact("memory", report.memory.map(memoryText), "memory")
        fact("min_free_kbytes", report.sysctl["vm.min_free_kbytes"].map { "\($0) (\(ByteFormatter.kibibytes($0)))" }, "vm.min_free_kbytes")
        fact("zone_reclaim_mode", report.sysctl["vm.zone_reclaim_mode"].map(zoneReclaimText), "vm.zone_reclaim_mode")
        fact("THP", report.transparentHugePages.map { "\($0.mode)  (of \($0.choices.joined(separator: ", ")))" }, "transparentHugePages")
        fact("hardware", report.hardware.map { [$0.vendor, $0.model].compactMap { $0 }.joined(separator: " ") }, "hardware")
        fact("packages", report.packages.map(packagesText), "packages")
        fact("collected", report.collectedAt, "collectedAt")
        fact("sos layout", report.sosGeneration, "sosVersion")
        out.append("Host")
        out.append(facts.render())

        if !report.findings.isEmpty {
            out.append("")
            out.append("Findings")
            var table = TextTable()
            for finding in report.findings {
                table.add([finding.severity.rawValue.uppercased(), finding.title])
                if !finding.evidence.isEmpty {
                    let shown = finding.evidence.prefix(3).map(\.description).joined(separator: ", ")
                    let more = finding.evidence.count > 3 ? " (+\(finding.evidence.count - 3) more)" : ""
                    table.add(["", "at " + shown + more], measured: false)
                }
            }
            out.append(table.render())
        }
        out += KernelTimelineText.section(report)

        out.append("")
        out.append("Network interfaces (\(report.nics.count))")
        if report.nics.isEmpty {
            out.append("  — \(report[state: .nics]?.rawValue ?? "none with a driver")")
        } else {
            var table = TextTable()
            table.add(["interface", "driver", "version", "firmware", "bus"])
            for nic in report.nics {
                let name = nic.namespace.map { "\($0)/\(nic.interface)" } ?? nic.interface
                table.add([name, nic.driver ?? "—", nic.version ?? "—", nic.firmware ?? "—", nic.busInfo ?? "—"])
            }
            out.append(table.render())
        }

        let thirdParty = report.modules.filter(\.thirdParty)
        out.append("")
        out.append("Kernel modules (\(report.modules.count) loaded, \(thirdParty.count) third-party)")
        if report.modules.isEmpty {
            out.append("  — \(report[state: .modules]?.rawValue ?? "not collected")")
        }
        for module in thirdParty {
            let details = [module.version.map { "version \($0)" }, module.license.map { "license \($0)" },
                           module.taintFlags.isEmpty ? nil : "taint \(module.taintFlags.joined())"]
                .compactMap { $0 }.joined(separator: ", ")
            out.append("  \(module.name)" + (details.isEmpty ? "" : "  (\(details))"))
            for reason in module.thirdPartyReasons { out.append("      - \(reason)") }
        }
        if !report.modules.isEmpty {
            out.append(wrapped(report.modules.map(\.name), indent: "  ", width: 100))
        }

        if !report.allocationFailures.isEmpty {
            out.append("")
            out.append("Page allocation failures (\(report.allocationFailures.count))")
            var table = TextTable()
            table.add(["process", "order", "block", "mask", "flags", "modules", "where"])
            for failure in report.allocationFailures {
                table.add([failure.process, "\(failure.order)", ByteFormatter.human(4096 << Int64(failure.order)),
                           failure.gfpMask, failure.gfpDescription ?? failure.gfpFlags.joined(separator: "|"),
                           failure.modules.isEmpty ? "—" : failure.modules.joined(separator: ","),
                           failure.source.description])
            }
            out.append(table.render())
        }

        if !report.buddyinfo.isEmpty {
            out.append("")
            out.append("Free memory by block size (/proc/buddyinfo, 4 KiB pages)")
            let orders = report.buddyinfo.map(\.freeBlocks.count).max() ?? 0
            var table = TextTable()
            table.add(["node", "zone"] + (0..<orders).map { ByteFormatter.human(4096 << Int64($0)) } + ["free"])
            for (row, analysed) in zip(report.buddyinfo, report.analyzedBuddyZones) {
                table.add(["\(row.node)", row.zone] + row.freeBlocks.map { "\($0)" } + [ByteFormatter.human(analysed.analysis.freeBytes)])
            }
            out.append(table.render())
        }

        out += BuddyStateText.lines(report)

        let missing = report.factStates.filter { $0.value != .truncatedBySos }.sorted { $0.key < $1.key }
        if !missing.isEmpty {
            out.append("")
            out.append("Not available")
            var table = TextTable()
            for (fact, state) in missing { table.add([fact, state.rawValue]) }
            out.append(table.render())
        }
        if !report.problems.isEmpty {
            out.append("")
            out.append("Problems reading this report")
            for problem in report.problems {
                out.append("  - " + (problem.member.map { "\($0): " } ?? "") + problem.message)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func kernelText(_ kernel: KernelInfo) -> String {
        var text = kernel.release
        if let shipped = kernel.distroRelease { text += " (shipped with \(shipped))" }
        if kernel.matchesOSRelease == false { text += "  ≠ release file" }
        return text
    }

    private static func taintText(_ taint: TaintInfo) -> String {
        taint.value == 0 ? "0 (not tainted)"
            : "\(taint.value): " + taint.decoded.map { "\($0.letter) \($0.name)" }.joined(separator: ", ")
    }

    private static func memoryText(_ memory: MemoryInfo) -> String {
        [memory.memTotalKiB.map { "total \(ByteFormatter.kibibytes($0))" },
         memory.memFreeKiB.map { "free \(ByteFormatter.kibibytes($0))" },
         memory.memAvailableKiB.map { "available \(ByteFormatter.kibibytes($0))" }]
            .compactMap { $0 }.joined(separator: ", ")
    }

    private static func zoneReclaimText(_ mode: Int) -> String {
        if mode == 0 { return "0 (off: allocate from other nodes before reclaiming)" }
        var parts = ["reclaim in zone"]
        if mode & 2 != 0 { parts.append("write dirty pages") }
        if mode & 4 != 0 { parts.append("swap") }
        return "\(mode) (" + parts.joined(separator: ", ") + ")"
    }

    private static func packagesText(_ packages: PackageSummary) -> String {
        var text = "\(packages.count) (\(packages.manager))"
        if !packages.clusterStack.isEmpty { text += "; cluster: " + packages.clusterStack.joined(separator: ", ") }
        if !packages.thirdPartyKernelPackages.isEmpty {
            text += "; third-party kernel packages: " + packages.thirdPartyKernelPackages.joined(separator: ", ")
        }
        return text
    }

    private static func wrapped(_ words: [String], indent: String, width: Int) -> String {
        var lines: [String] = []
        var line = indent
        for word in words {
            if line.count + word.count + 1 > width, line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        if line != indent { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
