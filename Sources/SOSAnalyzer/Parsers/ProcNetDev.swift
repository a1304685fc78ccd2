/// One interface's line of `/proc/net/dev` (or the RX/TX blocks of `ip -s link`): the kernel's
/// own counters, which every driver fills.
public struct NetDevRecord: Sendable, Codable, Equatable {
    public var interface: String
    public var rxBytes: Int64
    public var rxPackets: Int64
    public var rxErrors: Int64
    /// Frames the stack or driver dropped (no buffer, unknown protocol, full backlog, ...).
    public var rxDropped: Int64
    /// FIFO overruns (`ip -s link`: `overrun`).
    public var rxFifo: Int64
    /// Framing errors; nil where the source does not print them (`ip -s link`).
    @Nullable public var rxFrame: Int64?
    @Nullable public var rxMulticast: Int64?
    public var txBytes: Int64
    public var txPackets: Int64
    public var txErrors: Int64
    public var txDropped: Int64
    @Nullable public var txFifo: Int64?
    public var txCollisions: Int64
    public var txCarrier: Int64
    public var source: Evidence

    public init(interface: String, rxBytes: Int64, rxPackets: Int64, rxErrors: Int64, rxDropped: Int64, rxFifo: Int64,
                rxFrame: Int64?, rxMulticast: Int64?, txBytes: Int64, txPackets: Int64, txErrors: Int64, txDropped: Int64,
                txFifo: Int64?, txCollisions: Int64, txCarrier: Int64, source: Evidence) {
        self.interface = interface
        self.rxBytes = rxBytes
        self.rxPackets = rxPackets
        self.rxErrors = rxErrors
        self.rxDropped = rxDropped
        self.rxFifo = rxFifo
        self.rxFrame = rxFrame
        self.rxMulticast = rxMulticast
        self.txBytes = txBytes
        self.txPackets = txPackets
        self.txErrors = txErrors
        self.txDropped = txDropped
        self.txFifo = txFifo
        self.txCollisions = txCollisions
        self.txCarrier = txCarrier
        self.source = source
    }
}

extension NetDevRecord: CitedRecord {}

/// Reads `/proc/net/dev` (sos 4.x: `proc/net` is a link to `self/net`, which the report may
/// hold as `proc/<pid>/net/dev`).
///
/// Two header lines, then `<if>: ` and 16 numbers: receive bytes, packets, errs, drop, fifo,
/// frame, compressed, multicast, then transmit bytes, packets, errs, drop, fifo, colls,
/// carrier, compressed. Old kernels glue a long first number to the colon (`eth0:123456`).
///
/// Real sample (the sos 4.2 archive `sosreport-juju-110cc2-k8stest-4`, kernel 5.4):
/// ```text
/// Inter-|   Receive                                                |  Transmit
///  face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
/// flannel.1:  190756     639    0    0    0     0          0         0    93071     737    0   13    0     0       0          0
///   ens3: 778210289  232457    0    0    0     0          0         0 30270997  169904    0    0    0     0       0          0
/// ```
/// yields `flannel.1` (line 3) with rxPackets 639 and txDropped 13, and `ens3` (line 4) with
/// rxBytes 778210289 and rxDropped 0.
public enum ProcNetDevParser {
    /// - Throws: `.notCollected` for an empty file; `.malformed` when no line is an interface's.
    public static func parse(_ text: String) throws(ParseFailure) -> [NetDevRecord] {
        var records: [NetDevRecord] = []
        var sawText = false
        var firstBad: Int?
        for line in TextLines(text) {
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            sawText = true
            if content.contains("|") { continue }
            guard let colon = content.firstIndex(of: ":") else {
                if firstBad == nil { firstBad = line.number }
                continue
            }
            let numbers = content[content.index(after: colon)...].blankSeparatedFields.compactMap { Int64($0) }
            guard numbers.count >= 16 else {
                if firstBad == nil { firstBad = line.number }
                continue
            }
            records.append(NetDevRecord(
                interface: String(content[..<colon].trimmedBlanks), rxBytes: numbers[0], rxPackets: numbers[1],
                rxErrors: numbers[2], rxDropped: numbers[3], rxFifo: numbers[4], rxFrame: numbers[5], rxMulticast: numbers[7],
                txBytes: numbers[8], txPackets: numbers[9], txErrors: numbers[10], txDropped: numbers[11], txFifo: numbers[12],
                txCollisions: numbers[13], txCarrier: numbers[14], source: Evidence(member: "proc/net/dev", line: line.number)))
        }
        if !records.isEmpty { return records }
        guard sawText else { throw .notCollected("/proc/net/dev is empty") }
        throw .malformed(line: firstBad ?? 1, message: "no '<interface>: <16 counters>' line in /proc/net/dev")
    }
}
