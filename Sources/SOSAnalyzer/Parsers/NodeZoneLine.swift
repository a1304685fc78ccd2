/// The `Node N, zone Z[, type T] counts…` prefix shared by buddyinfo, pagetypeinfo and zoneinfo.
///
/// The kernel pads names with `%8s`/`%12s`, so the fields are split on runs of spaces, tabs and
/// commas; zone and migrate-type names never contain any of them.
struct NodeZoneLine {
    var node: Int
    var zone: String
    /// The fields after the zone name, in order.
    var rest: ArraySlice<Substring>

    /// Reads `text` when it starts (after indentation) with `Node <int>, zone <name>`; nil otherwise.
    init?(_ text: Substring) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
        guard fields.count >= 4, fields[0] == "Node", fields[2] == "zone",
              let node = Int(fields[1]) else { return nil }
        self.node = node
        self.zone = String(fields[3])
        self.rest = fields[4...]
    }

    /// Whether `text` claims to be such a line, so a failure to read it is worth reporting.
    static func looksLikeOne(_ text: Substring) -> Bool {
        text.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("Node ")
    }
}
