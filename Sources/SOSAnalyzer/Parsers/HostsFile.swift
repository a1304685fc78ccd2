/// `/etc/hosts`: each line's address and the names given to it; comments and blank lines skipped.
///
/// Real sample (a Pacemaker node's hosts file, ClusterLabs/crmsh issue 1888,
/// Fixtures/redaction/hosts-crmsh-1888.txt):
/// ```text
/// 10.0.0.1 machine1
/// 10.0.0.2 machine2
/// 10.0.0.3 machine3
/// ```
/// yields three entries, `10.0.0.1` named `machine1` on line 1, and so on.
public struct HostsFileEntry: Sendable, Equatable {
    public var address: String
    public var names: [String]
    public var line: Int
}

public enum HostsFileParser {
    /// Never fails: a line without a name is not an entry.
    public static func parse(_ text: String) -> [HostsFileEntry] {
        var entries: [HostsFileEntry] = []
        for line in TextLines(text) {
            let content = line.text.prefix { $0 != "#" }
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2 else { continue }
            entries.append(HostsFileEntry(address: String(fields[0]), names: fields.dropFirst().map(String.init), line: line.number))
        }
        return entries
    }
}
