/// Finds kernel events (``KernelEvent``) in one kernel log, fed the kernel lines that hold one of
/// ``KernelEventLine/literals`` (KernelLogScan tells that in its one literal pass).
///
/// A line that starts an event opens it; the task line (`Comm:`) and fault location (`RIP:`)
/// printed within ``continuationLines`` lines after it fill what the first line did not say. A
/// `NETDEV WATCHDOG` line and the `WARNING` at `dev_watchdog` that carries it are one event
/// (3.10 prints the warning first, 4.x+ the message first). The same event logged again on the
/// next line, "message repeated N times" and "N callbacks suppressed" add to its `count`.
struct KernelEventScanner: Sendable {
    let member: String
    private(set) var events: [KernelEvent] = []
    /// Index of the event that continuation lines still fill, and the line it started on.
    private var open: (index: Int, line: Int)?
    private var pendingOOM: (trigger: String, order: Int?, constraint: String?, cgroup: String?, line: Int)?
    /// "N callbacks suppressed" printed before the first line of its kind that this log shows:
    /// added to that line's event when it comes (keyed by the message prefix it names).
    private var pendingSuppressed: [String: Int] = [:]
    /// Events kept per log: a disk failing for a week logs millions of lines.
    static let maxEvents = 2_000
    static let continuationLines = 60

    init(member: String) {
        self.member = member
    }

    /// `holding`: the ``KernelEventLine/Literal`` bits the line holds.
    mutating func feed(_ message: Substring, timestamp: String?, number: Int, memInfo: MemInfoDump?, holding: UInt64 = ~0) {
        if let current = open, number - current.line > Self.continuationLines { open = nil }
        switch KernelEventLine(message, source: Evidence(member: member, line: number), holding: holding) {
        case .starts(var event):
            event.timestamp = timestamp
            event.crash = member.hasPrefix("var/crash/")
            start(event, number: number, memInfo: memInfo)
        case .task(let comm, let pid):
            guard let current = open, Self.takesTask(events[current.index].kind) else { return }
            if events[current.index].process == nil { events[current.index].process = comm }
            if events[current.index].pid == nil { events[current.index].pid = pid }
        case .faultAt(let module):
            guard let current = open, let module, events[current.index].module == nil,
                  events[current.index].kind != .netdevWatchdog, Self.takesTask(events[current.index].kind) else { return }
            events[current.index].module = module
        case .oomInvoked(let trigger):
            let order = message.firstRange(of: "order=").flatMap { Int(message[$0.upperBound...].prefix(while: \.isASCIIDigit)) }
            pendingOOM = (trigger, order, nil, nil, number)
        case .oomConstraint(let constraint, let cgroup):
            var pending = pendingOOM ?? ("", nil, nil, nil, number)
            pending.constraint = constraint ?? pending.constraint
            pending.cgroup = cgroup ?? pending.cgroup
            pendingOOM = pending
        case .repeated(let times, let text):
            guard case .starts(let event) = KernelEventLine(text, source: Evidence(member: member, line: number)),
                  let last = events.indices.last, Self.sameEvent(events[last], event) else { return }
            events[last].count += times
        case .suppressed(let count, let prefix):
            // The ratelimit prints "<prefix>: N callbacks suppressed" when it lets the next line
            // of that prefix through: N lines like the last one of that prefix, or, when the log
            // shows none yet, like the next one.
            let messagePrefix = Self.messagePrefix(suppressedBy: prefix)
            if let target = events.lastIndex(where: { $0.message.hasPrefix(messagePrefix) }) {
                events[target].count += count
            } else if prefix == "net_ratelimit", let target = events.lastIndex(where: { $0.kind == .nfConntrackFull }) {
                events[target].count += count
            } else {
                pendingSuppressed[messagePrefix, default: 0] += count
            }
        case .none:
            break
        }
    }

    /// `buffer_io_error` ratelimits the lines that `Buffer I/O error on dev ...` starts.
    private static func messagePrefix(suppressedBy prefix: Substring) -> String {
        prefix == "buffer_io_error" ? "Buffer I/O error" : String(prefix)
    }

    private mutating func start(_ event: KernelEvent, number: Int, memInfo: MemInfoDump?) {
        var event = event
        if !pendingSuppressed.isEmpty, let key = pendingSuppressed.keys.first(where: { event.message.hasPrefix($0) }) {
            event.count += pendingSuppressed.removeValue(forKey: key) ?? 0
        }
        if let current = open, number - current.line <= 5 {
            let previous = events[current.index]
            let atWatchdog = { (e: KernelEvent) in e.message.contains("sch_generic") || e.message.contains("dev_watchdog") }
            // one watchdog timeout, printed as a message and a WARNING
            if event.kind == .netdevWatchdog, previous.kind == .warning, atWatchdog(previous) {
                event.source = previous.source
                event.timestamp = previous.timestamp
                event.process = previous.process
                event.pid = previous.pid
                events[current.index] = event
                return
            }
            if event.kind == .warning, previous.kind == .netdevWatchdog, atWatchdog(event) { return }
        }
        // a machine check prints a dozen "[Hardware Error]:" lines after "Machine check events
        // logged"; that line again is another machine check of the same event
        if let current = open, event.kind == .machineCheck, events[current.index].kind == .machineCheck {
            if event.message.contains("events logged") { events[current.index].count += event.count }
            open = (current.index, number)
            return
        }
        if event.kind == .oomKill {
            var oom = event.oom ?? OOMKill()
            if let pending = pendingOOM, number - pending.line <= 2_000 {
                if !pending.trigger.isEmpty { oom.trigger = pending.trigger }
                oom.constraint = pending.constraint ?? oom.constraint
                oom.cgroup = pending.cgroup ?? oom.cgroup
                if oom.constraint != "CONSTRAINT_MEMCG", let memInfo, memInfo.watermarks.contains(where: { $0.line > pending.line }) {
                    event.memoryCause = MemoryCauseReading.cause(of: memInfo, order: pending.order ?? 0)
                }
            }
            if oom.constraint == "CONSTRAINT_MEMCG" {
                // A cgroup's limit, not the zones: the host's free memory says nothing of it.
                event.memoryCause = MemoryCause(verdict: .short, explanation:
                    "memory cgroup \(oom.cgroup.map { "\($0) " } ?? "")at its limit: the kill was inside the cgroup, whatever the host had free")
            }
            pendingOOM = nil
            event.oom = oom
        }
        if let last = events.indices.last, Self.sameEvent(events[last], event), event.kind != .oomKill {
            events[last].count += 1
            open = (last, number)
            return
        }
        guard events.count < Self.maxEvents else { return }
        events.append(event)
        open = (events.count - 1, number)
    }

    private static func takesTask(_ kind: KernelEventKind) -> Bool {
        [.oops, .bug, .warning, .softLockup, .hardLockup, .rcuStall, .hungTask, .netdevWatchdog, .panic].contains(kind)
    }

    /// The same event logged again (a flapping link, an I/O error per sector).
    private static func sameEvent(_ a: KernelEvent, _ b: KernelEvent) -> Bool {
        a.kind == b.kind && a.process == b.process && a.module == b.module && a.interface == b.interface
            && a.device == b.device && [.ioError, .linkDown, .nfConntrackFull, .fsError].contains(a.kind)
    }
}
