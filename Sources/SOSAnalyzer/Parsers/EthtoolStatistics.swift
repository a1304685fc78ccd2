/// One counter of `ethtool -S`: its name as the driver prints it, per-queue prefixes kept.
public struct EthtoolCounter: Sendable, Codable, Equatable, Hashable {
    /// `rx_dropped`, `rx_queue_0_alloc_failed`, `[0]: rx_skb_alloc_discard` (bnx2x),
    /// `rxq0: rx_post_fail` (be2net), `Rx Queue#0: rx buf alloc fail` (vmxnet3).
    public var name: String
    public var value: Int64
    /// 1-based line number.
    public var line: Int

    public init(name: String, value: Int64, line: Int) {
        self.name = name
        self.value = value
        self.line = line
    }
}

/// Every counter of one `ethtool -S <if>` output, in the driver's order.
public struct EthtoolStatistics: Sendable, Codable, Equatable, NotedParse {
    public var counters: [EthtoolCounter]
    /// Lines that were not `name: number` (a counter the driver printed in another form).
    public var notes: [ParseNote]

    public init(counters: [EthtoolCounter], notes: [ParseNote] = []) {
        self.counters = counters
        self.notes = notes
    }
}

/// Reads `sos_commands/networking/ethtool_-S_<if>`: the driver's own counters.
///
/// Each line is `name: value`; the name is everything before the last colon, so the per-queue
/// prefixes of bnx2x (`[0]: rx_bytes`) and be2net (`rxq0: rx_pkts`) stay part of it. vmxnet3
/// prints sections (`Rx Queue#: 0`) whose counters have blanks in their names: each counter of
/// a section is named `Rx Queue#0: <name>`. A paste without the `NIC statistics:` header is
/// read alike.
///
/// Real sample (the sos 4.2 archive `sosreport-juju-110cc2-k8stest-4`, `ethtool_-S_ens3`, virtio_net):
/// ```text
/// NIC statistics:
///      rx_queue_0_packets: 232850
///      rx_queue_0_bytes: 778332767
///      rx_queue_0_drops: 0
///      tx_queue_0_kicks: 158522
/// ```
/// yields four counters, the first `rx_queue_0_packets` = 232850 at line 2, the last
/// `tx_queue_0_kicks` = 158522 at line 5.
public enum EthtoolStatisticsParser {
    /// - Throws: `.notCollected` for empty output and ethtool's refusals (`no stats available`
    ///   for `lo`, `Cannot get stats strings information: Operation not supported`, command not
    ///   found); `.malformed` when there is text but no counter.
    public static func parse(_ text: String) throws(ParseFailure) -> EthtoolStatistics {
        var counters: [EthtoolCounter] = []
        var notes: [ParseNote] = []
        var section: String?
        var firstContent: (line: Int, text: Substring)?
        for line in TextLines(text) {
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            if firstContent == nil { firstContent = (line.number, content) }
            if content == "NIC statistics:" { continue }
            guard let colon = content.lastIndex(of: ":") else {
                notes.append(ParseNote(line: line.number, message: String(content.prefix(120))))
                continue
            }
            let name = content[..<colon].trimmedBlanks
            let raw = content[content.index(after: colon)...].trimmedBlanks
            // u64 counters past Int64.max (wrapped or garbage) are kept at Int64.max, never negative
            guard !name.isEmpty, let value = Int64(raw) ?? UInt64(raw).map({ _ in Int64.max }) else {
                notes.append(ParseNote(line: line.number, message: String(content.prefix(120))))
                continue
            }
            if name.hasSuffix("Queue#") {
                section = "\(name)\(value)"
                continue
            }
            counters.append(EthtoolCounter(name: section.map { "\($0): \(name)" } ?? String(name), value: value, line: line.number))
        }
        guard let firstContent else { throw .notCollected("ethtool -S output is empty") }
        if !counters.isEmpty { return EthtoolStatistics(counters: counters, notes: notes) }
        let first = firstContent.text
        if first.hasPrefix("no stats available") || first.hasPrefix("Cannot get") || first.contains("No such device")
            || first.contains("command not found") || first.contains("Operation not supported") {
            throw .notCollected(String(first))
        }
        throw .malformed(line: firstContent.line, message: "no 'name: value' counter in ethtool -S output")
    }
}
