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

/// Every key of `sysctl -a`, and the lines that were not `key = value`.
public struct SysctlTable: Sendable, Codable, Equatable, NotedParse {
    public var entries: [String: SysctlEntry]
    public var notes: [ParseNote]

    public init(entries: [String: SysctlEntry], notes: [ParseNote]) {
        self.entries = entries
        self.notes = notes
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
/// yields `entries["abi.vsyscall32"] == SysctlEntry(value: "1", line: 1)` and one note per
/// `sysctl:` line. `dev.cdrom.info` repeats its key on every line; the first one is kept.
public enum SysctlParser {
    /// - Throws: `.notCollected` when no line is `key = value` (an empty file, or only errors).
    public static func parse(_ text: String) throws(ParseFailure) -> SysctlTable {
        var entries: [String: SysctlEntry] = [:]
        var notes: [ParseNote] = []
        for line in TextLines(text) {
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
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
        guard !entries.isEmpty else { throw .nothingParsed(notes, otherwise: "sysctl -a is empty") }
        return SysctlTable(entries: entries, notes: notes)
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
