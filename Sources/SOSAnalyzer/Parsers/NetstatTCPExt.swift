/// The kernel's TCP extension counters (`TcpExt` of `/proc/net/netstat`), by MIB name.
public struct TCPExtCounters: Sendable, Codable, Equatable {
    /// `PruneCalled`, `RcvPruned`, `TCPRcvCollapsed`, `ListenOverflows`, `TCPBacklogDrop`, ...
    public var counters: [String: Int64]
    /// The line each counter was read from.
    public var lines: [String: Int]
    /// `proc/net/netstat` or `netstat -s`.
    public var format: String
    public var source: Evidence

    public init(counters: [String: Int64], lines: [String: Int], format: String, source: Evidence) {
        self.counters = counters
        self.lines = lines
        self.format = format
        self.source = source
    }
}

/// Reads the TCP extension counters from `/proc/net/netstat` (pairs of `TcpExt:` lines, names
/// then values) or from the prose of `netstat -s`.
///
/// net-tools' `netstat -s` turns each counter it knows into a sentence ("2397 packets pruned
/// from receive queue because of socket buffer overrun") and prints the others as
/// `Name: value`; the sentences that matter for memory and queue pressure are mapped back to
/// their MIB names (`PruneCalled` here), every `Name: value` of the `TcpExt:` section is kept
/// as it is.
///
/// Real sample (the sos 4.2 archive `sosreport-juju-110cc2-k8stest-4`, `proc/<pid>/net/netstat`,
/// the first nine columns of each line):
/// ```text
/// TcpExt: SyncookiesSent SyncookiesRecv SyncookiesFailed EmbryonicRsts PruneCalled RcvPruned OfoPruned OutOfWindowIcmps LockDroppedIcmps
/// TcpExt: 0 0 0 0 0 0 0 0 3
/// IpExt: InNoRoutes InTruncatedPkts InMcastPkts
/// IpExt: 0 0 0
/// ```
/// yields `counters["LockDroppedIcmps"] == 3` and `counters["PruneCalled"] == 0`, both at
/// line 2, format `proc/net/netstat`.
public enum NetstatTCPExtParser {
    /// Sentences of net-tools `statistics.c` and the counters they print.
    static let sentences: [(phrase: String, name: String)] = [
        ("packets pruned from receive queue because of socket buffer overrun", "PruneCalled"),
        ("packets pruned from receive queue", "RcvPruned"),
        ("packets dropped from out-of-order queue because of socket buffer overrun", "OfoPruned"),
        ("packets collapsed in receive queue due to low socket buffer", "TCPRcvCollapsed"),
        ("times the listen queue of a socket overflowed", "ListenOverflows"),
        ("SYNs to LISTEN sockets dropped", "ListenDrops"),
        ("SYNs to LISTEN sockets ignored", "ListenDrops"),
        ("connections aborted due to memory pressure", "TCPAbortOnMemory"),
        ("packets dropped from prequeue", "TCPPrequeueDropped"),
    ]

    /// - Throws: `.notCollected` for an empty file or one without a `TcpExt:` section;
    ///   `.malformed` when a `TcpExt:` value line does not match its header.
    public static func parse(_ text: String) throws(ParseFailure) -> TCPExtCounters {
        let lines = Array(TextLines(text))
        guard lines.contains(where: { !$0.text.trimmedBlanks.isEmpty }) else { throw .notCollected("netstat output is empty") }
        if let header = lines.firstIndex(where: { $0.text.hasPrefix("TcpExt: ") }),
           header + 1 < lines.count, lines[header + 1].text.hasPrefix("TcpExt: ") {
            return try parseProc(names: lines[header], values: lines[header + 1])
        }
        return try parseProse(lines)
    }

    private static func parseProc(names: TextLines.Line, values: TextLines.Line) throws(ParseFailure) -> TCPExtCounters {
        let keys = names.text.blankSeparatedFields.dropFirst()
        let numbers = values.text.blankSeparatedFields.dropFirst().map { Int64($0) }
        guard keys.count == numbers.count, numbers.allSatisfy({ $0 != nil }) else {
            throw .malformed(line: values.number, message: "TcpExt values (\(numbers.count)) do not match the names (\(keys.count))")
        }
        var counters: [String: Int64] = [:]
        var lines: [String: Int] = [:]
        for (key, number) in zip(keys, numbers) {
            counters[String(key)] = number
            lines[String(key)] = values.number
        }
        return TCPExtCounters(counters: counters, lines: lines, format: "proc/net/netstat",
                              source: Evidence(member: "proc/net/netstat", line: values.number))
    }

    private static func parseProse(_ lines: [TextLines.Line]) throws(ParseFailure) -> TCPExtCounters {
        var counters: [String: Int64] = [:]
        var lineOf: [String: Int] = [:]
        var inTCPExt = false
        var start: Int?
        for line in lines {
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            if line.text.first.map({ $0 != " " && $0 != "\t" }) ?? false {
                inTCPExt = content == "TcpExt:"
                if inTCPExt, start == nil { start = line.number }
                continue
            }
            guard inTCPExt else { continue }
            if let colon = content.lastIndex(of: ":"), let value = Int64(content[content.index(after: colon)...].trimmedBlanks),
               !content[..<colon].contains(" ") {
                let name = String(content[..<colon])
                if counters[name] == nil { counters[name] = value; lineOf[name] = line.number }
                continue
            }
            let fields = content.split(separator: " ", maxSplits: 1)
            guard fields.count == 2, let value = Int64(fields[0]) else { continue }
            let rest = fields[1]
            if let match = sentences.first(where: { rest == $0.phrase }), counters[match.name] == nil {
                counters[match.name] = value
                lineOf[match.name] = line.number
            }
        }
        guard let start else { throw .notCollected("no TcpExt section in netstat output") }
        return TCPExtCounters(counters: counters, lines: lineOf, format: "netstat -s",
                              source: Evidence(member: "sos_commands/networking/netstat_-s", line: start))
    }
}
