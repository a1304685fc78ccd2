/// How a kernel log line was written down: the prefix shape, which tells which tool produced the file.
public enum KernelLogFormat: String, Sendable, Codable, CaseIterable {
    /// `dmesg` output: no prefix or `[  secs.usecs]` stamps.
    case dmesg
    /// `dmesg -T`: `[Mon Apr 20 15:08:07 2020]` stamps.
    case dmesgT = "dmesg-T"
    /// `Mon DD HH:MM:SS [host] kernel:` (rsyslog, journalctl short) or `host kernel:` without date.
    case syslog
    /// journalctl short-monotonic: `[secs] [host] kernel: `.
    case journal
    /// A bare `kernel: ` tag with date and host stripped, or prose.
    case other
}

/// When a kernel line was logged, as written.
public enum KernelLogTimestamp: Sendable, Codable, Equatable {
    /// Seconds since boot: `[  123.456789]` or journal short-monotonic.
    case monotonic(Double)
    /// "Jun 10 12:00:01" (syslog, no year) or "Tue Jun 10 12:00:01 2014" (dmesg -T), as written.
    case wallClock(String)
}

/// One raw line of a kernel log with every prefix taken off.
public struct KernelLogLine: Sendable, Equatable {
    /// The kernel's own text: after the syslog header, `[secs]` stamps, `[Day Mon DD ...]`
    /// stamps, a bare `kernel: ` tag, `<N>` printk levels and leading indentation. rsyslog's
    /// `#011` (tab) and `#012` (newline) escapes are decoded.
    public var message: Substring
    /// The monotonic stamp when one was printed (also after a syslog header), else the wall clock.
    public var timestamp: KernelLogTimestamp?
    /// The host name of a syslog or journal line.
    public var host: String?
    /// The prefix shape this line was written with.
    public var format: KernelLogFormat
    /// False for syslog or journal lines of other programs (`sshd[123]: ...`); skip them.
    public var isKernel: Bool
    /// The printk caller id (`T123` task or `C4` CPU) of kernels built with
    /// `CONFIG_PRINTK_CALLER`: `[  12.345][ T123] msg`. Keys interleaved output apart.
    public var caller: String?
    /// The wall clock of the syslog header or `dmesg -T` stamp, also when a `[secs]` stamp after
    /// it is the ``timestamp``: `Jan 24 17:18:54 orca1 kernel: [1063056.652012] ...` has both.
    public var wallClock: String?

    public init(message: Substring, timestamp: KernelLogTimestamp? = nil, host: String? = nil,
                format: KernelLogFormat, isKernel: Bool = true, caller: String? = nil, wallClock: String? = nil) {
        self.message = message
        self.timestamp = timestamp
        self.host = host
        self.format = format
        self.isKernel = isKernel
        self.caller = caller
        self.wallClock = wallClock
    }
}

/// Takes the prefixes off one kernel log line of any form sos collects.
///
/// Real inputs (from the corpus) and what they yield:
/// ```
/// Dec  1 06:57:51 hostname kernel: swapper: page allocation failure. order:1, mode:0x20
///   -> syslog, host "hostname", wallClock "Dec  1 06:57:51", message "swapper: page allocation ..."
/// [49212.455709] txg_sync: page allocation failure. order:0, mode:0x20
///   -> dmesg, monotonic 49212.455709
/// [Mon Apr 20 15:08:07 2020] CPU: 1 PID: 1333536 Comm: kworker/u16:3 Not tainted ...
///   -> dmesg-T, wallClock "Mon Apr 20 15:08:07 2020"
/// server1 kernel: [3640039.236414] novfsd: page allocation failure: order:4, mode:0xd0
///   -> syslog, host "server1", monotonic 3640039.236414
/// kernel: bma: page allocation failure. order:0, mode:0x20
///   -> other (bare tag)
/// Sep  5 17:23:40 box3 freshclam[10631]: main.cvd database is up-to-date ...
///   -> syslog, isKernel false
/// ```
/// Never fails: a line it cannot read is returned whole as an unprefixed `dmesg` line.
public enum KernelLogLineParser {
    /// Reads one line (a trailing `\r` is dropped). Never fails; see the type's documentation.
    public static func parse(_ raw: Substring) -> KernelLogLine {
        parseASCII(raw) ?? parseCharacters(raw)
    }

    /// The parse on characters: every form, any text. ``parseASCII(_:)`` reads the common forms
    /// of ASCII lines on bytes and must give the same line.
    static func parseCharacters(_ raw: Substring) -> KernelLogLine {
        var text = raw
        // a CR is a character of its own at the end of a line: the byte says whether to look
        if text.utf8.last == UInt8(ascii: "\r"), text.last == "\r" { text = text.dropLast() }
        text = dropLeadingBlanks(text)
        // "> " quote markers of logs pasted into mail replies
        while text.first == ">", text.dropFirst().first == " " || text.dropFirst().first == ">" {
            text = dropLeadingBlanks(text.dropFirst())
        }
        text = dropPrintkLevel(text)
        // `dmesg -x`: "kern  :warn  : [  123.456789] msg"
        if text.hasLogPrefix("kern ") || text.hasLogPrefix("kern:") {
            let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3, parts[0].trimmedBlanks == "kern",
               parts[1].trimmedBlanks.allSatisfy({ $0.isLetter }), parts[2].first == " " {
                text = dropLeadingBlanks(parts[2])
            }
        }
        // "** 94 printk messages dropped ** [73805.181427]  [<ffffffffa84b8e74>] ..." (console overrun)
        if text.hasLogPrefix("** "), let end = text.firstRange(of: " dropped **") {
            text = dropLeadingBlanks(text[end.upperBound...])
        }

        // syslog: "Mon DD HH:MM:SS" or ISO-8601 "2020-04-20T15:08:07.123+02:00"
        if let (stamp, rest) = syslogDate(text) {
            return finishSyslog(rest, wallClock: stamp, format: .syslog)
        }
        if let (stamp, rest) = logreadDate(text) {
            return finishSyslog(rest, wallClock: stamp, format: .syslog)
        }
        if text.first == "[" {
            if let (stamp, rest) = dmesgTStamp(text) {
                return kernelBody(rest, timestamp: .wallClock(stamp), host: nil, format: .dmesgT)
            }
            if let (secs, rest) = monotonicStamp(text) {
                // journal short-monotonic: "[secs] [host] kernel: msg" or "[secs] [host] prog[pid]: msg"
                if let tagged = journalTag(rest) {
                    var line = tagged
                    line.timestamp = line.timestamp ?? .monotonic(secs)
                    return line
                }
                return kernelBody(rest, timestamp: .monotonic(secs), host: nil, format: .dmesg)
            }
            // `dmesg -H`: "[Mar 8 17:07] msg" then "[  +0.000005] msg": stamps without a time to keep
            if let rest = humanStamp(text) {
                return kernelBody(rest, timestamp: nil, host: nil, format: .dmesg)
            }
        }
        // bare tag: "kernel: msg"
        if let rest = dropPrefix(text, "kernel:") {
            return kernelBody(rest, timestamp: nil, host: nil, format: .other)
        }
        // "host kernel: msg" without a date (SLES /var/log/messages excerpts)
        if let (host, rest) = hostThenKernelTag(text) {
            return kernelBody(rest, timestamp: nil, host: host, format: .syslog)
        }
        return KernelLogLine(message: decodeEscapes(text), format: .dmesg)
    }

    // MARK: - Prefix forms

    private static let months: Set<Substring> = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let days: Set<Substring> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "Mon DD HH:MM:SS " (day space- or zero-padded, optional fraction) or an ISO-8601 stamp.
    private static func syslogDate(_ text: Substring) -> (String, Substring)? {
        if let first = text.utf8.first, opensMonthName(first), months.contains(text.prefix(3)) {
            var rest = text.dropFirst(3)
            guard rest.first == " " else { return nil }
            rest = dropLeadingBlanks(rest)
            let day = rest.prefix(while: \.isASCIIDigit)
            guard (1...2).contains(day.count) else { return nil }
            rest = rest.dropFirst(day.count)
            guard rest.first == " " else { return nil }
            rest = rest.dropFirst()
            guard let afterTime = clockTime(rest) else { return nil }
            let stamp = String(text[text.startIndex..<afterTime.startIndex])
            guard afterTime.first == " " else { return nil }
            return (stamp, afterTime.dropFirst())
        }
        // 2020-04-20T15:08:07[.fraction][Z|+hh:mm|+hhmm]: bytes read in place, no array per line
        let bytes = text.utf8
        guard bytes.count >= 20 else { return nil }
        func byte(_ offset: Int) -> UInt8 { bytes[bytes.index(bytes.startIndex, offsetBy: offset)] }
        guard byte(4) == UInt8(ascii: "-"), byte(7) == UInt8(ascii: "-"),
              byte(10) == UInt8(ascii: "T"), byte(13) == UInt8(ascii: ":"),
              (0...3).allSatisfy({ byte($0) >= 48 && byte($0) <= 57 }) else { return nil }
        guard let space = text.firstIndex(of: " ") else { return nil }
        return (String(text[..<space]), text[text.index(after: space)...])
    }

    /// OpenWrt `logread`: "Fri Jul 19 05:58:52 2019 kern.warn kernel: ..." (day name, year, and
    /// the facility.level); returns the stamp "Fri Jul 19 05:58:52 2019" and what follows the level.
    private static func logreadDate(_ text: Substring) -> (String, Substring)? {
        guard let first = text.utf8.first, first >= UInt8(ascii: "F"), first <= UInt8(ascii: "W"),
              days.contains(text.prefix(3)), text.dropFirst(3).first == " ",
              let (monthDayTime, rest) = syslogDate(text.dropFirst(4)) else { return nil }
        let year = rest.prefix(while: \.isASCIIDigit)
        guard year.count == 4, rest.dropFirst(4).first == " " else { return nil }
        var after = rest.dropFirst(5)
        let level = after.prefix(while: { $0 != " " })
        if level.contains("."), !level.hasLogSuffix(":") { after = after.dropFirst(level.count).drop(while: { $0 == " " }) }
        return ("\(text.prefix(3)) \(monthDayTime) \(year)", after)
    }

    /// Whether a line's first byte can open a month name: most lines are told apart by it, without
    /// hashing their first three characters.
    static func opensMonthName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "J"), UInt8(ascii: "F"), UInt8(ascii: "M"), UInt8(ascii: "A"),
             UInt8(ascii: "S"), UInt8(ascii: "O"), UInt8(ascii: "N"), UInt8(ascii: "D"): return true
        default: return false
        }
    }

    /// "HH:MM:SS" with an optional ".fraction"; returns what follows.
    private static func clockTime(_ text: Substring) -> Substring? {
        var characters = text.makeIterator()
        for position in 0..<8 {
            guard let character = characters.next(),
                  position == 2 || position == 5 ? character == ":" : character.isASCIIDigit else { return nil }
        }
        var rest = text.dropFirst(8)
        if rest.first == ".", rest.dropFirst().first?.isASCIIDigit == true {
            rest = rest.dropFirst().drop(while: \.isASCIIDigit)
        }
        return rest
    }

    /// After a syslog date: "[host ]kernel: msg" or "[host ]prog[pid]: msg".
    private static func finishSyslog(_ rest: Substring, wallClock: String, format: KernelLogFormat) -> KernelLogLine {
        let stamp = KernelLogTimestamp.wallClock(wallClock)
        if let body = dropPrefix(rest, "kernel:") {
            return kernelBody(body, timestamp: stamp, host: nil, format: format)
        }
        let first = rest.prefix(while: { $0 != " " })
        let afterFirst = rest.dropFirst(first.count).drop(while: { $0 == " " })
        if let body = dropPrefix(afterFirst, "kernel:") {
            return kernelBody(body, timestamp: stamp, host: String(first), format: format)
        }
        if first.hasLogSuffix(":") {
            // "prog[pid]: msg" with no host, or "kernel" spelled differently: another program
            return KernelLogLine(message: dropLeadingBlanks(afterFirst), timestamp: stamp, host: nil,
                                 format: format, isKernel: false)
        }
        let tag = afterFirst.prefix(while: { $0 != " " })
        let message = dropLeadingBlanks(afterFirst.dropFirst(tag.count))
        return KernelLogLine(message: decodeEscapes(message), timestamp: stamp, host: String(first),
                             format: format, isKernel: false)
    }

    /// "[Mon Apr 20 15:08:07 2020] " as printed by `dmesg -T`.
    private static func dmesgTStamp(_ text: Substring) -> (String, Substring)? {
        guard let close = text.firstIndex(of: "]") else { return nil }
        let inside = text[text.index(after: text.startIndex)..<close]
        // a day name comes first: "[  123.456789]" (most dmesg lines) is told apart before the split
        guard let lead = inside.first(where: { $0 != " " }), !lead.isASCIIDigit else { return nil }
        let parts = inside.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5, days.contains(parts[0]), months.contains(parts[1]),
              parts[2].allSatisfy(\.isASCIIDigit), clockTime(parts[3])?.isEmpty == true,
              parts[4].count == 4, parts[4].allSatisfy(\.isASCIIDigit) else { return nil }
        return (parts.joined(separator: " "), text[text.index(after: close)...])
    }

    /// `dmesg -H` stamps: "[  +0.000005]" (seconds since the previous line) or "[Mar 8 17:07]"
    /// (minute of the first line of a burst, no year); returns what follows.
    private static func humanStamp(_ text: Substring) -> Substring? {
        guard let close = text.firstIndex(of: "]") else { return nil }
        let inside = text[text.index(after: text.startIndex)..<close].drop(while: { $0 == " " })
        if inside.first == "+", inside.dropFirst().allSatisfy({ $0.isASCIIDigit || $0 == "." }), inside.count > 1 {
            return text[text.index(after: close)...]
        }
        guard let lead = inside.utf8.first, opensMonthName(lead) else { return nil }
        let parts = inside.split(separator: " ")
        guard parts.count == 3, months.contains(parts[0]), parts[1].allSatisfy(\.isASCIIDigit),
              parts[2].count == 5, parts[2].dropFirst(2).first == ":" else { return nil }
        return text[text.index(after: close)...]
    }

    /// "[  123.456789]" (optionally followed by a printk caller "[ T123]"); returns the seconds.
    private static func monotonicStamp(_ text: Substring) -> (Double, Substring)? {
        guard let close = text.firstIndex(of: "]") else { return nil }
        let inside = text[text.index(after: text.startIndex)..<close].drop(while: { $0 == " " })
        guard !inside.isEmpty, inside.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
              inside.first?.isASCIIDigit == true, let secs = Double(inside) else { return nil }
        return (secs, text[text.index(after: close)...])
    }

    /// journalctl short-monotonic after the stamp: " [host ]kernel: msg" or " [host ]prog[pid]: msg".
    private static func journalTag(_ rest: Substring) -> KernelLogLine? {
        // Every tag read below holds "kernel:" or ends a "prog[pid]:" word: most dmesg lines have neither.
        guard rest.utf8.containsLogBytes("kernel:") || rest.utf8.containsLogBytes("]:") else { return nil }
        let body = dropLeadingBlanks(rest)
        if let msg = dropPrefix(body, "kernel:") {
            return kernelBody(msg, timestamp: nil, host: nil, format: .journal)
        }
        let first = body.prefix(while: { $0 != " " })
        guard !first.isEmpty else { return nil }
        let afterFirst = body.dropFirst(first.count).drop(while: { $0 == " " })
        if isHostName(first), let msg = dropPrefix(afterFirst, "kernel:") {
            return kernelBody(msg, timestamp: nil, host: String(first), format: .journal)
        }
        // "prog[pid]: msg": a userspace program writing to the journal (earlyoom, systemd)
        if isProgramWithPid(first) {
            return KernelLogLine(message: dropLeadingBlanks(afterFirst), format: .journal, isKernel: false)
        }
        if isHostName(first) {
            let second = afterFirst.prefix(while: { $0 != " " })
            if isProgramWithPid(second) {
                return KernelLogLine(message: dropLeadingBlanks(afterFirst.dropFirst(second.count)),
                                     host: String(first), format: .journal, isKernel: false)
            }
        }
        return nil
    }

    /// "server1 kernel: msg": a host token then the kernel tag, no date.
    private static func hostThenKernelTag(_ text: Substring) -> (String, Substring)? {
        // the tag is required below: no need to read a host name on a line without it
        guard text.utf8.containsLogBytes("kernel:") else { return nil }
        let first = text.prefix(while: { $0 != " " })
        guard isHostName(first) else { return nil }
        let after = text.dropFirst(first.count).drop(while: { $0 == " " })
        guard let body = dropPrefix(after, "kernel:") else { return nil }
        return (String(first), body)
    }

    /// What follows "kernel:": an optional "[secs]" stamp, an optional caller id, a printk level.
    private static func kernelBody(_ body: Substring, timestamp: KernelLogTimestamp?, host: String?,
                                   format: KernelLogFormat) -> KernelLogLine {
        var rest = dropLeadingBlanks(body)
        var stamp = timestamp
        rest = dropPrintkLevel(rest)
        if rest.first == "[", let (secs, after) = monotonicStamp(rest) {
            stamp = .monotonic(secs)
            rest = after
        }
        var caller: String?
        if rest.first == "[", let close = rest.firstIndex(of: "]") {
            let inside = rest[rest.index(after: rest.startIndex)..<close].drop(while: { $0 == " " })
            if let kind = inside.first, kind == "T" || kind == "C", inside.count > 1,
               inside.dropFirst().allSatisfy(\.isASCIIDigit) {
                caller = String(inside)
                rest = rest[rest.index(after: close)...]
            }
        }
        rest = dropPrintkLevel(dropLeadingBlanks(rest))
        var wallClock: String?
        if case .wallClock(let clock) = timestamp { wallClock = clock }
        return KernelLogLine(message: decodeEscapes(dropLeadingBlanks(rest)), timestamp: stamp, host: host,
                             format: format, isKernel: true, caller: caller, wallClock: wallClock)
    }

    // MARK: - Small helpers

    private static func dropPrefix(_ text: Substring, _ prefix: StaticString) -> Substring? {
        guard text.hasLogPrefix(prefix) else { return nil }
        // an ASCII prefix: as many characters as bytes
        return text.dropFirst(prefix.utf8CodeUnitCount)
    }

    private static func dropLeadingBlanks(_ text: Substring) -> Substring {
        text.drop(while: { $0 == " " || $0 == "\t" })
    }

    /// "<4>" printk level, as `dmesg -r` or some serial consoles keep it.
    private static func dropPrintkLevel(_ text: Substring) -> Substring {
        // called up to three times a line: no array, and most lines fail on the first byte
        guard text.utf8.first == UInt8(ascii: "<") else { return text }
        var characters = text.makeIterator()
        guard characters.next() == "<", characters.next()?.isASCIIDigit == true, characters.next() == ">" else { return text }
        return text.dropFirst(3)
    }

    private static func isHostName(_ token: Substring) -> Bool {
        !token.isEmpty && token.count <= 253 && !token.hasLogSuffix(":")
            && token.allSatisfy({ $0.isASCIILetterOrDigit || $0 == "-" || $0 == "." || $0 == "_" })
    }

    private static func isProgramWithPid(_ token: Substring) -> Bool {
        guard token.hasLogSuffix("]:"), let open = token.firstIndex(of: "["), open > token.startIndex else { return false }
        let pid = token[token.index(after: open)..<token.index(token.endIndex, offsetBy: -2)]
        return !pid.isEmpty && pid.allSatisfy(\.isASCIIDigit)
    }

    /// rsyslog escapes control characters as "#ooo" (octal): "#011" tab, "#012" newline.
    static func decodeEscapes(_ text: Substring) -> Substring {
        // Foundation's search on every kernel line cost more than the rest of the parse: bytes first
        guard text.utf8.containsLogBytes("#01"), text.contains("#01") else { return text }
        var result = String(text)
        result = result.replacingEveryLogEscape("#011", with: "\t")
        result = result.replacingEveryLogEscape("#012", with: "\n")
        return Substring(result)
    }
}


extension String {
    /// Foundation-free replace of every occurrence.
    fileprivate func replacingEveryLogEscape(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}
