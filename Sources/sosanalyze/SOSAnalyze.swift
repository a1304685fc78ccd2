import ArgumentParser
import SOSAnalyzer

@main
struct SOSAnalyze: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sosanalyze", abstract: "Reads sosreports offline.")
    func run() throws { print(libarchiveVersion) }
}
