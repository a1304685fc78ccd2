/// The Markdown case summary of a batch: the fleet at a glance, findings with their evidence,
/// and the inputs that could not be read.
public enum MarkdownSummaryRenderer {
    public static func render(_ outcome: BatchOutcome) -> String {
        var out: [String] = ["# sosreport summary", ""]
        let failing = outcome.reports.filter { !$0.allocationFailures.isEmpty }
        out.append("\(outcome.reports.count) report\(outcome.reports.count == 1 ? "" : "s") read"
            + (outcome.problems.isEmpty ? "" : ", \(outcome.problems.count) input\(outcome.problems.count == 1 ? "" : "s") could not be read")
            + "; \(failing.count) host\(failing.count == 1 ? "" : "s") logged page allocation failures.")
        out.append("")

        out.append("## Fleet")
        out.append("")
        var fleet = MarkdownTable(["Host", "OS", "Kernel (release)", "NIC drivers", "Third-party modules", "Taint", "Alloc failures"])
        for report in outcome.reports {
            let drivers = Array(Set(report.nics.compactMap(\.driver))).sorted().joined(separator: ", ")
            let thirdParty = report.modules.filter(\.thirdParty).map(\.name).joined(separator: ", ")
            let failures = report.allocationFailures
            let failureText = failures.isEmpty ? "0"
                : "\(failures.count) (max order \(failures.map(\.order).max() ?? 0))"
            fleet.add([
                report.hostname ?? "?",
                report.os?.displayName ?? "?",
                report.kernel.map { k in k.release + (k.distroRelease.map { " (\($0))" } ?? "") } ?? "?",
                drivers.isEmpty ? "—" : drivers,
                thirdParty.isEmpty ? "—" : thirdParty,
                report.taint.map { $0.value == 0 ? "0" : "\($0.value) \($0.flags.joined())" } ?? "?",
                failureText,
            ])
        }
        out.append(fleet.render())

        let findings = outcome.reports.flatMap { report in report.findings.map { (report, $0) } }
            .sorted { $0.1.severity > $1.1.severity }
        if !findings.isEmpty {
            out.append("")
            out.append("## Findings")
            out.append("")
            for (report, finding) in findings {
                let evidence = finding.evidence.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
                out.append("- **\(finding.severity.rawValue)** \(report.hostname ?? "?"): \(finding.title)"
                    + (evidence.isEmpty ? "" : " (\(evidence))"))
            }
        }

        if !outcome.problems.isEmpty || outcome.reports.contains(where: { !$0.problems.isEmpty }) {
            out.append("")
            out.append("## Inputs that could not be read")
            out.append("")
            for problem in outcome.problems {
                out.append("- `\(problem.path)`: \(problem.error)")
            }
            for report in outcome.reports {
                for problem in report.problems {
                    out.append("- \(report.hostname ?? report.source.path): "
                        + (problem.member.map { "`\($0)`: " } ?? "") + problem.message)
                }
            }
        }
        out.append("")
        return out.joined(separator: "\n")
    }
}
