import ArgumentParser
import Foundation
import SOSAnalyzer

struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one sosreport's facts and findings, or write one JSON line per report.",
        discussion: """
            --format jsonl reads every report under the paths (and those listed by --paths-from) \
            and writes one line per report: the --format json object plus "sha256" (of the archive \
            file; of the listing of an extracted folder) and "input". An input that gives no report \
            is one line {"path", "error", "input", "sha256"}, never a missing line. summarize, \
            correlate and index add read these files as they would read the archives.

            Example:
              sosanalyze inspect Samples/sosreport-dbnode01-20130514091203-e9e3.tar.xz
              sosanalyze inspect --format json /cases/0123/sosreport-node1-2024-01-10-abcdefg/
              sosanalyze inspect --format jsonl Samples/ > samples.jsonl
              find /cases -name '*.tar.xz' | sosanalyze inspect --format jsonl --paths-from - > all.jsonl
            """
    )

    @Argument(help: "A sosreport archive or extracted report folder (with --format jsonl: any number of archives and folders).", completion: .file())
    var paths: [String] = []

    @Option(help: "Output format: text for a person, json for tools, jsonl for one line per report.")
    var format: InspectOutputFormat = .text

    @Option(name: .customLong("paths-from"), help: "With --format jsonl: read more inputs from this file, one path a line ('-': standard input).", completion: .file())
    var pathsFrom: String?

    @Option(help: "With --format jsonl: archives read at once (default: the number of cores). The lines come out in the same order whatever it is.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var redaction: RedactionOptions

    @Option(help: "A folder of known-issue rules (*.yaml) to use besides the bundled ones.", completion: .directory)
    var rules: String?

    func validate() throws {
        try redaction.validate()
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
        switch format {
        case .jsonl:
            if paths.isEmpty && pathsFrom == nil { throw ValidationError("Give at least one archive or folder, or --paths-from.") }
            if redaction.redact { throw ValidationError("--redact works on one report or one summary; redact the summary made from the lines instead.") }
        case .text, .json:
            if pathsFrom != nil { throw ValidationError("--paths-from needs --format jsonl.") }
            if paths.count != 1 { throw ValidationError("Give one archive or folder (several need --format jsonl, or summarize).") }
        }
    }

    mutating func run() async throws {
        Output.ignoreBrokenPipe()
        if format == .jsonl { return try await writeLines() }
        let path = paths[0]
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
        case .json, .jsonl: text = try JSONRendering.render(report)
        }
        if var active = redactor {
            text = active.redactText(text)
            try redaction.writeMap(active.map)
        }
        Output.write(text)
        let damaged = report.problems.contains { $0.message.hasPrefix("archive is damaged") }
        if !outcome.problems.isEmpty || damaged { throw ExitCode(2) }
    }

    /// One line per report, in discovery order, each written as soon as its turn comes.
    private func writeLines() async throws {
        var inputs = paths
        if let pathsFrom { inputs += try PathList.read(pathsFrom) }
        var reports = 0
        var skipped = false
        var failure: (any Error)?
        await RecordStream.records(for: inputs, jobs: jobs, options: ReadOptions(knownIssues: RuleLoading.book(rules))) { record in
            switch record.content {
            case .report(let report):
                reports += 1
                if report.problems.contains(where: { $0.message.hasPrefix("archive is damaged") }) { skipped = true }
            case .problem(let problem):
                skipped = true
                Output.error("sosanalyze: \(problem.error)")
            }
            do {
                Output.write(try RecordFile.line(record))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        if reports == 0 {
            if !skipped { Output.error("sosanalyze: no sosreport found under \(inputs.joined(separator: " "))") }
            throw ExitCode(1)
        }
        if skipped { throw ExitCode(2) }
    }
}

enum InspectOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl
}

/// The text/json choice `correlate` offers.
enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--paths-from`: one path a line, blank lines skipped, `-` is standard input.
enum PathList {
    static func read(_ source: String) throws -> [String] {
        let text: String
        if source == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            do {
                text = try String(contentsOfFile: source, encoding: .utf8)
            } catch {
                Output.error("sosanalyze: \(source): cannot read the path list: \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
