/// What one kernel message is to the kernel-event scanner, told from the line alone.
///
/// Real lines (Fixtures/kernel-events, SOURCES.md there):
/// ```
/// BUG: soft lockup - CPU#3 stuck for 23s! [java:4242]          → .starts(soft-lockup, process java, pid 4242)
/// NETDEV WATCHDOG: eth0 (e1000e): transmit queue 0 timed out   → .starts(netdev-watchdog, eth0, e1000e)
/// CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.18.0 #1          → .task
/// RIP: 0010:dev_watchdog+0x248/0x250                           → .faultAt
/// ```
enum KernelEventLine: Equatable {
    case starts(KernelEvent)
    /// `Pid: 1, comm: x` / `CPU: 1 PID: 2 Comm: x`: the task an open oops, bug, warning or lockup is about.
    case task(comm: String, pid: Int?)
    /// `RIP:`/`IP:` location: its bracketed module is the one the event points at.
    case faultAt(module: String?)
    /// `java invoked oom-killer: gfp_mask=...`: an OOM kill is coming.
    case oomInvoked(trigger: String)
    /// `oom-kill:constraint=CONSTRAINT_MEMCG,...,oom_memcg=/x,...` or `Task in /x killed as a result of limit of /x`.
    case oomConstraint(constraint: String?, cgroup: String?)
    /// `message repeated 3 times: [ ... ]` (rsyslog): the bracketed text, logged N more times.
    case repeated(times: Int, text: Substring)
    /// `nf_conntrack: 12 callbacks suppressed`: N more lines of the prefix's kind were not printed.
    case suppressed(count: Int, prefix: Substring)
    case none

    /// Byte runs every line above holds one of, each chosen so that its rarest byte (the one
    /// ``LiteralSet`` anchors it on) is rare in logs: an upper-case letter where the line has one;
    /// a literal anchored on a common byte slowed reading of every line.
    /// KernelLogScan looks for them with the rest of its
    /// literals, in its one pass, and hands only the lines holding one to the event scanner, with
    /// the bits of those it holds (bit `i`: `Literal(rawValue: i)`), so that a line is tested only
    /// for the kinds its literals can start.
    enum Literal: Int, CaseIterable {
        case oomInvoked, killedProcess, oomConstraint, memcgOOM, memcgLimit, softLockup, hardLockup, hungTask,
             rcuStall, unableToHandle, unableToHandleUpper, nullPointer, generalProtection, kernelBUG, panic, warning, netdevWatchdog,
             linkIsDown, linkDown, bondDown, conntrackFull, ioError, extFSError, corruption,
             btrfsError, hardwareError, machineCheck, repeated, suppressed, comm, pid, instructionPointer

        var text: StaticString {
            switch self {
            case .oomInvoked: "invoked oom-killer"
            case .killedProcess: "Killed process"
            case .oomConstraint: "=CONSTRAINT_"
            case .memcgOOM: "cgroup out of memory"
            case .memcgLimit: "Task in "
            case .softLockup: "BUG: soft lockup"
            // "hard LOCKUP" (x86 NMI watchdog) and "Hard LOCKUP" (powerpc, and the panic it may end in)
            case .hardLockup: "ard LOCKUP"
            case .hungTask: "INFO: task "
            case .rcuStall: "INFO: rcu"
            case .unableToHandle: "BUG: unable"
            // ARM, arm64, RISC-V: "Unable to handle kernel NULL pointer dereference at virtual address"
            case .unableToHandleUpper: "Unable to handle"
            case .nullPointer: "NULL pointer dereference"
            case .generalProtection: "general protection fault"
            case .kernelBUG: "kernel BUG at"
            case .panic: "Kernel panic"
            case .warning: "WARNING:"
            case .netdevWatchdog: "NETDEV WATCHDOG"
            case .linkIsDown: "Link is "
            case .linkDown: "Link down"
            case .bondDown: "definitely down"
            // "table full," alone: a line wrapped after the comma still counts
            case .conntrackFull: "table full,"
            case .ioError: "I/O error"
            case .extFSError: "-fs error"
            // XFS says "Corruption detected" (3.x) or "Metadata corruption detected" (4.x+)
            case .corruption: "XFS ("
            case .btrfsError: "BTRFS error"
            case .hardwareError: "Hardware Error"
            case .machineCheck: "Machine check"
            case .repeated: "message repeated"
            case .suppressed: "callbacks suppressed"
            case .comm: "Comm: "
            case .pid: "Pid: "
            case .instructionPointer: "IP: "
            }
        }
    }

    static let literals: [StaticString] = Literal.allCases.map(\.text)

    /// `holding`: bits of ``Literal`` the line holds (all bits: not known, test everything).
    init(_ message: Substring, source: Evidence, holding: UInt64 = ~0) {
        self = Self.classify(message, source: source, holding: holding)
    }

    private static func classify(_ m: Substring, source: Evidence, holding bits: UInt64) -> KernelEventLine {
        func has(_ literals: Literal...) -> Bool { literals.contains { bits & (1 << UInt64($0.rawValue)) != 0 } }
        // Foundation's `contains` compares composed characters, at a cost that showed in the
        // profile of a big log; in a message of ASCII bytes (no line break: lines are split on
        // them) each character is one byte, and a byte search gives the same answer.
        let ascii = m.utf8.isASCII
        func holds(_ needle: StaticString) -> Bool {
            ascii ? m.utf8.containsLogBytes(needle) : m.contains(needle.description)
        }
        func event(_ kind: KernelEventKind) -> KernelEvent {
            KernelEvent(kind: kind, message: String(m.prefix(300)), source: source)
        }
        if has(.repeated), let r = m.firstRange(of: "message repeated ") {
            let rest = m[r.upperBound...]
            guard let times = Int(rest.prefix(while: \.isASCIIDigit)), let open = rest.firstIndex(of: "[") else { return .none }
            var inner = rest[rest.index(after: open)...].trimmedBlanks
            if inner.hasSuffix("]") { inner = inner.dropLast().trimmedBlanks }
            return .repeated(times: times, text: inner)
        }
        if has(.suppressed), let r = m.firstRange(of: " callbacks suppressed") {
            let head = m[..<r.lowerBound]
            guard let colon = head.lastIndex(of: ":"),
                  let count = Int(head[head.index(after: colon)...].trimmedBlanks) else { return .none }
            return .suppressed(count: count, prefix: head[..<colon].trimmedBlanks)
        }
        // OOM killer
        if has(.oomInvoked), let r = m.firstRange(of: " invoked oom-killer") {
            return .oomInvoked(trigger: String(m[..<r.lowerBound].trimmedBlanks))
        }
        if has(.oomConstraint), let r = m.firstRange(of: "oom-kill:constraint=") {
            let fields = m[r.upperBound...]
            let constraint = fields.prefix(while: { $0 != "," })
            return .oomConstraint(constraint: String(constraint), cgroup: value(of: "oom_memcg=", in: fields))
        }
        if has(.memcgLimit), m.hasPrefix("Task in "), let r = m.firstRange(of: "killed as a result of limit of ") {
            return .oomConstraint(constraint: "CONSTRAINT_MEMCG", cgroup: String(m[r.upperBound...].trimmedBlanks))
        }
        // 3.10-4.x print "Memory cgroup out of memory: Kill process 24572 (java) score 0 or sacrifice
        // child" a line before "Killed process": the constraint of the kill that follows.
        if has(.memcgOOM), !has(.killedProcess), holds("Memory cgroup out of memory") {
            return .oomConstraint(constraint: "CONSTRAINT_MEMCG", cgroup: nil)
        }
        if has(.killedProcess), let r = m.firstRange(of: "Killed process ") {
            var e = event(.oomKill)
            let rest = m[r.upperBound...]
            var oom = OOMKill()
            oom.victimPid = Int(rest.prefix(while: \.isASCIIDigit))
            if let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
                oom.victim = String(rest[rest.index(after: open)..<close])
            }
            let rss = ["anon-rss:", "file-rss:", "shmem-rss:"].compactMap { kib(after: $0, in: rest) }
            oom.victimRSSKiB = rss.isEmpty ? nil : rss.reduce(0, +)
            if holds("Memory cgroup") { oom.constraint = "CONSTRAINT_MEMCG" }
            e.oom = oom
            e.process = oom.victim
            e.pid = oom.victimPid
            return .starts(e)
        }
        // "Kernel panic - not syncing: Hard LOCKUP": the panic a lockup ended in, not a second lockup
        if has(.panic), m.hasPrefix("Kernel panic") { return .starts(event(.panic)) }
        // lockups, stalls, hung tasks
        if has(.softLockup), let r = m.firstRange(of: "soft lockup") {
            var e = event(.softLockup)
            if let open = m[r.upperBound...].lastIndex(of: "["), m.hasSuffix("]") {
                let inside = m[m.index(after: open)..<m.index(before: m.endIndex)]
                if let colon = inside.lastIndex(of: ":") {
                    e.process = String(inside[..<colon])
                    e.pid = Int(inside[inside.index(after: colon)...])
                }
            }
            return .starts(e)
        }
        if has(.hardLockup), holds("hard LOCKUP") || holds("Hard LOCKUP") { return .starts(event(.hardLockup)) }
        if has(.hungTask), let r = m.firstRange(of: "INFO: task "), holds("blocked for more than") {
            var e = event(.hungTask)
            let task = m[r.upperBound...].prefix(while: { $0 != " " })
            if let colon = task.lastIndex(of: ":") {
                e.process = String(task[..<colon])
                e.pid = Int(task[task.index(after: colon)...])
            }
            return .starts(e)
        }
        if has(.rcuStall), holds("detected stall") { return .starts(event(.rcuStall)) }
        // oops, bug, panic, warning
        if has(.unableToHandle, .unableToHandleUpper, .nullPointer, .generalProtection),
           holds("nable to handle kernel") || holds("unable to handle page fault")
            || m.hasPrefix("BUG: kernel NULL pointer dereference")
            || m.hasPrefix("general protection fault") || holds("] general protection fault") {
            return .starts(event(.oops))
        }
        if has(.kernelBUG), holds("kernel BUG at") { return .starts(event(.bug)) }
        if has(.warning), m.hasPrefix("WARNING: ") {
            var e = event(.warning)
            e.module = bracketedModule(atEndOf: m)
            if let r = m.firstRange(of: " PID: ") { e.pid = Int(m[r.upperBound...].prefix(while: \.isASCIIDigit)) }
            return .starts(e)
        }
        // network
        if has(.netdevWatchdog), let r = m.firstRange(of: "NETDEV WATCHDOG: ") {
            var e = event(.netdevWatchdog)
            let rest = m[r.upperBound...]
            e.interface = String(rest.prefix(while: { $0 != " " && $0 != ":" }))
            if let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
                e.module = String(rest[rest.index(after: open)..<close])
            }
            return .starts(e)
        }
        if has(.linkIsDown, .linkDown), holds("Link is Down") || holds("Link is down") || holds("Link down") {
            var e = event(.linkDown)
            let head = m[..<(m.firstRange(of: "Link")?.lowerBound ?? m.endIndex)]
            var words = head.split(separator: " ").map { $0.hasSuffix(":") ? $0.dropLast() : $0 }
            if words.last == "NIC" { words.removeLast() }
            if let driver = words.first, AllocationReportLine.isModuleName(driver) { e.module = String(driver) }
            if words.count >= 2 { e.interface = String(words[words.count - 1]) }
            if words.count >= 3, words[1].contains(":") { e.device = String(words[1]) }
            if words.count == 2, words[0] == words[1] { e.interface = nil }
            return .starts(e)
        }
        if has(.bondDown), let r = m.firstRange(of: "link status definitely down for interface ") {
            var e = event(.linkDown)
            e.interface = String(m[r.upperBound...].prefix(while: { $0 != "," && $0 != " " }))
            e.module = "bonding"
            return .starts(e)
        }
        if has(.conntrackFull), holds("conntrack"), !holds("expectation table full") {
            return .starts(event(.nfConntrackFull))
        }
        // storage
        if has(.extFSError, .btrfsError, .corruption), holds("-fs error") || m.hasPrefix("BTRFS error")
            || m.hasPrefix("XFS (") && (holds("orruption detected") || holds("orruption of in-memory data")) {
            var e = event(.fsError)
            e.device = value(inParenthesesAfter: "device ", in: m) ?? value(inParenthesesAfter: "XFS (", in: m)
            // ext4 prints "comm %s: ": a thread name may hold blanks ("comm Cache2 I/O: deleted inode")
            if let r = m.firstRange(of: " comm ") {
                let rest = m[r.upperBound...]
                let end = rest.firstRange(of: ": ")?.lowerBound ?? rest.firstIndex(of: " ") ?? rest.endIndex
                e.process = String(rest[..<end])
            }
            return .starts(e)
        }
        if has(.ioError), holds("I/O error") {
            var e = event(.ioError)
            // "dev sda," (block layer), "on device dm-1," (buffer layer), "(device dm-1)" (ext4)
            if let r = m.firstRange(of: "dev ") ?? m.firstRange(of: "on device ") {
                e.device = String(m[r.upperBound...].prefix(while: { $0 != "," && $0 != " " }))
            } else {
                e.device = value(inParenthesesAfter: "(device ", in: m)
            }
            return .starts(e)
        }
        if has(.hardwareError, .machineCheck), holds("Hardware Error") || holds("Machine check") { return .starts(event(.machineCheck)) }
        // lines that add to an open event
        if has(.comm, .pid), let task = AllocationReportLine.task(m) { return .task(comm: task.comm, pid: task.pid) }
        if has(.instructionPointer), m.hasPrefix("RIP: ") || m.hasPrefix("IP: ") || m.hasPrefix("EIP: ") {
            return .faultAt(module: bracketedModule(atEndOf: m))
        }
        return .none
    }

    /// "... dev_watchdog+0x248/0x250 [mlx5_core]" → "mlx5_core".
    static func bracketedModule(atEndOf m: Substring) -> String? {
        var text = m.trimmedBlanks
        // 2.6.32 WARNING lines end with "()" then the taint in parentheses, 3.x with "()" alone
        if let paren = text.firstRange(of: "() (") { text = text[..<paren.lowerBound] }
        if text.hasSuffix("()") { text = text.dropLast(2) }
        guard text.hasSuffix("]"), let open = text.lastIndex(of: "[") else { return nil }
        var name = text[text.index(after: open)..<text.index(before: text.endIndex)]
        // a symbol kallsyms could not name: "0x860546a4 [mt7603e@8ad96439+0x96c0]"
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        return AllocationReportLine.isModuleName(name) ? String(name) : nil
    }

    private static func value(of key: String, in text: Substring) -> String? {
        guard let r = text.firstRange(of: key) else { return nil }
        let v = text[r.upperBound...].prefix(while: { $0 != "," && $0 != " " })
        return v.isEmpty ? nil : String(v)
    }

    private static func value(inParenthesesAfter key: String, in text: Substring) -> String? {
        guard let r = text.firstRange(of: key) else { return nil }
        let v = text[r.upperBound...].prefix(while: { $0 != ")" && $0 != " " && $0 != "," })
        return v.isEmpty ? nil : String(v)
    }

    private static func kib(after key: String, in text: Substring) -> Int? {
        guard let r = text.firstRange(of: key) else { return nil }
        return Int(text[r.upperBound...].prefix(while: \.isASCIIDigit))
    }
}
