/// The hosts of a cman cluster's `/etc/cluster/cluster.conf` (RHEL 5/6): each `<clusternode
/// name="...">`, `<failoverdomainnode name="...">` and fence device `ipaddr="..."`.
///
/// Real sample (the example of the ClusterLabs fence-agents "Fence Agent API" document,
/// Fixtures/redaction/cluster-conf-fence-agent-api.txt):
/// ```text
/// <clusternodes>
///     <clusternode name="red.lab.boston.redhat.com" nodeid="1" votes="1">
/// ...
///     <fencedevice agent="fence_wti" name="ips-rack9" passwd="wti" ipaddr="ips-rack9"/>
/// ```
/// yields `red.lab.boston.redhat.com` and `ips-rack9` (lines 2 and 12 of the whole file).
public enum ClusterConfNodesParser {
    /// Never fails: XML it does not follow is passed over.
    public static func parse(_ text: String) -> [CorosyncNodeName] {
        var names: [CorosyncNodeName] = []
        for line in TextLines(text) {
            let trimmed = line.text.trimmingWhitespace()
            let attribute: String
            if trimmed.hasPrefix("<clusternode ") || trimmed.hasPrefix("<failoverdomainnode ") {
                attribute = "name"
            } else if trimmed.hasPrefix("<fencedevice ") {
                attribute = "ipaddr"
            } else {
                continue
            }
            if let value = Self.value(of: attribute, in: trimmed) { names.append(CorosyncNodeName(value: value, line: line.number)) }
        }
        return names
    }

    /// `name="x"` (or single quotes) as a whole attribute, not the end of `devname="x"`.
    private static func value(of attribute: String, in tag: String) -> String? {
        for quote in ["\"", "'"] {
            guard let range = tag.range(of: " \(attribute)=\(quote)") else { continue }
            let value = tag[range.upperBound...].prefix { String($0) != quote }
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }
}
