/// One frame of a kernel call trace.
public struct CallFrame: Sendable, Codable, Equatable {
    /// "mlx4_en_alloc_frags+0x5d/0x1f0" (ARM frames may carry no offset: "show_stack").
    public var symbol: String
    /// "mlx4_en" from "[mlx4_en]", the ARM "(sym [mod])" form or the 2.6.18 ":mod:sym" form.
    public var module: String?
    /// False for "? " frames: a stale return address the unwinder found on the stack.
    public var reliable: Bool

    public init(symbol: String, module: String? = nil, reliable: Bool = true) {
        self.symbol = symbol
        self.module = module
        self.reliable = reliable
    }
}

/// One per-order free-area line of a Mem-Info dump:
/// `Node 0 Normal: 9539*4kB (UEM) 4328*8kB ... = 123456kB`.
public struct MemInfoZoneFreeArea: Sendable, Codable, Equatable {
    /// Nil on non-NUMA kernels that print `Normal: ...` without `Node N`.
    public var node: Int?
    public var zone: String
    /// Free blocks per order, order 0 first.
    public var counts: [Int]
    public var totalKiB: Int?
    public var line: Int

    public init(node: Int?, zone: String, counts: [Int], totalKiB: Int?, line: Int) {
        self.node = node
        self.zone = zone
        self.counts = counts
        self.totalKiB = totalKiB
        self.line = line
    }
}

/// One per-zone watermark line of a Mem-Info dump: `Node 0 Normal free:1234kB min:..kB low:..kB high:..kB ...`.
public struct MemInfoZoneWatermarks: Sendable, Codable, Equatable {
    public var node: Int?
    public var zone: String
    public var freeKiB: Int?
    public var minKiB: Int?
    public var lowKiB: Int?
    public var highKiB: Int?
    /// The `lowmem_reserve[]:` line printed after this one, in pages: what the zone keeps back
    /// from a request whose highest usable zone is the one at that index (DMA, DMA32, Normal...).
    /// Nil when the line was not logged.
    public var lowmemReserve: [Int]?
    public var line: Int

    public init(node: Int?, zone: String, freeKiB: Int?, minKiB: Int?, lowKiB: Int?, highKiB: Int?,
                lowmemReserve: [Int]? = nil, line: Int) {
        self.node = node
        self.zone = zone
        self.freeKiB = freeKiB
        self.minKiB = minKiB
        self.lowKiB = lowKiB
        self.highKiB = highKiB
        self.lowmemReserve = lowmemReserve
        self.line = line
    }
}

/// The zone part of a `show_mem()` dump (the "Mem-Info:" block) that matters for fragmentation.
public struct MemInfoDump: Sendable, Codable, Equatable {
    /// Only complete lines: zone name seen, every order, and the closing "= NkB".
    public var freeAreas: [MemInfoZoneFreeArea]
    public var watermarks: [MemInfoZoneWatermarks]

    public init(freeAreas: [MemInfoZoneFreeArea] = [], watermarks: [MemInfoZoneWatermarks] = []) {
        self.freeAreas = freeAreas
        self.watermarks = watermarks
    }

    public var isEmpty: Bool { freeAreas.isEmpty && watermarks.isEmpty }
}

/// A kernel "page allocation failure" report: header, task line, call trace, Mem-Info.
public struct AllocationFailure: Sendable, Codable, Equatable {
    /// The task's comm: from the header, or from the Pid:/CPU: line when the header had none.
    public var process: String
    public var pid: Int?
    public var cpu: Int?
    public var order: Int
    /// Lower-case hex as printed, "0x4020".
    public var gfpMask: String
    /// Names printed in "(...)" by 4.6+, nil when not printed.
    public var gfpFlags: [String]?
    /// "Tainted: P  ..." / "Not tainted" text from the Pid:/CPU: line.
    public var taint: String?
    /// From the Pid:/CPU: line.
    public var kernelRelease: String?
    public var timestamp: KernelLogTimestamp?
    public var callTrace: [CallFrame]
    /// Distinct modules of this failure's own trace, first-seen order.
    public var modules: [String]
    public var memInfo: MemInfoDump?
    /// Line number of the header line in the member.
    public var line: Int
    /// Last line attributed to this failure.
    public var endLine: Int
    /// The report's own lines as the log wrote them, from the header on, at most
    /// `AllocationFailureScanner.excerptLineLimit`; empty for failures past the scanner's
    /// excerpt budget (a log of thousands of failures keeps the first few whole, not all).
    public var excerpt: [String] = []
    /// Why the call trace is not attributed: printed at once with another CPU's report, with
    /// nothing (no printk caller id) to tell the two traces apart. Nil for a report read whole.
    public var untangled: String?

    public init(process: String, pid: Int? = nil, cpu: Int? = nil, order: Int, gfpMask: String,
                gfpFlags: [String]? = nil, taint: String? = nil, kernelRelease: String? = nil,
                timestamp: KernelLogTimestamp? = nil, callTrace: [CallFrame] = [], modules: [String] = [],
                memInfo: MemInfoDump? = nil, line: Int, endLine: Int) {
        self.process = process
        self.pid = pid
        self.cpu = cpu
        self.order = order
        self.gfpMask = gfpMask
        self.gfpFlags = gfpFlags
        self.taint = taint
        self.kernelRelease = kernelRelease
        self.timestamp = timestamp
        self.callTrace = callTrace
        self.modules = modules
        self.memInfo = memInfo
        self.line = line
        self.endLine = endLine
    }

    /// The mask as a number; nil if the printed text was not hex.
    public var gfpMaskValue: UInt64? {
        UInt64(gfpMask.hasPrefix("0x") ? String(gfpMask.dropFirst(2)) : gfpMask, radix: 16)
    }

    /// The flag names: as printed by 4.6+ kernels, otherwise decoded from the mask with the
    /// table of `kernelRelease` (this failure's own release when the argument is nil).
    /// Nil when neither is possible (no names printed, and an unknown kernel generation).
    public func decodedFlags(kernelRelease release: String? = nil) -> [String]? {
        if let gfpFlags { return gfpFlags }
        guard let mask = gfpMaskValue, let table = GFPDecoder.table(forKernel: release ?? kernelRelease) else { return nil }
        return GFPDecoder.describe(mask, table: table).split(separator: "|").map(String.init)
    }
}
