/// The two prefix shapes nearly every kernel line that reaches the parser has, read on bytes.
///
/// ```
/// Jan 24 17:18:54 orca1 kernel: [1063056.652012] BUG: soft lockup - CPU#6 stuck for 67s! [z_wr_iss/6:5856]
///   -> syslog, host "orca1", wallClock "Jan 24 17:18:54", monotonic 1063056.652012,
///      message "BUG: soft lockup - CPU#6 stuck for 67s! [z_wr_iss/6:5856]"
/// [49212.455709] txg_sync: page allocation failure. order:0, mode:0x20
///   -> dmesg, monotonic 49212.455709
/// ```
///
/// In a line of ASCII bytes without a carriage return every character is one byte (CR LF is the
/// only pair of ASCII scalars that makes one character), so reading the bytes gives what
/// ``KernelLogLineParser/parse(_:)`` reads character by character, without walking grapheme
/// boundaries: that walk was most of the parse's time on a big log. Anything else (another
/// prefix, a non-ASCII byte, a CR, a journal tag after the stamp) is left to the character reader;
/// the tests hold both to the same answer on real lines and on edits of them at every position.
extension KernelLogLineParser {
    static func parseASCII(_ raw: Substring) -> KernelLogLine? {
        let bytes = raw.utf8
        guard let first = bytes.first, first == UInt8(ascii: "[") || opensMonthName(first) else { return nil }
        let parsed: Shape? = bytes.withContiguousStorageIfAvailable { line -> Shape? in
            guard line.isASCII, !line.contains(UInt8(ascii: "\r")) else { return nil }
            return first == UInt8(ascii: "[") ? dmesgShape(line) : syslogShape(line)
        } ?? nil
        guard let parsed else { return nil }
        func at(_ offset: Int) -> Substring.Index { bytes.index(bytes.startIndex, offsetBy: offset) }
        func text(_ range: Range<Int>) -> Substring { raw[at(range.lowerBound)..<at(range.upperBound)] }
        var timestamp: KernelLogTimestamp?
        var wallClock: String?
        if let clock = parsed.wallClock {
            let stamp = String(text(clock))
            wallClock = stamp
            timestamp = .wallClock(stamp)
        }
        if let seconds = parsed.seconds {
            guard let value = Double(text(seconds)) else { return nil }
            timestamp = .monotonic(value)
        }
        let message = text(parsed.message)
        return KernelLogLine(
            message: parsed.decodesEscapes ? decodeEscapes(message) : message, timestamp: timestamp,
            host: parsed.host.map { String(text($0)) }, format: parsed.wallClock == nil ? .dmesg : .syslog,
            isKernel: parsed.isKernel, caller: parsed.caller.map { String(text($0)) },
            // as the character reader: only a kernel line keeps its syslog clock beside a `[secs]` stamp
            wallClock: parsed.isKernel ? wallClock : nil)
    }

    /// Byte ranges of a line's parts.
    private struct Shape {
        var wallClock: Range<Int>?
        var seconds: Range<Int>?
        var host: Range<Int>?
        var caller: Range<Int>?
        var message: Range<Int>
        var isKernel = true
        var decodesEscapes = true
    }

    private typealias Bytes = UnsafeBufferPointer<UInt8>

    private static let tagLength = KernelLogPrefilter.kernelTag.utf8CodeUnitCount
    private static func isDigit(_ byte: UInt8) -> Bool { KernelLogPrefilter.isDigit(byte) }
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func skipBlanks(_ line: Bytes, _ index: Int) -> Int {
        var index = index
        while index < line.count, isBlank(line[index]) { index += 1 }
        return index
    }

    /// "Mon DD HH:MM:SS[.frac] " then what `finishSyslog` reads; nil where the character reader
    /// would try another form.
    private static func syslogShape(_ line: Bytes) -> Shape? {
        // the date as the prefilter reads it: the same layouts the character reader takes
        guard let rest = KernelLogPrefilter.syslogDateEnd(line) else { return nil }
        let clock = 0..<(rest - 1)
        if KernelLogPrefilter.hasKernelTag(line, at: rest) { return kernelBody(line, from: rest + tagLength, wallClock: clock, host: nil) }
        // (the first blank: nil only for a non-ASCII byte, which this line has none of)
        guard let firstEnd = KernelLogPrefilter.hostEnd(line, from: rest) else { return nil }
        var afterFirst = firstEnd
        while afterFirst < line.count, line[afterFirst] == 0x20 { afterFirst += 1 }
        if KernelLogPrefilter.hasKernelTag(line, at: afterFirst) {
            return kernelBody(line, from: afterFirst + tagLength, wallClock: clock, host: rest..<firstEnd)
        }
        if firstEnd > rest, line[firstEnd - 1] == UInt8(ascii: ":") {
            // "prog[pid]: msg" with no host: another program; its message is not unescaped
            return Shape(wallClock: clock, message: skipBlanks(line, afterFirst)..<line.count, isKernel: false, decodesEscapes: false)
        }
        guard let tagEnd = KernelLogPrefilter.hostEnd(line, from: afterFirst) else { return nil }
        return Shape(wallClock: clock, host: rest..<firstEnd, message: skipBlanks(line, tagEnd)..<line.count, isKernel: false)
    }

    /// "[  secs.usecs] msg" with no journal tag after it; nil for `dmesg -T` / `-H` stamps and the rest.
    private static func dmesgShape(_ line: Bytes) -> Shape? {
        guard let (seconds, after) = monotonicStamp(line, at: 0) else { return nil }
        // A journal line ("[secs] host kernel: msg", "[secs] prog[pid]: msg") has one of these.
        let tail = UnsafeBufferPointer(rebasing: line[after...])
        if ByteSearch.contains(tail, "kernel:") || ByteSearch.contains(tail, "]:") { return nil }
        var shape = kernelBody(line, from: after, wallClock: nil, host: nil)
        if shape.seconds == nil { shape.seconds = seconds }
        return shape
    }

    /// "[ digits-and-dots ]" at `index` opening with a digit; the range inside and the index after "]".
    private static func monotonicStamp(_ line: Bytes, at index: Int) -> (Range<Int>, Int)? {
        guard index < line.count, line[index] == UInt8(ascii: "[") else { return nil }
        var close = index + 1
        while close < line.count, line[close] != UInt8(ascii: "]") { close += 1 }
        guard close < line.count else { return nil }
        var start = index + 1
        while start < close, line[start] == 0x20 { start += 1 }
        guard start < close, isDigit(line[start]) else { return nil }
        for position in start..<close where !isDigit(line[position]) && line[position] != UInt8(ascii: ".") { return nil }
        return (start..<close, close + 1)
    }

    /// What `kernelBody` reads after "kernel:" (or a dmesg stamp): a stamp, a caller id, printk levels.
    private static func kernelBody(_ line: Bytes, from start: Int, wallClock: Range<Int>?, host: Range<Int>?) -> Shape {
        var index = dropPrintkLevel(line, skipBlanks(line, start))
        var seconds: Range<Int>?
        if let (stamp, after) = monotonicStamp(line, at: index) {
            seconds = stamp
            index = after
        }
        var caller: Range<Int>?
        if index < line.count, line[index] == UInt8(ascii: "[") {
            var close = index + 1
            while close < line.count, line[close] != UInt8(ascii: "]") { close += 1 }
            if close < line.count {
                var inside = index + 1
                while inside < close, line[inside] == 0x20 { inside += 1 }
                if close - inside > 1, line[inside] == UInt8(ascii: "T") || line[inside] == UInt8(ascii: "C"),
                   (inside + 1..<close).allSatisfy({ isDigit(line[$0]) }) {
                    caller = inside..<close
                    index = close + 1
                }
            }
        }
        index = skipBlanks(line, dropPrintkLevel(line, skipBlanks(line, index)))
        return Shape(wallClock: wallClock, seconds: seconds, host: host, caller: caller, message: index..<line.count)
    }

    /// "<4>" printk level at `index`.
    private static func dropPrintkLevel(_ line: Bytes, _ index: Int) -> Int {
        guard index + 3 <= line.count, line[index] == UInt8(ascii: "<"), isDigit(line[index + 1]),
              line[index + 2] == UInt8(ascii: ">") else { return index }
        return index + 3
    }
}
