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
///   unstamped copy of a stamped header (a console echo in dmesg) is merged with it. A trace
///   line with no caller id while two reports have printed their task lines and neither its
///   trace cannot be told apart: both get no frames and say so (`untangled`) rather than guess.
///   Timestamp continuity tells them apart where it can: one report's lines carry non-decreasing
///   `[secs.usecs]` stamps, so an untagged line stamped before a report's last line is not that
///   report's; when that leaves one open report, the line is its (see `steerByStamp`).
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
    public var lastMemInfo: MemInfoDump? { memBlock.dump.isEmpty ? nil : memBlock.dump }

    /// What could not be read or attributed, with the line it concerns: orphan traces (a task
    /// line with no header of its own), headers whose comm or mode was never printed. At most 100.
    public private(set) var notes: [ParseNote] = []

    /// Feed raw lines in order (line numbers 1-based); keeps only what it needs (bounded memory).
    public mutating func feed(_ raw: Substring, number: Int) {
        feed(raw, parsed: KernelLogLineParser.parse(raw), number: number)
    }

    /// ``feed(_:number:)`` of a line its caller has parsed already (`KernelLogScan` parses each
    /// line it decodes once, for this scanner and its own readers).
    mutating func feed(_ raw: Substring, parsed line: KernelLogLine, number: Int) {
        guard line.isKernel else { return }
        let message = line.message.trimmedBlanks
        if message.isEmpty { return }
        // Most lines of a big log belong to no report: when none is open, a stamped line that
        // cannot start one or carry Mem-Info is skipped without the slower readers.
        if open.isEmpty, freeAreas.isIdle, line.timestamp != nil, !Self.mayMatter(message) {
            formats.insert(line.format)
            return
        }
        let recognised = process(line, message: message, number: number)
        if recognised { keepExcerptLine(raw, number: number) }
        if recognised || line.timestamp != nil || line.format != .dmesg {
            formats.insert(line.format)
        }
    }

    /// True when `feed` would pass over this line unread, told on its raw bytes before anything is
    /// decoded (a streaming caller then need not build the `String`): no report is open (the fast
    /// path above), the line opens with a syslog date (so it is stamped, or not the kernel's at
    /// all), and none of ``signs`` is anywhere in it.
    ///
    /// The caller looks for ``signs`` itself and says whether the line holds one (`KernelLogScan`
    /// does it with a ``LiteralSet`` that also holds its own literals: one pass over the line).
    func passesOver(_ raw: UnsafeBufferPointer<UInt8>, holdsSign: Bool) -> Bool {
        guard !holdsSign, open.isEmpty, freeAreas.isIdle, KernelLogPrefilter.startsWithSyslogDate(raw) else {
            return false
        }
        var last = raw.count - 1
        while last >= 0, raw[last] == 0x20 || raw[last] == 0x09 || raw[last] == 0x0D || raw[last] == 0x0A { last -= 1 }
        return !(last >= 0 && raw[last] == UInt8(ascii: ":"))
    }

    public mutating func finish() -> [AllocationFailure] {
        freeAreas.dropUnfinished()
        closeAll()
        let result = done.sorted { ($0.failure.line, $0.sequence) < ($1.failure.line, $1.sequence) }.map(\.failure)
        done = []
        return result
    }

    // MARK: - State

    enum Phase: Sendable { case header, trace, memInfo, tail }

    struct Open: Sendable {
        var failure: AllocationFailure
        var phase: Phase = .header
        var hasTask = false
        var commUncertain = false
        var format: KernelLogFormat
        var stamped: Bool
        var sequence: Int
        var seconds: Double?
        var caller: String?
        var keepsExcerpt = false
        /// Printed at once with another report (see `traceIsAmbiguous`): no trace of its own.
        var tangled = false
        /// The `[secs.usecs]` stamp of the last line attributed to it (see `steerByStamp`).
        var lastMonotonic: Double?
    }

    private var formats: Set<KernelLogFormat> = []
    /// Finished reports with the order their headers were read in (two can share a line).
    private var done: [(sequence: Int, failure: AllocationFailure)] = []
    private var headersRead = 0
    var open: [Open] = []
    /// Index into `open` of the report receiving untagged lines; nil while reading an orphan trace.
    var current: Int?
    /// Lone "comm: " lines waiting for the rest of their header (oldest first).
    private var pendingComms: [(comm: String, line: Int)] = []
    private var memBlock = MemInfoBlock()
    private var freeAreas = FreeAreaLineAssembler()
    /// The last wall-clock stamp converted, and its seconds: while a report is open every line's
    /// stamp is converted, and a report's lines mostly share one.
    private var lastWallClock: (text: String, seconds: Double?)?

    private static let maxOpen = 4
    /// Lines kept per failure: header, task line and a typical call trace fit.
    public static let excerptLineLimit = 30
    /// Failures per log that keep an excerpt; the report shows the first one.
    public static let excerptFailureLimit = 8
    private var excerptsStarted = 0
    private static let maxFrames = 256
    private static let maxJumpSeconds = 10.0
    /// Lines a header waits for its task line while other CPUs' output is interleaved.
    private static let maxTaskWait = 40

    // MARK: - One line

    /// Returns whether the line was recognised as part of an allocation-failure report.
    private mutating func process(_ line: KernelLogLine, message: Substring, number: Int) -> Bool {
        closeStale(stamp: line.timestamp, caller: line.caller)
        // a header that got no task line within maxTaskWait lines never will
        for index in open.indices.reversed() where !open[index].hasTask && number - open[index].failure.endLine > Self.maxTaskWait {
            close(index)
        }
        if let caller = line.caller, let keyed = open.lastIndex(where: { $0.caller == caller }) {
            current = keyed
        }
        let monotonic: Double? = if line.caller == nil, case .monotonic(let s)? = line.timestamp { s } else { nil }
        if let monotonic { steerByStamp(monotonic) }
        defer { if case .monotonic(let s)? = line.timestamp { noteStamp(s, number: number) } }

        switch AllocationReportLineKind(message, line: number) {
        case .headers(let headers):
            let seconds = seconds(of: line.timestamp)
            for header in headers { startFailure(header, line: line, seconds: seconds, number: number) }
        case .modeContinuation(let mask, let flags):
            if let index = open.firstIndex(where: { $0.failure.gfpMask.isEmpty }) {
                open[index].failure.gfpMask = mask
                open[index].failure.gfpFlags = flags
                open[index].failure.endLine = number
            }
        case .task(let task):
            attachTask(task, number: number, caller: line.caller)
        case .loneComm(let comm):
            pendingComms.removeAll { number - $0.line > 4 }
            pendingComms.append((comm, number))
            if pendingComms.count > Self.maxOpen { pendingComms.removeFirst() }
        case .callTrace(let frames):
            steerToTaskedReport()
            if traceIsAmbiguous(caller: line.caller, stamp: monotonic, number: number) { break }
            touch(number, phase: .trace)
            for frame in frames { addFrame(frame, number: number) }
        case .frames(let frames):
            if traceIsAmbiguous(caller: line.caller, stamp: monotonic, number: number) { break }
            for frame in frames { addFrame(frame, number: number) }
        case .traceDetail:
            touch(number, phase: nil)
        case .memInfoStart:
            freeAreas.dropUnfinished()
            memBlock.reset()
            if let index = current, open[index].phase != .tail {
                open[index].phase = .memInfo
                open[index].failure.memInfo = MemInfoDump()
                open[index].failure.endLine = number
            }
        case .watermarks(let watermarks):
            freeAreas.dropUnfinished()
            memBlock.add(watermarks)
            addToCurrentMemInfo(number) { $0.watermarks.append(watermarks) }
        case .lowmemReserve(let reserve):
            memBlock.setReserve(reserve)
            addToCurrentMemInfo(number) { dump in
                if let last = dump.watermarks.indices.last { dump.watermarks[last].lowmemReserve = reserve }
            }
        case .freeArea(let tokens):
            for area in freeAreas.feed(tokens, line: number) {
                memBlock.add(area)
                addToCurrentMemInfo(number) { $0.freeAreas.append(area) }
            }
            touchMemInfo(number)
        case .terminalTail:
            touchMemInfo(number)
            if let index = current { close(index) }
        case .softTail:
            if let index = current, open[index].phase == .memInfo || open[index].phase == .tail {
                open[index].phase = .tail
                open[index].failure.endLine = number
            }
        case .memInfoLine:
            touchMemInfo(number)
        case .debris:
            // part of some report, attributable to none: it neither ends reports nor tells the log format
            return false
        case .foreign:
            // A kernel line that belongs to no report: whatever was open has ended, except headers
            // still waiting for their task line (interleaved output prints it a few lines later).
            freeAreas.dropUnfinished()
            for index in open.indices.reversed() where open[index].hasTask || open[index].phase != .header {
                close(index)
            }
            current = nil
            return false
        }
        return true
    }

    private mutating func startFailure(_ header: AllocationReportLine.Header, line: KernelLogLine,
                                       seconds: Double?, number: Int) {
        freeAreas.dropUnfinished()
        let stamped = line.timestamp != nil
        // A console echo of a header just printed (dmesg shows it once stamped, once not): merge.
        if line.format == .dmesg, let twin = open.lastIndex(where: { candidate in
            candidate.format == .dmesg && candidate.stamped != stamped
                && number - candidate.failure.line <= 6
                && candidate.failure.order == header.order && candidate.failure.gfpMask == header.gfpMask
                && (header.comm == nil || candidate.commUncertain || candidate.failure.process == header.comm)
        }) {
            if let comm = header.comm, !header.commUncertain, open[twin].commUncertain || open[twin].failure.process.isEmpty {
                open[twin].failure.process = comm
                open[twin].commUncertain = false
            }
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
        pendingComms.removeAll { number - $0.line > 4 }
        // a comm printed on its own line may belong to another CPU's header: a guess until a task line
        var commFromPiece = false
        if comm == nil, !pendingComms.isEmpty {
            comm = pendingComms.removeFirst().comm
            commFromPiece = true
        }
        let failure = AllocationFailure(process: comm ?? "", order: header.order, gfpMask: header.gfpMask,
                                        gfpFlags: header.gfpFlags, timestamp: line.timestamp,
                                        line: number, endLine: number)
        // replacement characters (bytes that were not UTF-8) or control bytes: let the task line tell
        let garbled = comm.map { $0.unicodeScalars.contains { $0 == "\u{FFFD}" || $0.value < 0x20 } } ?? false
        headersRead += 1
        open.append(Open(failure: failure, commUncertain: header.commUncertain || comm == nil || garbled || commFromPiece,
                         format: line.format, stamped: stamped, sequence: headersRead, seconds: seconds,
                         caller: line.caller, keepsExcerpt: excerptsStarted < Self.excerptFailureLimit))
        excerptsStarted += 1
        current = open.count - 1
    }

    private mutating func attachTask(_ task: AllocationReportLine.Task, number: Int, caller: String?) {
        let waiting = open.indices.filter { !open[$0].hasTask }
        let target = waiting.last(where: { open[$0].failure.process == task.comm })
            ?? waiting.first(where: { open[$0].failure.process.isEmpty })
            ?? waiting.first(where: { open[$0].commUncertain })
            ?? (current.flatMap { waiting.contains($0) ? $0 : nil })
        guard let index = target else {
            // A task line with no header of its own: an orphan trace (fragment, or a warning of
            // another kind). Attribute what follows to nobody.
            current = nil
            note(number, "task line of \(task.comm) without a page allocation failure header; its trace is not attributed")
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

    /// A recognised line goes to the excerpt of every open failure it was attributed to.
    private mutating func keepExcerptLine(_ raw: Substring, number: Int) {
        for index in open.indices where open[index].keepsExcerpt && open[index].failure.endLine == number
            && open[index].failure.excerpt.count < Self.excerptLineLimit {
            open[index].failure.excerpt.append(String(raw[..<(raw.lastIndex(where: { $0 != " " && $0 != "\t" }).map(raw.index(after:)) ?? raw.startIndex)]))
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
        // let go of the stored copy first, so the change is made in place, not on a copy of
        // every zone line so far (quadratic on a long Mem-Info block)
        open[index].failure.memInfo = nil
        change(&dump)
        open[index].failure.memInfo = dump
        open[index].failure.endLine = number
    }

    // MARK: Ending reports

    private mutating func closeStale(stamp: KernelLogTimestamp?, caller: String?) {
        // Reading a wall-clock stamp splits it: done only when there is a report to close.
        guard !open.isEmpty, let seconds = seconds(of: stamp) else { return }
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
        if failure.process.isEmpty { note(failure.line, "no comm printed for this allocation failure") }
        if failure.gfpMask.isEmpty { note(failure.line, "no mode:0x... printed for this allocation failure") }
        done.append((open[index].sequence, failure))
        open.remove(at: index)
        if let c = current {
            if c == index { current = nil } else if c > index { current = c - 1 }
        }
    }

    private mutating func note(_ line: Int, _ message: String) {
        guard notes.count < 100 else { return }
        notes.append(ParseNote(line: line, message: message))
    }

    private mutating func closeAll() {
        while !open.isEmpty { close(open.count - 1) }
        current = nil
    }

    // MARK: Stamps

    /// `seconds(_:)`, with the last wall-clock conversion remembered (the same bytes give the same seconds).
    private mutating func seconds(of stamp: KernelLogTimestamp?) -> Double? {
        guard case .wallClock(let text)? = stamp else { return Self.seconds(stamp) }
        if let last = lastWallClock, last.text.utf8.elementsEqual(text.utf8) { return last.seconds }
        let seconds = Self.seconds(stamp)
        lastWallClock = (text, seconds)
        return seconds
    }

}
