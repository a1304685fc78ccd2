import ArgumentParser
import SOSAnalyzer

@main
struct SOSAnalyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sosanalyze",
        abstract: "Reads sosreports offline: each host's facts, and what a batch of hosts has in common.",
        discussion: """
            Archives (.tar.xz, .tar.gz, .tar.bz2, .tar.zst, .tar), extracted report folders, folders of \
            reports and `sos collect` bundles are read in one streaming pass each, never unpacked to disk.

            Exit status: 0 every input was read; 2 some input (or part of one) could not be read, the \
            output lists it; 1 nothing usable was found; 64 usage error.
            """,
        subcommands: [Summarize.self, Inspect.self, Correlate.self, IndexCommand.self, Similar.self],
        defaultSubcommand: Summarize.self
    )
}
