import ArgumentParser
import Foundation
import SOSAnalyzer
import SOSIndex

/// `--index PATH`, shared by `index`, `similar` and `summarize`.
struct IndexLocation: ParsableArguments {
    @Option(name: .customLong("index"), help: "The index file (default: $XDG_DATA_HOME/sosanalyze/index.sqlite).", completion: .file())
    var path: String?

    var resolved: String { path ?? CaseIndex.defaultPath() }

    /// Opens the index; with `mustExist`, a missing file is an error (exit 1) instead of a new,
    /// empty index: asking an index that was never made is a mistake worth hearing about.
    func open(mustExist: Bool = false) throws -> CaseIndex {
        if mustExist && !FileManager.default.fileExists(atPath: resolved) {
            Output.error("sosanalyze: \(resolved): no index there (index add makes it; --index names another)")
            throw ExitCode(1)
        }
        do {
            return try CaseIndex(path: resolved)
        } catch {
            Output.error("sosanalyze: \(resolved): cannot open the index: \(error)")
            throw ExitCode(1)
        }
    }
}

struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Keep past cases in a local SQLite index, for `similar` and `summarize --index`.",
        discussion: """
            Example:
              sosanalyze index add --case 0123 /cases/0123/
              sosanalyze index add --case 0456 fleet.jsonl
              sosanalyze index list --format json
              sosanalyze index remove --case 0123
            """,
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store reports (archives, folders or .jsonl/.json records) under a case.",
            discussion: """
                Each report is stored in one transaction, keyed by the SHA-256 of its archive: adding a \
                report the index holds already changes nothing. Archives are read as inspect --format \
                jsonl reads them; records are taken as they are. With --redact the reports are stored \
                as summarize --redact shows them (every report of the run is read first: the \
                pseudonyms are numbered over all of them).

                Example:
                  sosanalyze index add --case 0123 /cases/0123/
                  sosanalyze index add --case 0123 --redact --redact-map 0123-map.json /cases/0123/
                """
        )

        @Option(name: .customLong("case"), help: "The case the reports belong to (any name: a ticket number).")
        var caseName: String

        @Argument(help: "Archives, report folders, folders of them, or .jsonl/.json records.", completion: .file())
        var paths: [String]

        @OptionGroup var index: IndexLocation

        @Option(help: "Archives read at once (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @OptionGroup var redaction: RedactionOptions

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Give at least one archive, folder or .jsonl file.") }
            if caseName.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--case needs a name.") }
            if jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
            try redaction.validate()
        }

        mutating func run() async throws {
            Output.ignoreBrokenPipe()
            let index = try index.open()
            var tally = (added: 0, known: 0, skipped: 0)
            var failure: (any Error)?
            let caseName = caseName
            let store = { (record: ReportRecord) in
                guard failure == nil else { return }
                do {
                    switch try index.add(record, toCase: caseName) {
                    case .added: tally.added += 1
                    case .known(let other):
                        tally.known += 1
                        if other != caseName, let report = record.report {
                            Output.error("sosanalyze: \(report.source.path): already indexed under case \(other); left there")
                        }
                    case .notStored(let reason):
                        tally.skipped += 1
                        Output.error("sosanalyze: \(reason)")
                    }
                } catch {
                    failure = error
                }
            }
            // Stored as they come; with --redact gathered first, redacted over all of them, then stored.
            var gathered: [ReportRecord] = []
            let redact = redaction.redact
            let take = { (record: ReportRecord) in
                if redact { gathered.append(record) } else { store(record) }
            }
            let recordFiles = paths.filter(RecordFile.isRecordFile)
            let archives = paths.filter { !RecordFile.isRecordFile($0) }
            for file in recordFiles {
                do {
                    try RecordFile.forEachRecord(in: file, take)
                } catch {
                    tally.skipped += 1
                    Output.error("sosanalyze: \(error)")
                }
            }
            if !archives.isEmpty {
                await RecordStream.records(for: archives, jobs: jobs, emit: take)
            }
            if redact {
                let (redacted, redactor) = Redaction.redacting(gathered)
                redacted.forEach(store)
                try redaction.writeMap(redactor.map)
            }
            if let failure {
                Output.error("sosanalyze: \(index.path): \(failure)")
                throw ExitCode(1)
            }
            Output.error("sosanalyze: case \(caseName): \(tally.added) added, \(tally.known) already indexed, \(tally.skipped) not stored")
            if tally.added + tally.known == 0 { throw ExitCode(1) }
            if tally.skipped > 0 { throw ExitCode(2) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the indexed cases: reports and hosts per case.")

        @Option(help: "Output format: text, or json ({\"cases\": [{\"case\", \"reports\", \"hosts\"}]}).")
        var format: InspectFormat = .text

        @OptionGroup var index: IndexLocation

        func run() throws {
            Output.ignoreBrokenPipe()
            // A missing file is an index with no cases; listing it does not create it.
            let cases = FileManager.default.fileExists(atPath: index.resolved) ? try index.open().cases() : []
            switch format {
            case .json:
                struct Listing: Encodable { var cases: [CaseIndex.CaseSummary] }
                Output.write(try JSONRendering.render(Listing(cases: cases)))
            case .text:
                if cases.isEmpty { Output.write("no cases indexed in \(index.resolved)\n"); return }
                let width = max(4, cases.map(\.case.count).max() ?? 4)
                var text = "case".padding(toLength: width, withPad: " ", startingAt: 0) + "  reports  hosts\n"
                for entry in cases {
                    text += entry.case.padding(toLength: width, withPad: " ", startingAt: 0)
                        + "  " + String(entry.reports).leftPadded(7) + "  " + String(entry.hosts).leftPadded(5) + "\n"
                }
                Output.write(text)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a case and its reports from the index.")

        @Option(name: .customLong("case"), help: "The case to remove.")
        var caseName: String

        @OptionGroup var index: IndexLocation

        func run() throws {
            let removed = try index.open(mustExist: true).remove(case: caseName)
            if removed == 0 {
                Output.error("sosanalyze: no case \(caseName) in \(index.resolved)")
                throw ExitCode(1)
            }
            Output.error("sosanalyze: case \(caseName): \(removed) report\(removed == 1 ? "" : "s") removed")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
