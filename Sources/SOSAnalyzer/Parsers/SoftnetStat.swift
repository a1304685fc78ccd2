/// One CPU's row of `/proc/net/softnet_stat`: what its receive softirq did.
public struct SoftnetRecord: Sendable, Codable, Equatable {
    /// The CPU: the 13th column on kernels that print it (5.10+), else the row's position
    /// (older kernels skip offline CPUs, so the position may not be the CPU number).
    public var cpu: Int
    /// Frames taken off the CPU's backlog and processed.
    public var processed: Int64
    /// Frames dropped because the CPU's input backlog was full (`net.core.netdev_max_backlog`).
    public var dropped: Int64
    /// Times `net_rx_action` stopped with work left (`netdev_budget` or `netdev_budget_usecs` spent).
    public var timeSqueeze: Int64
    @Nullable public var receivedRPS: Int64?
    @Nullable public var flowLimitCount: Int64?
    /// How many columns the kernel printed: 9 (2.6.x), 10 (RHEL 6/7), 11 (3.11+), 13 (5.10+).
    public var columns: Int
    public var source: Evidence

    public init(cpu: Int, processed: Int64, dropped: Int64, timeSqueeze: Int64, receivedRPS: Int64?,
                flowLimitCount: Int64?, columns: Int, source: Evidence) {
        self.cpu = cpu
        self.processed = processed
        self.dropped = dropped
        self.timeSqueeze = timeSqueeze
        self.receivedRPS = receivedRPS
        self.flowLimitCount = flowLimitCount
        self.columns = columns
        self.source = source
    }
}

extension SoftnetRecord: CitedRecord {}

/// Reads `/proc/net/softnet_stat`: one line per CPU of 8-digit hex numbers.
///
/// Columns as `softnet_seq_show` (net/core/net-procfs.c, earlier net/core/dev.c) prints them:
/// 1 processed, 2 dropped, 3 time_squeeze, 4-8 zeros (were fastroute), 9 cpu_collision,
/// 10 received_rps (2.6.35+), 11 flow_limit_count (3.11+), 12 backlog length and 13 CPU index
/// (5.10+). 2.6.18-era kernels print 9 columns.
///
/// Real sample (insights-core SoftNetStats documentation, 10 columns as on RHEL 6 and 7):
/// ```text
/// 00008e78 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
/// 0000372f 00000001 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
/// ```
/// yields CPU 0 with 36472 processed and 0 dropped, and CPU 1 (line 2) with 14127 processed,
/// 1 dropped, time_squeeze 0, 10 columns.
public enum SoftnetStatParser {
    /// - Throws: `.notCollected` for an empty file; `.malformed` for a line that is not 9 or
    ///   more hex numbers.
    public static func parse(_ text: String) throws(ParseFailure) -> [SoftnetRecord] {
        var records: [SoftnetRecord] = []
        for line in TextLines(text) {
            let fields = line.text.trimmedBlanks.blankSeparatedFields
            if fields.isEmpty { continue }
            let numbers = fields.compactMap { Int64($0, radix: 16) }
            guard numbers.count == fields.count, numbers.count >= 9 else {
                throw .malformed(line: line.number, message: "expected 9 or more hex columns in softnet_stat, found \"\(line.text.prefix(80))\"")
            }
            records.append(SoftnetRecord(
                cpu: numbers.count >= 13 ? Int(numbers[12]) : records.count, processed: numbers[0], dropped: numbers[1],
                timeSqueeze: numbers[2], receivedRPS: numbers.count >= 10 ? numbers[9] : nil,
                flowLimitCount: numbers.count >= 11 ? numbers[10] : nil, columns: numbers.count,
                source: Evidence(member: "proc/net/softnet_stat", line: line.number)))
        }
        guard !records.isEmpty else { throw .notCollected("/proc/net/softnet_stat is empty") }
        return records
    }
}
