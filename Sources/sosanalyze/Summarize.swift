import ArgumentParser
import Foundation
import SOSAnalyzer
import SOSIndex

struct Summarize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize every sosreport found under the given paths.",
        discussion: """
            Example:
              sosanalyze summarize Samples/
              sosanalyze summarize --format json -o case.json /cases/0123/*.tar.xz
              sosanalyze summarize --redact --redact-map private-map.json -o shareable.md /cases/0123/
            """
    )

    @Argument(help: "Archives, extracted report folders, folders to search for them, or stored reports (.jsonl from inspect --format jsonl, .json).", completion: .file())
    var paths: [String]

    @Option(name: .shortAndLong, help: "Write the summary to this file instead of standard output.")
    var output: String?

    @Option(help: "Output format: markdown to paste into a case, json for tools.")
    var format: SummaryFormat = .markdown

    @Option(help: "Cores to keep busy: archives read at once, and a second thread for an archive read alone (default: the number of cores). The output is the same whatever it is.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var redaction: RedactionOptions

    @Option(name: .customLong("index"), help: "Add a \"Seen before\" section: the cases of this index (see index add) that look like these reports.", completion: .file())
    var index: String?

    @Option(help: "A folder of known-issue rules (*.yaml) to use besides the bundled ones.", completion: .directory)
    var rules: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one archive or folder.") }
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
        try redaction.validate()
    }

    mutating func run() async throws {
        Output.ignoreBrokenPipe()
        let progress = Output.isTerminal(2) ? ProgressLine() : nil
        let options = ReadOptions(knownIssues: RuleLoading.book(rules))
        let reanalyze = rules != nil
        // Stored reports are kept in part, and read again whole for the JSON, except when
        // redacting: the redaction learns and numbers the names of every report whole, in batch order.
        var outcome = await ReportInputs.read(
            paths: paths, jobs: jobs, options: options, reanalyze: reanalyze, trimStored: !redaction.redact,
            measuredProgress: progress.map { line in { @Sendable state in line.update(state) } })
        progress?.finish()
        var redactor = redaction.redact ? Redaction(outcome) : nil
        if redactor != nil { outcome = redactor?.redact(outcome) ?? outcome }
        for problem in outcome.problems {
            Output.error("sosanalyze: \(problem.error)")
        }
        for skipped in outcome.skipped {
            Output.error("sosanalyze: \(skipped.path): skipped: \(skipped.reason)")
        }
        let summary = CaseSummary(outcome)
        let seenBefore = try index.flatMap { try SeenBefore.result(for: outcome, indexPath: $0) }
        // Written in pieces as they are made (a section, a host, a report), each redacted on
        // its own: no piece holds a name or address across its end, every one ends in a newline.
        let target: OutputTarget
        do {
            target = try OutputTarget(path: output)
        } catch {
            Output.error("sosanalyze: \(error)")
            throw ExitCode(1)
        }
        func emit(_ piece: String) throws(OutputTarget.Failure) {
            if var final = redactor {
                let redacted = final.redactText(piece)
                redactor = final
                try target.write(redacted)
            } else {
                try target.write(piece)
            }
        }
        do {
            switch format {
            case .json:
                try BatchDocument.write(
                    summary, adding: seenBefore.map { ["seenBefore": $0] } ?? [:],
                    wholeReport: { report in try ReportInputs.whole(report, options: options, reanalyze: reanalyze) },
                    to: emit)
            case .markdown:
                try MarkdownSummaryRenderer.render(summary, to: emit)
                if let seenBefore { try emit(SimilarCasesMarkdown.seenBefore(seenBefore)) }
            }
            try target.finish()
        } catch {
            target.abandon()
            Output.error("sosanalyze: \(error)")
            throw ExitCode(1)
        }
        try redaction.writeMap(redactor?.map)
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

/// `--redact` and `--redact-map`, shared by `summarize` and `inspect`.
struct RedactionOptions: ParsableArguments {
    @Flag(help: "Replace hostnames (also those of /etc/hosts, corosync.conf and quoted syslog lines), domain names, IPv4/IPv6 and MAC addresses with consistent pseudonyms (host-01, domain-01.example, 192.0.2.1, 2001:db8::1, 02:00:00:00:00:01).")
    var redact = false

    @Option(name: .customLong("redact-map"), help: "With --redact: write the private mapping (original → pseudonym) as JSON to this file.", completion: .file())
    var mapFile: String?

    func validate() throws {
        if mapFile != nil && !redact { throw ValidationError("--redact-map needs --redact.") }
    }

    /// The mapping goes to its own file, never to the shared output.
    func writeMap(_ map: RedactionMap?) throws {
        guard let mapFile, let map else { return }
        do {
            try JSONRendering.render(map).write(toFile: mapFile, atomically: true, encoding: .utf8)
        } catch {
            Output.error("sosanalyze: \(mapFile): cannot write the redaction map: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
