/// The cluster nodes of `/etc/corosync/corosync.conf`: every `name:` and `ringN_addr:` of its
/// `nodelist` (an address or a host name).
///
/// Real sample (a Fedora 30 two-node cluster, ClusterLabs/fence-agents pull request 289,
/// Fixtures/redaction/corosync-fence-agents-289.conf):
/// ```text
/// nodelist {
///     node {
///         ring0_addr: fastvm-fedora30-93
///         name: fastvm-fedora30-93
///         nodeid: 1
///     }
/// ```
/// yields `fastvm-fedora30-93` (line 3 and line 4).
public struct CorosyncNodeName: Sendable, Equatable {
    /// The value as written: a host name or an address.
    public var value: String
    public var line: Int
}

public enum CorosyncNodesParser {
    /// Never fails: lines that are not a node's name or address are passed over.
    public static func parse(_ text: String) -> [CorosyncNodeName] {
        var names: [CorosyncNodeName] = []
        for line in TextLines(text) {
            let trimmed = line.text.trimmingWhitespace()
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = trimmed[..<colon].trimmingWhitespace()
            let isAddress = key.hasPrefix("ring") && key.hasSuffix("_addr")
            guard key == "name" || isAddress else { continue }
            let value = trimmed[trimmed.index(after: colon)...].trimmingWhitespace()
            if !value.isEmpty, !value.contains(" ") { names.append(CorosyncNodeName(value: value, line: line.number)) }
        }
        return names
    }
}
