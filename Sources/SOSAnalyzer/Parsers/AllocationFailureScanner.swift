/// Finds "page allocation failure" reports in a kernel log, fed one line at a time.
///
/// Real input (corpus `allocfail-rhel6-01.txt`, abridged):
/// ```
/// Dec  1 06:57:51 hostname kernel: swapper: page allocation failure. order:1, mode:0x20
/// Dec  1 06:57:51 hostname kernel: Pid: 0, comm: swapper Tainted: G           --------------- H  2.6.32-279.9.1.el6.x86_64 #1
/// Dec  1 06:57:51 hostname kernel: Call Trace:
/// Dec  1 06:57:51 hostname kernel: <IRQ>  [<ffffffff8112789f>] ? __alloc_pages_nodemask+0x77f/0x940
/// ```
/// yields one failure: process "swapper", pid 0, order 1, gfpMask "0x20", gfpFlags nil,
/// taint "Tainted: G           --------------- H", kernelRelease "2.6.32-279.9.1.el6.x86_64",
/// the frames (unreliable "? " ones marked), line 1.
///
/// How lines are attributed (kernel-knowledge §2, §7.3):
/// - Only lines after a header belong to it: a trace tail printed before the header (the end of
///   an earlier report) is never pinned on it, and a task line with no open header starts an
///   orphan trace that is attributed to nobody.
/// - Several CPUs may print at once. The task line (`CPU: n PID: p Comm: c`) is matched to the
///   open header with the same comm; printk caller ids (`[ T123]`) key lines when present; an
///   unstamped copy of a stamped header (a console echo in dmesg) is merged with it.
/// - A report ends at its generation's last Mem-Info line (`pages non-shared`, `pages swap cached`,
///   `pages hwpoisoned`, or lines after `Total swap`/`pages reserved` that are not tail lines), at a
///   timestamp jump of more than 10 s, or at a kernel line that is no part of such a report.
/// Memory stays bounded: at most a few reports are open at once; finished ones are kept as results.
public struct AllocationFailureScanner: Sendable {
    public init() {}

    /// Every kernel-line format seen (non-kernel lines and unrecognised unstamped lines excluded).
    public var formatsSeen: Set<KernelLogFormat> { formats }

    /// The corpus `logFormat` class: the single format's raw value, "mixed" when more than one,
    /// "other" when no kernel line was recognised (prose).
    public var logFormat: String {
        switch formats.count {
        case 0: return KernelLogFormat.other.rawValue
        case 1: return formats.first?.rawValue ?? KernelLogFormat.other.rawValue
        default: return "mixed"
        }
    }

    /// The zone data of the latest Mem-Info block anywhere in the log, attributed to a failure or
    /// not (a fragment, or the tail of a report whose header was cut off). Nil when none was seen.
    public var lastMemInfo: MemInfoDump? { memBlock.isEmpty ? nil : memBlock }

    /// No report open and nothing pending from earlier lines. In this state only a line that can
    /// start a report (a header, a lone `comm:` line, a `Node`/zone free-area piece) changes what
    /// `finish()` returns; streaming callers skip the others on their bytes (`KernelLogPrefilter`).
    var isIdle: Bool { open.isEmpty && pendingComm == nil && freeArea == nil && pendingNode == nil }

    /// Feed raw lines in order (line numbers 1-based); keeps only what it needs (bounded memory).
    public mutating func feed(_ raw: Substring, number: Int) {
        let line = KernelLogLineParser.parse(raw)
        guard line.isKernel else { return }
        let message = line.message.trimmingBlanks()
        if message.isEmpty { return }
        let recognised = process(line, message: message, number: number)
        if recognised || line.timestamp != nil || line.format != .dmesg {
            formats.insert(line.format)
        }
    }

    public mutating func finish() -> [AllocationFailure] {
        flushFreeArea()
        closeAll()
        let result = done.sorted { $0.line < $1.line }
        done = []
        return result
    }

    // MARK: - State

    private enum Phase: Sendable { case header, trace, memInfo, tail }

    private struct Open: Sendable {
        var failure: AllocationFailure
        var phase: Phase = .header
        var hasTask = false
        var commUncertain = false
        var format: KernelLogFormat
        var stamped: Bool
        var seconds: Double?
        var caller: String?
    }

    private var formats: Set<KernelLogFormat> = []
    private var done: [AllocationFailure] = []
    private var open: [Open] = []
    /// Index into `open` of the report receiving untagged lines; nil while reading an orphan trace.
    private var current: Int?
    private var pendingComm: (comm: String, line: Int)?
    private var memBlock = MemInfoDump()
    private var freeArea: FreeAreaBuilder?
    private var pendingNode: Int?

    private static let maxOpen = 4
    private static let maxFrames = 256
    private static let maxJumpSeconds = 10.0

    private struct FreeAreaBuilder: Sendable {
        var node: Int?
        var zone: String
        var counts: [Int] = []
        var line: Int
        var awaitingTotal = false
    }

    // MARK: - One line

    /// Returns whether the line was recognised as part of an allocation-failure report.
    private mutating func process(_ line: KernelLogLine, message: Substring, number: Int) -> Bool {
        let seconds = Self.seconds(line.timestamp)
        closeStale(seconds: seconds, caller: line.caller)
        if let caller = line.caller, let keyed = open.lastIndex(where: { $0.caller == caller }) {
            current = keyed
        }

        if let header = AllocationReportLine.header(message) {
            startFailure(header, line: line, seconds: seconds, number: number)
            return true
        }
        if let task = AllocationReportLine.task(message) {
            attachTask(task, number: number, caller: line.caller)
            return true
        }
        if let comm = AllocationReportLine.loneComm(message), !message.hasPrefix("Mem-") {
            pendingComm = (comm, number)
            return true
        }
        if message.hasPrefix("Call Trace:") || message.hasPrefix("Call trace:") {
            touch(number, phase: .trace)
            let rest = message.drop(while: { $0 != ":" }).dropFirst()
            if let frame = AllocationReportLine.frame(rest) { addFrame(frame, number: number) }
            return true
        }
        if let frame = AllocationReportLine.frame(message) {
            addFrame(frame, number: number)
            return true
        }
        if AllocationReportLine.droppingMarkers(message).isEmpty || AllocationReportLine.isStackWords(message)
            || message.hasPrefix("Hardware name:") || message.hasPrefix("Workqueue:")
            || message.contains(" cpuset=") || message.hasPrefix("vmalloc: allocation failure")
            || message.hasPrefix("Tainted: [") {
            touch(number, phase: nil)
            return true
        }
        if message.hasPrefix("Mem-Info:") || message.hasPrefix("Mem-info:") {
            flushFreeArea()
            memBlock = MemInfoDump()
            if let index = current, open[index].phase != .tail {
                open[index].phase = .memInfo
                open[index].failure.memInfo = MemInfoDump()
                open[index].failure.endLine = number
            }
            return true
        }
        if let watermarks = AllocationReportLine.watermarks(message, line: number) {
            flushFreeArea()
            if memBlock.watermarks.contains(where: { $0.node == watermarks.node && $0.zone == watermarks.zone }) {
                memBlock = MemInfoDump()
            }
            memBlock.watermarks.append(watermarks)
            addToCurrentMemInfo(number) { $0.watermarks.append(watermarks) }
            return true
        }
        if let tokens = AllocationReportLine.freeAreaTokens(message) {
            feedFreeArea(tokens, number: number)
            touchMemInfo(number)
            return true
        }
        if Self.isTerminalTail(message) {
            touchMemInfo(number)
            if let index = current { close(index) }
            return true
        }
        if Self.isSoftTail(message) {
            if let index = current, open[index].phase == .memInfo || open[index].phase == .tail {
                open[index].phase = .tail
                open[index].failure.endLine = number
            }
            return true
        }
        if Self.isMemInfoLine(message) {
            touchMemInfo(number)
            return true
        }
        // A kernel line that belongs to no report: whatever was open has ended.
        flushFreeArea()
        closeAll()
        return false
    }

    private mutating func startFailure(_ header: AllocationReportLine.Header, line: KernelLogLine,
                                       seconds: Double?, number: Int) {
        flushFreeArea()
        let stamped = line.timestamp != nil
        // A console echo of a header just printed (dmesg shows it once stamped, once not): merge.
        if line.format == .dmesg, let twin = open.lastIndex(where: { candidate in
            candidate.format == .dmesg && candidate.stamped != stamped
                && number - candidate.failure.line <= 6
                && candidate.failure.order == header.order && candidate.failure.gfpMask == header.gfpMask
                && (header.comm == nil || candidate.failure.process.isEmpty || candidate.failure.process == header.comm)
        }) {
            if open[twin].failure.process.isEmpty, let comm = header.comm { open[twin].failure.process = comm }
            if stamped { open[twin].failure.timestamp = line.timestamp; open[twin].stamped = true; open[twin].seconds = seconds }
            open[twin].failure.endLine = number
            current = twin
            return
        }
        // Earlier headers still waiting for their task line stay open only if they are close by
        // and written the same way (concurrent CPUs); others were header-only reports.
        for index in open.indices.reversed() {
            let candidate = open[index]
            let far = number - candidate.failure.endLine > 8
            let otherFormat = candidate.format != line.format
            let otherTime = seconds.map { s in candidate.seconds.map { abs($0 - s) > 1 } ?? false } ?? false
            if far || otherFormat || otherTime || candidate.phase == .memInfo || candidate.phase == .tail {
                close(index)
            }
        }
        while open.count >= Self.maxOpen { close(0) }

        var comm = header.comm
        if comm == nil, let pending = pendingComm, number - pending.line <= 3 { comm = pending.comm }
        pendingComm = nil
        let failure = AllocationFailure(process: comm ?? "", order: header.order, gfpMask: header.gfpMask,
                                        gfpFlags: header.gfpFlags, timestamp: line.timestamp,
                                        line: number, endLine: number)
        open.append(Open(failure: failure, commUncertain: header.commUncertain || comm == nil,
                         format: line.format, stamped: stamped, seconds: seconds, caller: line.caller))
        current = open.count - 1
    }

    private mutating func attachTask(_ task: AllocationReportLine.Task, number: Int, caller: String?) {
        let waiting = open.indices.filter { !open[$0].hasTask }
        let target = waiting.last(where: { open[$0].failure.process == task.comm })
            ?? waiting.last(where: { open[$0].commUncertain })
            ?? (current.flatMap { waiting.contains($0) ? $0 : nil })
        guard let index = target else {
            // A task line with no header of its own: an orphan trace (fragment, or a warning of
            // another kind). Attribute what follows to nobody.
            current = nil
            return
        }
        open[index].hasTask = true
        if open[index].commUncertain || open[index].failure.process.isEmpty {
            open[index].failure.process = task.comm
            open[index].commUncertain = false
        }
        open[index].failure.pid = task.pid
        open[index].failure.cpu = task.cpu
        open[index].failure.taint = task.taint
        open[index].failure.kernelRelease = task.release
        open[index].failure.endLine = number
        if open[index].caller == nil { open[index].caller = caller }
        current = index
    }

    private mutating func addFrame(_ parsed: AllocationReportLine.Frame, number: Int) {
        guard let index = current else { return }
        guard open[index].phase == .header || open[index].phase == .trace else { return }
        open[index].phase = .trace
        open[index].failure.endLine = number
        guard open[index].failure.callTrace.count < Self.maxFrames else { return }
        open[index].failure.callTrace.append(parsed.frame)
        for module in [parsed.frame.module].compactMap({ $0 }) + parsed.otherModules
        where !open[index].failure.modules.contains(module) {
            open[index].failure.modules.append(module)
        }
    }

    private mutating func touch(_ number: Int, phase: Phase?) {
        guard let index = current, open[index].phase == .header || open[index].phase == .trace else { return }
        if let phase { open[index].phase = phase }
        open[index].failure.endLine = number
    }

    private mutating func touchMemInfo(_ number: Int) {
        guard let index = current, open[index].phase == .memInfo || open[index].phase == .tail else { return }
        open[index].failure.endLine = number
    }

    private mutating func addToCurrentMemInfo(_ number: Int, _ change: (inout MemInfoDump) -> Void) {
        guard let index = current, open[index].phase == .memInfo else { return }
        var dump = open[index].failure.memInfo ?? MemInfoDump()
        change(&dump)
        open[index].failure.memInfo = dump
        open[index].failure.endLine = number
    }

    // MARK: Free areas (pr_cont pieces may arrive one per line)

    private mutating func feedFreeArea(_ tokens: [AllocationReportLine.FreeAreaToken], number: Int) {
        var sawNode = false
        for token in tokens {
            switch token {
            case .node:
                flushFreeArea()
                sawNode = true
            case .number(let n):
                if sawNode { pendingNode = n; sawNode = false }
            case .zone(let zone):
                flushFreeArea()
                freeArea = FreeAreaBuilder(node: pendingNode, zone: zone, line: number)
                pendingNode = nil
            case .blocks(let count, _):
                if freeArea?.awaitingTotal == false { freeArea?.counts.append(count) }
            case .typeLetters:
                break
            case .equals:
                freeArea?.awaitingTotal = true
            case .total(let total):
                if let builder = freeArea, builder.awaitingTotal, !builder.counts.isEmpty {
                    let area = MemInfoZoneFreeArea(node: builder.node, zone: builder.zone, counts: builder.counts,
                                                   totalKiB: total, line: builder.line)
                    if memBlock.freeAreas.contains(where: { $0.node == area.node && $0.zone == area.zone }) {
                        memBlock = MemInfoDump()
                    }
                    memBlock.freeAreas.append(area)
                    addToCurrentMemInfo(number) { $0.freeAreas.append(area) }
                }
                freeArea = nil
            case .empty:
                freeArea = nil
            }
        }
    }

    /// An unfinished free-area line (no "= NkB" seen) is dropped: its counts may be incomplete.
    private mutating func flushFreeArea() {
        freeArea = nil
    }

    // MARK: Ending reports

    private mutating func closeStale(seconds: Double?, caller: String?) {
        guard let seconds else { return }
        for index in open.indices.reversed() {
            if let start = open[index].seconds, abs(seconds - start) > Self.maxJumpSeconds,
               caller == nil || open[index].caller == nil || open[index].caller == caller {
                close(index)
            }
        }
    }

    private mutating func close(_ index: Int) {
        guard open.indices.contains(index) else { return }
        var failure = open[index].failure
        if failure.memInfo?.isEmpty == true { failure.memInfo = nil }
        done.append(failure)
        open.remove(at: index)
        if let c = current {
            if c == index { current = nil } else if c > index { current = c - 1 }
        }
    }

    private mutating func closeAll() {
        while !open.isEmpty { close(open.count - 1) }
        current = nil
    }

    // MARK: Line kinds

    /// The last line of a report on RHEL5 (`pages swap cached`), RHEL6 (`pages non-shared`),
    /// RHEL8/upstream with MEMORY_FAILURE (`pages hwpoisoned`).
    private static func isTerminalTail(_ message: Substring) -> Bool {
        guard message.first?.isASCIIDigit == true else { return false }
        return message.hasSuffix("pages non-shared") || message.hasSuffix("pages swap cached")
            || message.hasSuffix("pages hwpoisoned")
    }

    /// Lines after which a report may end (atomic failures stop at `Total swap`, others at
    /// `pages reserved` or `pages cma reserved`).
    private static func isSoftTail(_ message: Substring) -> Bool {
        if message.hasPrefix("Total swap") { return true }
        guard message.first?.isASCIIDigit == true else { return false }
        return message.hasSuffix("pages reserved") || message.hasSuffix("pages cma reserved")
            || message.hasSuffix("reserved pages")
    }

    /// The other lines of a `show_mem()` dump, per generation (kernel-knowledge §2b).
    private static func isMemInfoLine(_ message: Substring) -> Bool {
        let prefixes = ["Node ", "CPU ", "cpu ", "lowmem_reserve", "Free pages:", "Active:", "active_anon:",
                        "active_file:", "unevictable:", "free:", "mapped:", "Swap cache", "Free swap",
                        "Total swap", "SLUB: Unable", "cache: ", "node ", "Unreclaimable", "Tasks state",
                        "Name ", "HighMem per-cpu", "Normal per-cpu", "DMA per-cpu", "DMA32 per-cpu"]
        if prefixes.contains(where: { message.hasPrefix($0) }) { return true }
        if message.first?.isASCIIDigit == true, message.contains(" pages") || message.contains("pagecache") { return true }
        // "DMA32 per-cpu:", " free:194 slab_reclaimable:2144 ...": key:number pairs
        let words = message.split(separator: " ")
        return words.count >= 2 && words.allSatisfy { word in
            guard let colon = word.firstIndex(of: ":") else { return false }
            return word[word.index(after: colon)...].first?.isASCIIDigit == true
        }
    }

    /// Seconds for comparing stamps: monotonic as is; wall clock from "Mon DD HH:MM:SS" parts.
    private static func seconds(_ stamp: KernelLogTimestamp?) -> Double? {
        switch stamp {
        case .monotonic(let s)?: return s
        case .wallClock(let text)?:
            let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
            guard let time = parts.first(where: { $0.count >= 8 && $0.dropFirst(2).first == ":" }) else { return nil }
            let hms = time.prefix(8).split(separator: ":").compactMap { Int($0) }
            guard hms.count == 3 else { return nil }
            let day = parts.compactMap { $0.count <= 2 ? Int($0) : nil }.first
                ?? parts.first.flatMap { $0.count >= 10 ? Int($0.suffix(2)) : nil } ?? 0
            return Double(day * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2])
        case nil: return nil
        }
    }
}

/// Allocation-failure reports of a whole log text.
public enum AllocationFailureParser {
    /// Convenience over `AllocationFailureScanner` for a log already in memory.
    public static func parse(_ text: String) -> [AllocationFailure] {
        var scanner = AllocationFailureScanner()
        for line in TextLines(text) { scanner.feed(line.text, number: line.number) }
        return scanner.finish()
    }
}
