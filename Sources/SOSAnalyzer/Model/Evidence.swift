/// Where a fact or finding came from: an archive member and, where it makes sense, a line.
///
/// Encoded as one string, `"sos_commands/kernel/uname_-a:1"`, so that an engineer can paste it
/// into `less +N` or an editor; a fact drawn from a whole file (a member that exists but is
/// empty, say) has no line and encodes as the bare path.
public struct Evidence: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Member path relative to the report root, as the archive holds it.
    public var member: String
    /// 1-based line number, when the fact comes from one line.
    public var line: Int?

    public init(member: String, line: Int? = nil) {
        self.member = member
        self.line = line
    }

    public var description: String {
        line.map { "\(member):\($0)" } ?? member
    }

    public static func < (lhs: Evidence, rhs: Evidence) -> Bool {
        (lhs.member, lhs.line ?? 0) < (rhs.member, rhs.line ?? 0)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if let colon = text.lastIndex(of: ":"), let number = Int(text[text.index(after: colon)...]) {
            self.init(member: String(text[..<colon]), line: number)
        } else {
            self.init(member: text)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A parsed record that cites the line it came from. Parsers never see a path, so they cite
/// their fact's usual member; the assembler then names the member it actually read.
protocol CitedRecord {
    var source: Evidence { get set }
}

extension Array where Element: CitedRecord {
    /// The records, citing `member` at their own lines.
    func cited(in member: String) -> [Element] {
        map { record in
            var record = record
            record.source.member = member
            return record
        }
    }
}
