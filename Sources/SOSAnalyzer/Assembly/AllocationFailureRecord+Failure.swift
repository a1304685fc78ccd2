extension AllocationFailureRecord {
    /// The report's view of a parsed failure: flags as printed, else decoded with the GFP table
    /// of the kernel that printed it (the failure's own `Pid:`/`CPU:` line, else the running kernel).
    init(_ failure: AllocationFailure, member: String, kernelRelease: String?) {
        let release = failure.kernelRelease ?? kernelRelease
        let table = GFPDecoder.table(forKernel: release)
        let mask = UInt64(failure.gfpMask.dropFirst(failure.gfpMask.hasPrefix("0x") ? 2 : 0), radix: 16)
        var flags = failure.gfpFlags ?? []
        var description: String? = failure.gfpFlags?.joined(separator: "|")
        if failure.gfpFlags == nil, let table, let mask {
            flags = GFPDecoder.flags(mask, table: table)
            description = GFPDecoder.describe(mask, table: table)
        }
        self.init(
            process: failure.process, pid: failure.pid, cpu: failure.cpu, order: failure.order,
            gfpMask: failure.gfpMask, gfpFlags: flags, gfpDescription: description, modules: failure.modules,
            timestamp: failure.timestamp.map(Self.text), source: Evidence(member: member, line: failure.line),
            excerpt: failure.excerpt)
        untangled = failure.untangled
        memoryCause = failure.memInfo.flatMap { MemoryCauseReading.cause(of: $0, order: failure.order, flags: flags, kernelRelease: release) }
    }

    private static func text(_ timestamp: KernelLogTimestamp) -> String {
        switch timestamp {
        case .monotonic(let seconds): return "\(seconds)s after boot"
        case .wallClock(let text): return text
        }
    }
}
