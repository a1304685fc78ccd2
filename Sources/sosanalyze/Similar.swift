import ArgumentParser
import Foundation
import SOSAnalyzer
import SOSIndex

struct Similar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank the indexed cases that look like a report or a case, and say why.",
        discussion: """
            Traits (OS, kernel, modules, NIC driver and firmware, kernel event kinds, page allocation \
            failure signatures, known issues) are weighted by how rare they are among the indexed \
            reports and compared per family, over the families both sides collected. Each match \
            names the shared traits, rarest first, with how many indexed reports have each.

            Example:
              sosanalyze similar /cases/0789/sosreport-node1-2024-01-10-abcdefg.tar.xz
              sosanalyze similar --case 0123 --top 5 --format json
            """
    )

    @Argument(help: "Archives, report folders or .jsonl/.json records to compare (or use --case).", completion: .file())
    var paths: [String] = []

    @Option(name: .customLong("case"), help: "Compare an indexed case with the others.")
    var caseName: String?

    @Option(help: "How many cases to show.")
    var top: Int = 10

    @Option(help: "Output format: markdown, or json ({\"matches\": [{\"case\", \"score\", \"reports\", \"sharedTraits\": [{\"trait\", \"reportsWithIt\"}]}]}).")
    var format: SummaryFormat = .markdown

    @OptionGroup var index: IndexLocation

    @Option(help: "Archives read at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if paths.isEmpty == (caseName == nil) { throw ValidationError("Give a path or --case, not both.") }
        if top < 1 { throw ValidationError("--top must be 1 or more.") }
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
    }

    mutating func run() async throws {
        Output.ignoreBrokenPipe()
        let index = try index.open(mustExist: true)
        let result: SimilarCases
        var skipped = false
        do {
            if let caseName {
                result = try index.similar(toCase: caseName, top: top)
            } else {
                let records = await SimilarInputs.records(paths, jobs: jobs)
                for problem in records.compactMap(\.problem) {
                    skipped = true
                    Output.error("sosanalyze: \(problem.error)")
                }
                guard records.contains(where: { $0.report != nil }) else { throw ExitCode(1) }
                result = try index.similar(to: records, query: paths.joined(separator: " "), top: top)
            }
        } catch let error as CaseIndexError {
            Output.error("sosanalyze: \(error)")
            throw ExitCode(1)
        }
        switch format {
        case .markdown: Output.write(SimilarCasesMarkdown.render(result))
        case .json: Output.write(try JSONRendering.render(result))
        }
        if skipped { throw ExitCode(2) }
    }
}

/// The records of archives and record files given on a command line, in order.
enum SimilarInputs {
    static func records(_ paths: [String], jobs: Int) async -> [ReportRecord] {
        var records: [ReportRecord] = []
        for path in paths where RecordFile.isRecordFile(path) {
            do {
                try RecordFile.forEachRecord(in: path) { records.append($0) }
            } catch {
                records.append(ReportRecord(problem: InputProblem(path: path, error: error.description), sha256: nil, input: nil))
            }
        }
        let archives = paths.filter { !RecordFile.isRecordFile($0) }
        if !archives.isEmpty {
            await RecordStream.records(for: archives, jobs: jobs) { records.append($0) }
        }
        return records
    }
}
