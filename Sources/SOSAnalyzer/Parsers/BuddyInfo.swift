/// Reads `proc/buddyinfo`, any number of nodes, zones and orders.
///
/// Sample (corpus `buddyinfo-01.txt`, canonical/hotsos test data, 2 NUMA nodes):
/// ```
/// Node 0, zone      DMA      1      1      1      1      1      1      1      0      1      2      2 
/// Node 0, zone    DMA32   2900   1994   2422   4791   3090   1788    886    290     21      0      0 
/// Node 0, zone   Normal 792860 123004   9930    699     54      8      0      0      0      0      0 
/// Node 1, zone   Normal 220376 217700  54089      1      0      0      0      0      0      0      0 
/// ```
/// yields 4 zones; the last is node 1 `Normal` `[220376, 217700, 54089, 1, 0, 0, 0, 0, 0, 0, 0]`, line 4.
///
/// The records cite `proc/buddyinfo`; the assembler names the member it actually read.
public enum BuddyInfoParser {
    /// - Throws: `.notCollected` for an empty file; `.malformed` for a line that is not
    ///   `Node N, zone Z counts…` (with its number).
    public static func parse(_ text: String) throws(ParseFailure) -> [BuddyInfoRecord] {
        var zones: [BuddyInfoRecord] = []
        for line in TextLines(text) {
            if line.text.trimmedBlanks.isEmpty { continue }
            guard let head = NodeZoneLine(line.text) else {
                throw .malformed(line: line.number, message: "expected 'Node N, zone NAME counts...'")
            }
            var counts: [Int] = []
            for field in head.rest {
                guard let count = Int(field), count >= 0 else {
                    throw .malformed(line: line.number, message: "free block count '\(field)' is not a number")
                }
                counts.append(count)
            }
            guard !counts.isEmpty else {
                throw .malformed(line: line.number, message: "no free block counts for zone \(head.zone)")
            }
            zones.append(BuddyInfoRecord(node: head.node, zone: head.zone, freeBlocks: counts,
                                         source: Evidence(member: "proc/buddyinfo", line: line.number)))
        }
        guard !zones.isEmpty else { throw .notCollected("buddyinfo is empty") }
        return zones
    }
}
