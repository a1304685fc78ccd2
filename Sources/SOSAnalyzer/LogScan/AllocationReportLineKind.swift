/// What one kernel message is to an allocation-failure report, told from the line alone (no
/// state): the scanner then decides what it does to the reports it has open.
///
/// Real lines (corpus `allocfail-rhel6-01.txt`, `allocfail-up5.x-01.txt`):
/// ```
/// swapper: page allocation failure. order:1, mode:0x20        → .headers
/// Pid: 0, comm: swapper Tainted: G  ...  2.6.32-279.9.1.el6.x86_64 #1  → .task
/// Call Trace:                                                  → .callTrace([])
/// <IRQ>  [<ffffffff8112789f>] ? __alloc_pages_nodemask+0x77f/0x940  → .frames
/// Mem-Info:                                                    → .memInfoStart
/// Node 0 DMA32 free:48320kB min:44996kB low:56244kB ...        → .watermarks
/// lowmem_reserve[]: 0 0 7479 7479                              → .lowmemReserve
/// Node 0 DMA32: 2394*4kB 3357*8kB ... = 48320kB                → .freeArea
/// 1049493 pages non-shared                                     → .terminalTail
/// ```
/// The tests are tried in the order below: a line of several kinds is the first that fits.
enum AllocationReportLineKind: Equatable {
    /// One header or more (concurrent CPUs can glue two into a line).
    case headers([AllocationReportLine.Header])
    /// ", mode:0x..." alone: the rest of a header cut by another CPU.
    case modeContinuation(mask: String, flags: [String]?)
    case task(AllocationReportLine.Task)
    /// "swapper/12: " alone: the comm of a header whose rest comes later.
    case loneComm(String)
    /// "Call Trace:" and whatever frames follow it on the line.
    case callTrace([AllocationReportLine.Frame])
    case frames([AllocationReportLine.Frame])
    /// Lines of a stack dump that carry nothing kept: unwinder markers alone, raw stack words,
    /// `Hardware name:`, `Workqueue:`, the cpuset line, `=====` rules, ARM exception stacks.
    case traceDetail
    case memInfoStart
    case watermarks(MemInfoZoneWatermarks)
    /// The reserve of the zone whose watermark line came just before.
    case lowmemReserve([Int])
    case freeArea([AllocationReportLine.FreeAreaToken])
    /// The last line of a report in its generation (`pages non-shared`, `pages swap cached`, `pages hwpoisoned`).
    case terminalTail
    /// A line after which a report may end (`Total swap`, `pages reserved`).
    case softTail
    /// Any other line of a `show_mem()` dump.
    case memInfoLine
    /// Pieces of several CPUs' output glued together: part of some report, attributable to none.
    case debris
    /// A kernel line that is no part of an allocation-failure report.
    case foreign

    /// The kind of `message` (log prefixes removed, blanks trimmed); `line` numbers a watermark line.
    init(_ message: Substring, line: Int) {
        let headers = AllocationReportLine.headers(message)
        if !headers.isEmpty { self = .headers(headers); return }
        if let (mask, flags) = AllocationReportLine.modeContinuation(message) {
            self = .modeContinuation(mask: mask, flags: flags); return
        }
        if let task = AllocationReportLine.task(message) { self = .task(task); return }
        if let comm = AllocationReportLine.loneComm(message), !message.hasLogPrefix("Mem-") {
            self = .loneComm(comm); return
        }
        if message.hasLogPrefix("Call Trace:") || message.hasLogPrefix("Call trace:") {
            let rest = message.drop(while: { $0 != ":" }).dropFirst()
            self = .callTrace(AllocationReportLine.frames(rest)); return
        }
        let frames = AllocationReportLine.frames(message)
        if !frames.isEmpty { self = .frames(frames); return }
        if Self.isTraceDetail(message) { self = .traceDetail; return }
        if message.hasLogPrefix("Mem-Info:") || message.hasLogPrefix("Mem-info:") { self = .memInfoStart; return }
        if let watermarks = AllocationReportLine.watermarks(message, line: line) { self = .watermarks(watermarks); return }
        if let reserve = AllocationReportLine.lowmemReserve(message) { self = .lowmemReserve(reserve); return }
        if let tokens = AllocationReportLine.freeAreaTokens(message) { self = .freeArea(tokens); return }
        if Self.isTerminalTail(message) { self = .terminalTail; return }
        if Self.isSoftTail(message) { self = .softTail; return }
        if Self.isMemInfoLine(message) { self = .memInfoLine; return }
        // "1*128kB  [<ffffffffa8447afd>] ? start_secondary+0x14d/0x190"
        if Self.isReportDebris(message) { self = .debris; return }
        self = .foreign
    }

    private static func isTraceDetail(_ message: Substring) -> Bool {
        AllocationReportLine.droppingMarkers(message).isEmpty || AllocationReportLine.isStackWords(message)
            || message.hasLogPrefix("Hardware name:") || message.hasLogPrefix("Workqueue:")
            || textContains(message, " cpuset=") || textContains(message, "vmalloc: allocation failure")
            || message.hasLogPrefix("Tainted: [") || message.allSatisfy({ $0 == "=" })
            || message.hasLogPrefix("Exception stack(") || message.hasLogPrefix("Last Breaking-Event-Address:")
            || isStackDumpRow(message)
    }

    /// The last line of a report on RHEL5 (`pages swap cached`), RHEL6 (`pages non-shared`),
    /// RHEL8/upstream with MEMORY_FAILURE (`pages hwpoisoned`).
    private static func isTerminalTail(_ message: Substring) -> Bool {
        guard message.first?.isASCIIDigit == true else { return false }
        return message.hasLogSuffix("pages non-shared") || message.hasLogSuffix("pages swap cached")
            || message.hasLogSuffix("pages hwpoisoned")
    }

    /// Lines after which a report may end (atomic failures stop at `Total swap`, others at
    /// `pages reserved` or `pages cma reserved`).
    private static func isSoftTail(_ message: Substring) -> Bool {
        if message.hasLogPrefix("Total swap") { return true }
        guard message.first?.isASCIIDigit == true else { return false }
        return message.hasLogSuffix("pages reserved") || message.hasLogSuffix("pages cma reserved")
            || message.hasLogSuffix("reserved pages")
    }

    /// Report text glued to other text: a frame address, free-area counts or a Mem-Info marker
    /// that does not start the line.
    private static func isReportDebris(_ message: Substring) -> Bool {
        let utf8 = message.utf8
        return (utf8.containsLogBytes("[<") && utf8.containsLogBytes(">]"))
            || (utf8.containsLogBytes("*") && utf8.containsLogBytes("kB"))
            || utf8.containsLogBytes("Mem-Info:")
    }

    /// ARM "Exception stack" rows: "1f40: c0a3a3a0 00000000 ...".
    private static func isStackDumpRow(_ message: Substring) -> Bool {
        // the offset opens the line: a line that does not open with a hex digit is spared the colon search
        guard message.first?.isHexDigit == true, let colon = message.firstIndex(of: ":") else { return false }
        let offset = message[..<colon]
        guard (3...8).contains(offset.count), offset.allSatisfy(\.isHexDigit) else { return false }
        return AllocationReportLine.isStackWords(message[message.index(after: colon)...])
    }

    /// The other lines of a `show_mem()` dump, per generation (kernel-knowledge §2b).
    private static func isMemInfoLine(_ message: Substring) -> Bool {
        if let first = message.utf8.first, memInfoPrefixInitials[Int(first)],
           memInfoPrefixes.contains(where: { message.hasLogPrefix($0) }) { return true }
        if message.first?.isASCIIDigit == true, textContains(message, " pages") || textContains(message, "pagecache") { return true }
        // "DMA32 per-cpu:", " free:194 slab_reclaimable:2144 ...": key:number pairs
        var sawWord = false
        for word in SpaceSeparatedWords(message) {
            guard let colon = word.firstIndex(of: ":"), word[word.index(after: colon)...].first?.isASCIIDigit == true else {
                return false
            }
            sawWord = true
        }
        return sawWord
    }

    private static let memInfoPrefixes: [StaticString] = [
        "Node ", "CPU ", "cpu ", "lowmem_reserve", "Free pages:", "Active:", "active_anon:",
        "active_file:", "unevictable:", "free:", "mapped:", "Swap cache", "Free swap",
        "Total swap", "SLUB: Unable", "cache: ", "node ", "Unreclaimable", "Tasks state",
        "Name ", "HighMem per-cpu", "Normal per-cpu", "DMA per-cpu", "DMA32 per-cpu",
    ]

    /// By byte value: does some prefix above open with it? Spares most lines two dozen prefix tests.
    private static let memInfoPrefixInitials: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for prefix in memInfoPrefixes { prefix.withUTF8Buffer { if let first = $0.first { table[Int(first)] = true } } }
        return table
    }()

    /// `message.contains(needle)` (Foundation's, as these tests always used) behind a byte test
    /// that rules out almost every line first; see `containsLogBytes` for why that is exact.
    private static func textContains(_ message: Substring, _ needle: StaticString) -> Bool {
        message.utf8.containsLogBytes(needle) && message.contains(needle.description)
    }
}
