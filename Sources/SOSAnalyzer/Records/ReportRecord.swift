import SOSArchive

/// One line of `sosanalyze inspect --format jsonl`: a report, or the reason an input gave none.
///
/// A report line is the `inspect --format json` object on one line, plus `sha256` (of the archive
/// file, or of an extracted folder's listing: ``ContentDigest``), `input` (the path found on
/// the command line that the report came from: a collect bundle's inner reports share it) and
/// `hostNamesInFiles` (the other host names its `/etc/hosts` and cluster files hold,
/// ``Report/namesInFiles``, which the report's JSON leaves out, so that `summarize --redact` of
/// the records replaces them as it does when it reads the archives):
///
/// ```
/// {"allocationFailures":[],...,"hostNamesInFiles":[],"hostname":"dbnode01.prod.example.com","input":"Samples/sosreport-dbnode01-20130514091203-e9e3.tar.xz",...,"schemaVersion":1,"sha256":"5f0c…","source":{...},...}
/// ```
///
/// A line for an input that gave no report keeps its place, with the same one-line error
/// `summarize` prints:
///
/// ```
/// {"error":"cases/b.tar.xz: damaged archive (next header: truncated xz stream): ...","input":"cases/b.tar.xz","path":"cases/b.tar.xz","schemaVersion":1,"sha256":"9e1d…"}
/// ```
///
/// `input` is null on a line for a path that discovery itself refused (an encrypted file, a file
/// that is no archive): like `summarize`, those do not count as inputs read.
public struct ReportRecord: Sendable, Equatable, Codable {
    public var schemaVersion: Int
    /// SHA-256 of the input (64 hex digits), or nil where it could not be read.
    public var sha256: String?
    /// The discovered input (archive, folder or bundle) this line came from.
    public var input: String?
    /// What the line holds.
    public var content: Content

    public enum Content: Sendable, Equatable {
        case report(Report)
        case problem(InputProblem)
    }

    public init(report: Report, sha256: String?, input: String?) {
        schemaVersion = report.schemaVersion
        self.sha256 = sha256
        self.input = input
        content = .report(report)
    }

    public init(problem: InputProblem, sha256: String?, input: String?) {
        schemaVersion = Report.currentSchemaVersion
        self.sha256 = sha256
        self.input = input
        content = .problem(problem)
    }

    public var report: Report? {
        if case .report(let report) = content { return report }
        return nil
    }

    public var problem: InputProblem? {
        if case .problem(let problem) = content { return problem }
        return nil
    }

    /// What names the report in the case index: `sha256`, and for a report inside a collect bundle
    /// `sha256` + the part of `source.path` after the bundle (every inner report is its own entry).
    public var key: String? {
        guard let sha256, let report else { return nil }
        if let input, report.source.path.hasPrefix(input), report.source.path.count > input.count {
            return sha256 + report.source.path.dropFirst(input.count)
        }
        return sha256
    }

    private enum Keys: String, CodingKey {
        case schemaVersion, sha256, input, path, error, hostNamesInFiles
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        sha256 = try container.decodeIfPresent(String.self, forKey: .sha256)
        input = try container.decodeIfPresent(String.self, forKey: .input)
        if let error = try container.decodeIfPresent(String.self, forKey: .error) {
            schemaVersion = try container.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? Report.currentSchemaVersion
            content = .problem(InputProblem(path: try container.decodeIfPresent(String.self, forKey: .path) ?? input ?? "", error: error))
        } else {
            var report = try Report(from: decoder)
            // Records written before the key existed give none: their redaction knows only the
            // names the report itself holds.
            if let hosts = try container.decodeIfPresent([String].self, forKey: .hostNamesInFiles) {
                report.namesInFiles = NamesInReport(hosts: hosts)
            }
            schemaVersion = report.schemaVersion
            content = .report(report)
        }
    }

    /// The report's own keys and `sha256`, `input` and `hostNamesInFiles` in one object (the keys never collide).
    public func encode(to encoder: any Encoder) throws {
        switch content {
        case .report(let report):
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(report.namesInFiles.hosts, forKey: .hostNamesInFiles)
        case .problem(let problem):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(schemaVersion, forKey: .schemaVersion)
            try container.encode(problem.path, forKey: .path)
            try container.encode(problem.error, forKey: .error)
        }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(input, forKey: .input)
    }
}
