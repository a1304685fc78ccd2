/// A setting of `sys/kernel/mm/transparent_hugepage/`: the mode the kernel uses and the ones it offers.
public struct TransparentHugePages: Sendable, Codable, Equatable {
    /// The bracketed choice: `"always"`, `"madvise"` or `"never"`.
    public var mode: String
    /// Every choice the file lists, in its order.
    public var choices: [String]
    public var line: Int

    public init(mode: String, choices: [String], line: Int) {
        self.mode = mode
        self.choices = choices
        self.line = line
    }
}

/// Reads `sys/kernel/mm/transparent_hugepage/enabled` (sos 3.6+; RHEL 6 kernels name the folder
/// `redhat_transparent_hugepage`). THP `always` makes the kernel ask for order-9 blocks on page
/// faults, and compaction to make them, which is worth seeing beside a fragmented buddyinfo.
///
/// Real sample (the sos 4.2 archive `sosreport-juju-110cc2-k8stest-4`, Ubuntu 20.04):
/// ```text
/// always [madvise] never
/// ```
/// yields mode `"madvise"`, choices `["always", "madvise", "never"]`, line 1.
public enum TransparentHugePagesParser {
    /// - Throws: `.notCollected` for an empty file; `.malformed` when no choice is bracketed.
    public static func parse(_ text: String) throws(ParseFailure) -> TransparentHugePages {
        guard let line = TextLines(text).first(where: { !$0.text.trimmedBlanks.isEmpty }) else {
            throw .notCollected("transparent_hugepage/enabled is empty")
        }
        var mode: String?
        var choices: [String] = []
        for word in line.text.trimmedBlanks.blankSeparatedFields {
            if word.hasPrefix("["), word.hasSuffix("]"), word.count > 2 {
                mode = String(word.dropFirst().dropLast())
                choices.append(String(word.dropFirst().dropLast()))
            } else {
                choices.append(String(word))
            }
        }
        guard let mode else { throw .malformed(line: line.number, message: "no [bracketed] mode in \"\(line.text.prefix(80))\"") }
        return TransparentHugePages(mode: mode, choices: choices, line: line.number)
    }
}
