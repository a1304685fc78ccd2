/// One `key = value` of `sysctl -a`.
public struct SysctlEntry: Sendable, Codable, Equatable {
    /// The value as printed, trimmed; may be empty (`kernel.domainname = `) or hold tabs (`net.ipv4.tcp_rmem = 4096\t131072\t6291456`).
    public var value: String
    /// 1-based line number.
    public var line: Int

    public init(value: String, line: Int) {
        self.value = value
        self.line = line
    }
}

/// Every key of `sysctl -a`, the lines that were not `key = value`, and sysctl's own messages
/// about keys it could not read.
public struct SysctlTable: Sendable, Codable, Equatable, NotedParse {
    public var entries: [String: SysctlEntry]
    /// Lines that were neither `key = value` nor one of sysctl's own messages: a read failure.
    public var notes: [ParseNote]
    /// sysctl's own messages about keys it could not read (`sysctl: permission denied on key
    /// '...'`, `sysctl: unable to open directory "..."`, `sysctl: reading key "..."`): the command
    /// ran and said which keys it skipped (in a container many are not readable), so they are not
    /// our read failure and do not reach the report's problems; those keys are simply absent.
    public var unreadableKeys: [ParseNote]

    public init(entries: [String: SysctlEntry], notes: [ParseNote], unreadableKeys: [ParseNote] = []) {
        self.entries = entries
        self.notes = notes
        self.unreadableKeys = unreadableKeys
    }
}

/// Reads `sos_commands/kernel/sysctl_-a` and single-value files of `proc/sys/`.
///
/// Sample (real sos 4.2 archive `juju-04f1e3-0-lxd-5`, `sysctl_-a`, an LXD container):
/// ```
/// abi.vsyscall32 = 1
/// ...
/// sysctl: unable to open directory "/proc/sys/fs/binfmt_misc/"
/// ...
/// sysctl: permission denied on key 'fs.protected_fifos'
/// ```
/// yields `entries["abi.vsyscall32"] == SysctlEntry(value: "1", line: 1)` and one
/// `unreadableKeys` entry per `sysctl:` line (sysctl's own word on what it skipped, not a read
/// failure: no `notes`). `dev.cdrom.info` repeats its key on every line; the first one is kept.
public enum SysctlParser {
    /// - Throws: `.notCollected` when no line is `key = value` (an empty file, or only errors).
    public static func parse(_ text: String) throws(ParseFailure) -> SysctlTable {
        var entries: [String: SysctlEntry] = [:]
        var notes: [ParseNote] = []
        var unreadable: [ParseNote] = []
        for line in TextLines(text) {
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            if isOwnSkipMessage(content) {
                unreadable.append(ParseNote(line: line.number, message: String(content)))
                continue
            }
            guard let equals = content.firstIndex(of: "=") else {
                notes.append(ParseNote(line: line.number, message: String(content)))
                continue
            }
            let key = content[..<equals].trimmedBlanks
            // Keys are dotted names; a space means an error message that happens to hold '='.
            guard !key.isEmpty, !key.contains(" "), !key.contains("\t") else {
                notes.append(ParseNote(line: line.number, message: String(content)))
                continue
            }
            let value = content[content.index(after: equals)...].trimmedBlanks
            if entries[String(key)] == nil {
                entries[String(key)] = SysctlEntry(value: String(value), line: line.number)
            }
        }
        guard !entries.isEmpty else { throw .nothingParsed(notes + unreadable, otherwise: "sysctl -a is empty") }
        return SysctlTable(entries: entries, notes: notes, unreadableKeys: unreadable)
    }

    /// procps sysctl's messages about a key or folder it could not read, as it prints them:
    /// procps-ng opens them with `sysctl: `, procps 3.2 with `error: `
    /// (`error: permission denied on key 'kernel.cad_pid'`, `error: "Operation not permitted" reading key "..."`).
    private static let ownSkipMessages = [
        "permission denied on key ", "unable to open directory ", "reading key ", "cannot stat ",
    ]

    static func isOwnSkipMessage(_ line: Substring) -> Bool {
        let rest: Substring
        if line.hasPrefix("sysctl: ") { rest = line.dropFirst("sysctl: ".count) }
        else if line.hasPrefix("error: ") { rest = line.dropFirst("error: ".count) }
        else { return false }
        if ownSkipMessages.contains(where: { rest.hasPrefix($0) }) { return true }
        // error: "Operation not permitted" reading key "kernel.cad_pid"
        return rest.hasPrefix("\"") && rest.contains("\" reading key \"")
    }

    /// A proc/sys file holding one integer; numbers too big for Int are .malformed, empty is .notCollected.
    ///
    /// Sample: `proc/sys/vm/min_free_kbytes` of the real sos 4.2 archive `juju-110cc2-k8stest-4`
    /// holds `67584\n` and yields `(67584, 1)`.
    public static func parseInteger(_ text: String) throws(ParseFailure) -> (value: Int, line: Int) {
        var found: (value: Int, line: Int)?
        for line in TextLines(text) {
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            if let found {
                throw .malformed(line: line.number, message: "more than one line after \(found.value)")
            }
            guard let value = Int(content) else {
                let digits = content.drop(while: { $0 == "-" || $0 == "+" })
                let message = !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit)
                    ? "integer \(content) does not fit in 64 bits"
                    : "not a single integer: \"\(content)\""
                throw .malformed(line: line.number, message: message)
            }
            found = (value, line.number)
        }
        guard let found else { throw .notCollected("file is empty") }
        return found
    }
}
