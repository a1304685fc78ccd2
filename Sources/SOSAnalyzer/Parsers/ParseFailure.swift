/// Why a parser produced no value, told apart the way a support engineer needs them.
///
/// An empty file, a 0-byte `/proc` file or a "command not found" output is `notCollected`:
/// sos had nothing to give, and that is not the host's fault. Where the parser can point at the
/// line in which the command said why (dmidecode's `Permission denied`), it is `commandFailed`,
/// still "not collected" in the report, with that line as its reason. Content that was
/// recognised but is wrong is `malformed`, with the line that broke it.
public enum ParseFailure: Error, Sendable, Equatable, Codable {
    /// Nothing usable was collected (empty file, command missing on the host, permission denied).
    case notCollected(String)
    /// The content did not have the expected shape at `line` (1-based).
    case malformed(line: Int, message: String)
    /// Nothing usable was collected, and the member says why on `line`: the command sos ran
    /// printed an error on the host instead of its output (dmidecode's `Permission denied` in a
    /// container). Reported as "not collected", with that line.
    case commandFailed(line: Int, message: String)

    /// A one-line explanation for reports.
    public var message: String {
        switch self {
        case .notCollected(let why): return why
        case .malformed(let line, let message): return "line \(line): \(message)"
        case .commandFailed(_, let message): return message
        }
    }
}

/// A problem a parser met on one line while still producing a value for the rest.
public struct ParseNote: Sendable, Equatable, Codable, Hashable {
    /// 1-based line number the note refers to.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// A parsed value that also says which lines it could not read (error output of the command,
/// lines of no known shape): the assembler keeps them with the fact's member, so nothing a
/// parser passed over is lost.
public protocol NotedParse {
    var notes: [ParseNote] { get }
}

extension ParseFailure {
    /// `.notCollected` for output that held nothing but notes ("sh: dpkg: command not found"):
    /// the first note says why.
    static func nothingParsed(_ notes: [ParseNote], otherwise: String) -> ParseFailure {
        .notCollected(notes.first?.message ?? otherwise)
    }
}
