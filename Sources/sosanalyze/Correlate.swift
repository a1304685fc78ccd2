import ArgumentParser
import Foundation
import SOSAnalyzer

struct Correlate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which traits the affected hosts share and which are ruled out.",
        discussion: """
            Affected by default: hosts with page allocation failures or with high orders (>= 2) \
            exhausted in a Normal or DMA32 zone. Trait sets of up to three traits are ranked by a \
            one-sided Fisher's exact test, then by how many affected hosts they cover; each gets a \
            family-wise p from a permutation test over every set tried, and a set "separates them" \
            only below 0.05. Reports of one machine (system UUID, machine ID, else full hostname) \
            count as one host; a trait whose source was not collected is unknown, counted neither way.

            Example:
              sosanalyze correlate Samples/
              sosanalyze correlate --affected dbnode01,web05 --format json /cases/0123/
              sosanalyze correlate --affected-if finding:kernel-tainted /cases/0123/
            """
    )

    @Argument(help: "Archives, extracted report folders, folders to search for them, or stored reports (.jsonl from inspect --format jsonl, .json).", completion: .file())
    var paths: [String]

    @Option(help: "Output format: text for a person, json for tools.")
    var format: InspectFormat = .text

    @Option(help: "Hosts to treat as affected, comma-separated (full or short hostnames).")
    var affected: String?

    @Option(name: .customLong("affected-if"), help: "Treat as affected the reports with this finding or kernel event, or with NIC drops: finding:<id>, event:<kind>, event:<kind>:<module>, nic-drops.")
    var affectedIf: String?

    @Option(help: "Cores to keep busy: archives read at once, and a second thread for an archive read alone (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one archive or folder.") }
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
        if affected != nil && affectedIf != nil { throw ValidationError("Use --affected or --affected-if, not both.") }
        if let affected, hostList(affected).isEmpty { throw ValidationError("--affected needs at least one hostname.") }
        if let affectedIf, AffectedCriterion(condition: affectedIf) == nil {
            throw ValidationError("--affected-if takes finding:<id>, event:<kind>[:<module>] or nic-drops, e.g. finding:page-allocation-failures, event:oom-kill.")
        }
    }

    var criterion: AffectedCriterion {
        if let affected { return .hosts(hostList(affected)) }
        if let affectedIf, let parsed = AffectedCriterion(condition: affectedIf) { return parsed }
        return .symptoms
    }

    mutating func run() async throws {
        Output.ignoreBrokenPipe()
        let progress = Output.isTerminal(2) ? ProgressLine() : nil
        let outcome = await ReportInputs.read(
            paths: paths, jobs: jobs,
            measuredProgress: progress.map { line in { @Sendable state in line.update(state) } })
        progress?.finish()
        for problem in outcome.problems {
            Output.error("sosanalyze: \(problem.error)")
        }
        for skipped in outcome.skipped {
            Output.error("sosanalyze: \(skipped.path): skipped: \(skipped.reason)")
        }
        let correlation = Correlator.correlate(outcome.reports, criterion: criterion)
        for name in correlation.unmatchedHosts {
            Output.error("sosanalyze: --affected \(name): no report of this host")
        }
        switch format {
        case .text: Output.write(CorrelationTextRenderer.render(correlation))
        case .json: Output.write(try JSONRendering.render(correlation))
        }
        if outcome.inputCount == 0 && outcome.problems.isEmpty {
            Output.error("sosanalyze: no sosreport found under \(paths.joined(separator: " "))")
        }
        let status = outcome.exitStatus
        if status != 0 { throw ExitCode(status) }
    }
}

private func hostList(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
