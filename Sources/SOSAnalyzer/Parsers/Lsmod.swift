/// One loaded module, from `lsmod` or `/proc/modules`.
public struct LsmodEntry: Sendable, Codable, Equatable {
    public var name: String
    /// Size in bytes.
    public var size: Int
    /// Reference count as printed; `lsmod` can show more references than holder names. A kernel
    /// without module unloading prints `-`, read as 0.
    public var useCount: Int
    /// Holder modules as printed (`[permanent]`, `-` and empty items dropped).
    public var usedBy: [String]
    /// `/proc/modules` per-module taint letters (`(POE)` -> `["P", "O", "E"]`); `[]` from `lsmod`.
    public var taintFlags: [String]
    /// 1-based line of the module.
    public var line: Int

    public init(name: String, size: Int, useCount: Int, usedBy: [String], taintFlags: [String], line: Int) {
        self.name = name
        self.size = size
        self.useCount = useCount
        self.usedBy = usedBy
        self.taintFlags = taintFlags
        self.line = line
    }
}

/// The modules of an `lsmod` or `/proc/modules` file, with the lines that could not be read.
public struct LsmodTable: Sendable, Codable, Equatable {
    public var entries: [LsmodEntry]
    public var notes: [ParseNote]

    public init(entries: [LsmodEntry], notes: [ParseNote]) {
        self.entries = entries
        self.notes = notes
    }
}

/// Reads `sos_commands/kernel/lsmod` (`name size count holders`) and `proc/modules`
/// (`name size count holders, state address [(taint)]`).
///
/// Real sample (corpus `lsmod-03.txt`, first lines):
/// ```text
/// Module                  Size  Used by
/// rdma_ucm               32768  0
/// rdma_cm               106496  1 rdma_ucm
/// ```
/// yields `rdma_ucm` (size 32768, count 0, no holders, line 2) and `rdma_cm` (106496, 1,
/// `["rdma_ucm"]`, line 3). From `/proc/modules`,
/// `zcommon 90112 2 zfs,icp, Live 0xffffffffc0952000 (PO)` yields holders `["zfs", "icp"]` and
/// taint flags `["P", "O"]`.
///
/// lsmod prints one module a line however long its holder list (a long name only pushes the
/// columns right). Pasted from a terminal, a long holder list is wrapped and its rest opens
/// the next line alone (moby/moby#14185's `nf_conntrack 90112 5 nf_nat,...,nf_nat_masquerad`
/// then `e_ipv4,nf_conntrack_ipv4` at 80 columns): a line that is one comma-separated word right after a module line
/// with holders is read as the rest of that list (the first piece is glued to the last holder
/// unless the line above ended at a comma). Only a line above as long as the narrowest terminal
/// (80 columns) can have been wrapped: a module name alone after a short line is a cut line.
public enum LsmodParser {
    /// The narrowest terminal width text is pasted from: shorter lines were not wrapped.
    static let wrapWidth = 80

    /// The modules in file order; the header and a leading `> ` quote marker are skipped, and an
    /// unreadable line (e.g. a truncated last line) is left out. Throws `notCollected` for an
    /// empty file or an error message, `malformed` when no line is a module.
    public static func parse(_ text: String) throws(ParseFailure) -> [LsmodEntry] {
        let table = table(text)
        if !table.entries.isEmpty { return table.entries }
        guard let first = TextLines(text).first(where: { !($0.text).trimmedWhitespace.isEmpty }) else {
            throw .notCollected("lsmod output is empty")
        }
        if NotCollectedText.matches(first.text) { throw .notCollected(first.text.trimmingWhitespace()) }
        if let note = table.notes.first { throw .malformed(line: note.line, message: note.message) }
        throw .notCollected("no modules loaded")
    }

    /// Like `parse`, but never throws and reports each unreadable line as a note.
    public static func table(_ text: String) -> LsmodTable {
        var entries: [LsmodEntry] = []
        var notes: [ParseNote] = []
        let lines = TextLines(text).map { line -> (number: Int, text: Substring, fields: [Substring]) in
            var fields = line.text.blankSeparatedFields
            if fields.first == ">" { fields.removeFirst() }
            return (line.number, line.text, fields)
        }
        // Output pasted with whatever came before it (a prompt, another command): the table
        // starts at its header.
        let header = lines.firstIndex { $0.fields.count >= 2 && $0.fields[0] == "Module" && $0.fields[1] == "Size" }
        for (index, line) in lines.enumerated() {
            let fields = line.fields
            guard !fields.isEmpty else { continue }
            if let header, index <= header {
                if index < header { notes.append(ParseNote(line: line.number, message: "before the lsmod header")) }
                continue
            }
            if let entry = entry(fields, line: line.number) {
                entries.append(entry)
            } else if let last = entries.last, index > 0, lines[index - 1].number == last.line,
                      let rest = holdersContinuation(fields, after: lines[index - 1].text, holders: last.usedBy) {
                entries[entries.count - 1].usedBy = rest
            } else {
                notes.append(ParseNote(line: line.number, message: "not a module line: \(line.text.trimmingWhitespace())"))
            }
        }
        return LsmodTable(entries: entries, notes: notes)
    }

    private static func entry(_ fields: [Substring], line: Int) -> LsmodEntry? {
        guard fields.count >= 3, let size = Int(fields[1]) else { return nil }
        let useCount: Int
        if fields[2] == "-" {
            useCount = 0
        } else if let count = Int(fields[2]) {
            useCount = count
        } else {
            return nil
        }
        var usedBy: [String] = []
        var taintFlags: [String] = []
        if fields.count >= 4 {
            usedBy = fields[3].split(separator: ",")
                .filter { $0 != "-" && !$0.hasPrefix("[") }
                .map(String.init)
        }
        // /proc/modules: holders, state, address, then the optional "(POE)" taint letters.
        if fields.count >= 5, ["Live", "Loading", "Unloading"].contains(fields[4]),
           let last = fields.last, last.hasPrefix("("), last.hasSuffix(")")
        {
            taintFlags = last.dropFirst().dropLast().filter(\.isLetter).map(String.init)
        }
        return LsmodEntry(
            name: String(fields[0]), size: size, useCount: useCount, usedBy: usedBy, taintFlags: taintFlags, line: line)
    }

    /// The holder list of the module line above with a terminal-wrapped rest added, or nil when
    /// `fields` is no such rest (more than one word, not module names and commas, or the line
    /// above had no holders).
    private static func holdersContinuation(_ fields: [Substring], after previous: Substring, holders: [String]) -> [String]? {
        guard fields.count == 1, let word = fields.first, let lastHolder = holders.last,
              word.allSatisfy({ $0.isASCIILetterOrDigit || $0 == "_" || $0 == "-" || $0 == "," }),
              previous.count >= wrapWidth else { return nil }
        var result = holders
        var pieces = word.split(separator: ",").map(String.init)
        if !previous.trimmedBlanks.hasSuffix(","), !pieces.isEmpty, !word.hasPrefix(",") {
            result[result.count - 1] = lastHolder + pieces.removeFirst()
        }
        return result + pieces.filter { $0 != "-" }
    }
}
