import ArgumentParser
import Foundation
import SOSAnalyzer

struct Summarize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize every sosreport found under the given paths.",
        discussion: """
            Example:
              sosanalyze summarize Samples/
              sosanalyze summarize --format json -o case.json /cases/0123/*.tar.xz
            """
    )

    @Argument(help: "Archives, extracted report folders, or folders to search for them.", completion: .file())
    var paths: [String]

    @Option(name: .shortAndLong, help: "Write the summary to this file instead of standard output.")
    var output: String?

    @Option(help: "Output format: markdown to paste into a case, json for tools.")
    var format: SummaryFormat = .markdown

    @Option(help: "Archives read at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "A folder of known-issue rules (*.yaml) to use besides the bundled ones.", completion: .directory)
    var rules: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one archive or folder.") }
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
    }

    mutating func run() async throws {
        Output.ignoreBrokenPipe()
        let progress = Output.isTerminal(2) ? ProgressLine() : nil
        let options = ReadOptions(knownIssues: RuleLoading.book(rules))
        let outcome = await BatchReader.read(paths: paths, jobs: jobs, options: options) { done, total in
            progress?.update(done: done, total: total)
        }
        progress?.finish()
        for problem in outcome.problems {
            Output.error("sosanalyze: \(problem.error)")
        }
        let text: String
        switch format {
        case .json: text = try JSONRendering.render(BatchDocument(outcome))
        case .markdown: text = MarkdownSummaryRenderer.render(outcome)
        }
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                Output.error("sosanalyze: \(output): cannot write the summary: \(error.localizedDescription)")
                throw ExitCode(1)
            }
        } else {
            Output.write(text)
        }
        if outcome.inputCount == 0 && outcome.problems.isEmpty {
            Output.error("sosanalyze: no sosreport found under \(paths.joined(separator: " "))")
        }
        let status = outcome.exitStatus
        if status != 0 { throw ExitCode(status) }
    }
}

enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, json
}
