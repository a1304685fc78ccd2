/// Reads `sos_commands/networking/ip_-s_-d_link` (or `ip_-s_link`): the kernel's counters per
/// link, where `/proc/net/dev` was not collected.
///
/// Each link is `<n>: <name>: <flags> ...`, detail lines, then `RX: bytes packets errors
/// dropped overrun mcast` with its numbers on the next line and `TX: bytes packets errors
/// dropped carrier collsns` likewise (iproute2 prints the names it fills; they are read by
/// name). A VLAN or veth name `eth0.100@eth0` is kept as `eth0.100`.
///
/// Real sample (the sos 4.2 archive `sosreport-juju-110cc2-k8stest-4`, shortened):
/// ```text
/// 3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8908 qdisc noqueue state UNKNOWN mode DEFAULT group default
///     link/ether 9a:e0:6b:c3:ce:e3 brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535
///     RX: bytes  packets  errors  dropped overrun mcast
///     190756     639      0       0       0       0
///     TX: bytes  packets  errors  dropped carrier collsns
///     93071      737      0       13      0       0
/// ```
/// yields `flannel.1` (line 1) with rxPackets 639, txDropped 13, rxFifo 0 (the overrun column).
///
/// ip prints each line whole; pasted from a terminal, the rest of a long link line opens the
/// next line (`NOWN mode DEFAULT group default` of the `flannel.1` line above, at 80 columns): only `<n>: <name>:` opens a link, so the
/// rest is passed over and the counters still go to their link.
public enum IPStatsLinkParser {
    /// - Throws: `.notCollected` for empty output; `.malformed` when no link has RX/TX counters.
    public static func parse(_ text: String) throws(ParseFailure) -> [NetDevRecord] {
        var records: [NetDevRecord] = []
        var current: (name: String, line: Int)?
        var rx: [String: Int64] = [:]
        var tx: [String: Int64] = [:]
        var pending: (header: [Substring], isRX: Bool)?
        var sawText = false

        func flush() {
            guard let link = current, !rx.isEmpty || !tx.isEmpty else { return }
            records.append(NetDevRecord(
                interface: link.name, rxBytes: rx["bytes"] ?? 0, rxPackets: rx["packets"] ?? 0, rxErrors: rx["errors"] ?? 0,
                rxDropped: rx["dropped"] ?? 0, rxFifo: rx["overrun"] ?? 0, rxFrame: nil, rxMulticast: rx["mcast"],
                txBytes: tx["bytes"] ?? 0, txPackets: tx["packets"] ?? 0, txErrors: tx["errors"] ?? 0,
                txDropped: tx["dropped"] ?? 0, txFifo: nil, txCollisions: tx["collsns"] ?? 0, txCarrier: tx["carrier"] ?? 0,
                source: Evidence(member: "sos_commands/networking/ip_-s_-d_link", line: link.line)))
        }

        for line in TextLines(text) {
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            sawText = true
            if let first = line.text.first, first.isASCIIDigit, isLinkLine(content) {
                flush()
                rx = [:]
                tx = [:]
                pending = nil
                let parts = content.split(separator: ":", maxSplits: 2)
                if parts.count >= 2 {
                    let name = parts[1].trimmedBlanks
                    current = (String(name.split(separator: "@").first ?? name), line.number)
                }
                continue
            }
            if let (header, isRX) = pending {
                pending = nil
                let values = content.blankSeparatedFields.map { Int64($0) }
                for (key, value) in zip(header, values) {
                    guard let value else { continue }
                    if isRX { rx[String(key)] = value } else { tx[String(key)] = value }
                }
                continue
            }
            if content.hasPrefix("RX:") || content.hasPrefix("TX:") {
                let header = content.dropFirst(3).blankSeparatedFields
                pending = (header, content.hasPrefix("RX:"))
            }
        }
        flush()
        if !records.isEmpty { return records }
        guard sawText else { throw .notCollected("ip -s link output is empty") }
        throw .malformed(line: 1, message: "no RX:/TX: counters in ip -s link output")
    }

    /// `3: flannel.1: <...>`: a number and a colon, then the name and a colon.
    static func isLinkLine(_ content: Substring) -> Bool {
        let fields = content.blankSeparatedFields
        guard fields.count >= 2, let first = fields.first, first.hasSuffix(":") else { return false }
        return first.dropLast().allSatisfy(\.isASCIIDigit) && fields[1].hasSuffix(":")
    }
}
