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

    @Option(help: "A folder of known-issue rules (*.yaml) to use besides the bundled ones.", completion: .directory)
    var rules: String?

    mutating func run() throws {
        Output.ignoreBrokenPipe()
        let outcome = ReportReader.read(path: path, options: ReadOptions(knownIssues: RuleLoading.book(rules)))
        for problem in outcome.problems {
            Output.error("sosanalyze: \(problem.error)")
        }
        guard let report = outcome.reports.first else {
            if outcome.problems.isEmpty { Output.error("sosanalyze: \(path): no sosreport found") }
            throw ExitCode(1)
        }
        if outcome.reports.count > 1 {
            Output.error("sosanalyze: \(path) holds \(outcome.reports.count) reports; showing the first (use summarize for all)")
        }
        switch format {
        case .text: Output.write(TextReportRenderer.render(report))
        case .json: Output.write(try JSONRendering.render(report))
        }
        let damaged = report.problems.contains { $0.message.hasPrefix("archive is damaged") }
        if !outcome.problems.isEmpty || damaged { throw ExitCode(2) }
    }
}

enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
