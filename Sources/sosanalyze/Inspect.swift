import ArgumentParser
import SOSAnalyzer

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one sosreport's facts and findings.",
        discussion: """
            Example:
              sosanalyze inspect Samples/sosreport-db1-20130215143000-5a3c.tar.xz
              sosanalyze inspect --format json /cases/0123/sosreport-node1-2024-01-10-abcdefg/
            """
    )

    @Argument(help: "A sosreport archive or extracted report folder.", completion: .file())
    var path: String

    @Option(help: "Output format: text for a person, json for tools.")
    var format: InspectFormat = .text

    @OptionGroup var redaction: RedactionOptions

    @Option(help: "A folder of known-issue rules (*.yaml) to use besides the bundled ones.", completion: .directory)
    var rules: String?

    func validate() throws {
        try redaction.validate()
    }

    mutating func run() throws {
        Output.ignoreBrokenPipe()
        let outcome = ReportReader.read(path: path, options: ReadOptions(knownIssues: RuleLoading.book(rules)))
        var redactor = redaction.redact ? Redaction(reports: outcome.reports, problems: outcome.problems) : nil
        for problem in outcome.problems {
            // Redacted like the output: stderr may end up in the shared case too.
            let message = "sosanalyze: \(problem.error)"
            if var active = redactor { Output.error(active.redactText(message)); redactor = active } else { Output.error(message) }
        }
        guard var report = outcome.reports.first else {
            if outcome.problems.isEmpty { Output.error("sosanalyze: \(path): no sosreport found") }
            throw ExitCode(1)
        }
        if outcome.reports.count > 1 {
            Output.error("sosanalyze: \(path) holds \(outcome.reports.count) reports; showing the first (use summarize for all)")
        }
        if var active = redactor { report = active.redact(report); redactor = active }
        var text: String
        switch format {
        case .text: text = TextReportRenderer.render(report)
        case .json: text = try JSONRendering.render(report)
        }
        if var active = redactor {
            text = active.redactText(text)
            try redaction.writeMap(active.map)
        }
        Output.write(text)
        let damaged = report.problems.contains { $0.message.hasPrefix("archive is damaged") }
        if !outcome.problems.isEmpty || damaged { throw ExitCode(2) }
    }
}

enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
