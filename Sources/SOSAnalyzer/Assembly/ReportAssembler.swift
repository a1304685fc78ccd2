import Foundation
import SOSArchive

/// Turns the members one pass kept into a `Report`: each fact from its preferred source, with
/// its evidence, or an explicit state saying why it is missing.
struct ReportAssembler {
    var report: Report
    let lookup: FactLookup
    let index: MemberIndex
    var logScans: [KernelLogScan]
    let bootLines: BootLogLines
    var uname: Uname?
    var packages: [InstalledPackage] = []
    var sysctlParsed = false
    var sysctlTable: (entries: [String: SysctlEntry], member: String)?

    init(source: ReportSourceInfo, index: MemberIndex, files: [String: MemberData], logScans: [KernelLogScan],
         bootLines: BootLogLines = BootLogLines()) {
        self.bootLines = bootLines
        self.report = Report(source: source)
        self.index = index
        self.lookup = FactLookup(index: index, files: files)
        self.logScans = logScans
    }

    mutating func assemble() -> Report {
        readSosVersion()
        readUname()
        readHostname()
        readDate()
        readUptime()
        readOS()
        readKernel()
        readPackages()
        readOSFallback()
        readTaint()
        readModules()
        readNICs()
        readMemory()
        readSysctl()
        readHardware()
        readNetwork()
        readBuddyInfo()
        readZoneInfo()
        readAllocationFailures()
        readKernelEvents()
        readPageTypeInfo()
        readKernelLogExtras()
        for fact in FactCatalog.displayed { fact.read(&self) }
        readNamesInFiles()
        return report
    }

    // MARK: - Generic helpers

    /// Parses the first candidate that holds text; records the state or problem otherwise.
    mutating func parse<Value>(
        _ spec: FactSpec, _ parser: (String) throws(ParseFailure) -> Value
    ) -> (Value, FactLookup.Found)? {
        let fact = spec.fact
        let found = lookup.all(spec)
        if found.isEmpty {
            if case .missing(let state, _) = lookup.first(spec) { report[state: fact] = state }
            return nil
        }
        var firstFailure: (ParseFailure, String)?
        for candidate in found {
            do {
                let value = try parser(candidate.text)
                note(candidate, for: fact)
                if let noted = value as? NotedParse { keep(noted.notes, fact: fact, member: candidate.member) }
                return (value, candidate)
            } catch {
                if firstFailure == nil { firstFailure = (error, candidate.member) }
            }
        }
        if let (failure, member) = firstFailure { record(failure, fact: fact, member: member) }
        return nil
    }

    mutating func note(_ found: FactLookup.Found, for fact: Fact) {
        if found.truncatedBySos { report[state: fact] = .truncatedBySos }
        if found.capped {
            report.problems.append(ReportProblem(message: "read cap hit: only the start of the file was read", member: found.member))
        }
    }

    /// The lines a parser passed over, as one problem of the fact: how many, and the first.
    mutating func keep(_ notes: [ParseNote], fact: Fact, member: String) {
        guard let first = notes.first else { return }
        let more = notes.count > 1 ? " (and \(notes.count - 1) more line\(notes.count == 2 ? "" : "s") not read)" : ""
        report.problems.append(ReportProblem(message: "\(fact.rawValue): \(first.message)\(more)", member: "\(member):\(first.line)"))
    }

    mutating func record(_ failure: ParseFailure, fact: Fact, member: String) {
        switch failure {
        case .notCollected:
            report[state: fact] = .notCollected
        case .commandFailed(let line, let message):
            report[state: fact] = .notCollected
            report.factStateReasons[fact.rawValue] = FactStateReason(message: message, source: Evidence(member: member, line: line))
        case .malformed(let line, let message):
            report[state: fact] = .unreadable
            report.problems.append(ReportProblem(message: "\(fact.rawValue): \(message)", member: "\(member):\(line)"))
        }
    }

    mutating func cite(_ fact: Fact, _ member: String, line: Int?) {
        report[evidence: fact] = Evidence(member: member, line: line)
    }
}
