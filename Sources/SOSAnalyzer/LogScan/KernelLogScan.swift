#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What one kernel log member yields, gathered line by line while the archive streams past.
///
/// Only the lines that matter are kept: module taint messages, the "Linux version" boot banner,
/// the zone PFN ranges of the last boot, lines that known-issue rules look for (a bounded number
/// per rule), and page-allocation failures (the scanner keeps a bounded window of lines). A 2 GB
/// `messages` costs no more memory than a small one.
///
/// Lines of other programs (`sshd[4121]: ...`), most of a `messages` file, and kernel lines the
/// allocation-failure scanner would pass over are recognised on their bytes and never decoded
/// (``KernelLogPrefilter``, ``AllocationFailureScanner/passesOver(_:holdsSign:)``) unless they hold something
/// this scan keeps from any line (`taint`, the banner, a zone range, a rule's literal).
struct KernelLogScan: Sendable {
    let member: String
    private(set) var taintMessages: [ModuleTaintMessage] = []
    private(set) var banner: LinuxVersionBanner?
    private(set) var lineCount = 0
    /// Zone ranges of the last boot this log shows.
    private(set) var zoneRanges: [ZonePFNRange] = []
    private(set) var logMatches: [KernelLogMatch] = []
    private var failures = AllocationFailureScanner()
    private var events: KernelEventScanner
    private var readingZoneRanges = false
    private let patterns: [KernelLogPattern.Compiled]
    private var matchCounts: [Int]
    /// Every literal a kernel line is tested for, looked for in one pass (``Literal`` gives the
    /// first bits, the failure scanner's signs the next; pattern `i`'s literal is bit
    /// `Literal.patternBitsStart + i` while it fits, and searched alone past that).
    private let literals: LiteralSet
    /// Bits of the literals that make a line worth decoding: clears a rule's bit once it has its
    /// `matchesPerPattern` lines, and the banner's once it is found.
    private var keptLiterals: UInt64

    /// Lines kept per rule and member: enough to cite, bounded for a log that repeats one line millions of times.
    static let matchesPerPattern = 10

    /// The literals of this scan and the failure scanner, in bit order.
    fileprivate enum Literal: Int, CaseIterable {
        case taint, staging, linuxVersion, zone
        var text: String {
            switch self {
            case .taint: "taint"
            // "module is from the staging directory": a taint message without the word.
            case .staging: "staging"
            case .linuxVersion: "Linux version "
            case .zone: "Zone "
            }
        }
        var bit: UInt64 { 1 << UInt64(rawValue) }
        static let signBitsStart = allCases.count
        static let eventBitsStart = signBitsStart + AllocationFailureScanner.signs.count
        static let patternBitsStart = eventBitsStart + KernelEventLine.literals.count
    }
    fileprivate static let eventBits: UInt64 = ((1 << UInt64(KernelEventLine.literals.count)) - 1) << UInt64(Literal.eventBitsStart)
    private static let signBits: UInt64 = ((1 << UInt64(AllocationFailureScanner.signs.count)) - 1) << UInt64(Literal.signBitsStart)

    /// What every scan of one pass over a report shares: the rules' patterns compiled and the
    /// literal set built once, not again for each of the report's logs (a `Regex` takes tens of
    /// microseconds and more to compile, per pattern).
    struct Rules {
        fileprivate let patterns: [KernelLogPattern.Compiled]
        fileprivate let literals: LiteralSet
        /// The bits of the literals a scan starts out looking for.
        fileprivate let keptLiterals: UInt64

        init(_ patterns: [KernelLogPattern]) {
            self.patterns = patterns.compactMap { $0.compiled() }
            let inSet = self.patterns.prefix(LiteralSet.capacity - Literal.patternBitsStart)
            literals = LiteralSet(bytes: Literal.allCases.map { Array($0.text.utf8) }
                + AllocationFailureScanner.signs.map { Array($0.text.description.utf8) }
                + KernelEventLine.literals.map { Array($0.description.utf8) } + inSet.map(\.literal.bytes))
            var kept = Literal.allCases.reduce(0) { $0 | $1.bit } | KernelLogScan.eventBits
            for index in inSet.indices { kept |= KernelLogScan.patternBit(index) }
            keptLiterals = kept
        }
    }

    init(member: String, patterns: [KernelLogPattern] = []) {
        self.init(member: member, rules: Rules(patterns))
    }

    init(member: String, rules: Rules) {
        self.member = member
        self.events = KernelEventScanner(member: member)
        self.patterns = rules.patterns
        self.matchCounts = Array(repeating: 0, count: rules.patterns.count)
        literals = rules.literals
        keptLiterals = rules.keptLiterals
    }

    fileprivate static func patternBit(_ index: Int) -> UInt64 {
        let bit = Literal.patternBitsStart + index
        return bit < LiteralSet.capacity ? 1 << UInt64(bit) : 0
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        lineCount = number
        // Another program's syslog line with no kernel line glued into it: the scanner drops it
        // and the rest reads the kernel's lines only.
        if !readingZoneRanges, KernelLogPrefilter.isOtherProgramSyslogLine(bytes),
           !KernelLogPrefilter.holdsKernelTag(bytes) {
            return
        }
        feedRead(bytes, number: number)
    }

    /// Passes over the lines at the start of `bytes` that ``feed(_:number:)`` would drop at once
    /// (``KernelLogPrefilter/otherProgramRun(_:lineLimit:)``), for ``MemberCursor``'s
    /// `passingOver`: the bytes and lines passed over. None while zone ranges are read, when every
    /// line counts.
    mutating func passOver(_ bytes: UnsafeBufferPointer<UInt8>, lineLimit: Int) -> (bytes: Int, lines: Int) {
        guard !readingZoneRanges else { return (0, 0) }
        let run = KernelLogPrefilter.otherProgramRun(bytes, lineLimit: lineLimit)
        lineCount += run.lines
        return run
    }

    /// The rest of ``feed(_:number:)``, for the lines the prefilter keeps (a few in a hundred of a
    /// `messages` file). Apart so that the millions of lines dropped above never run its
    /// prologue: its locals of the regex types (sized at run time, from another module) cost a
    /// metadata lookup each, per call, which was half of the time spent in `feed`.
    @inline(never)
    private mutating func feedRead(_ bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        let found = literals.scan(bytes)
        // A kernel line the scanner's fast path passes over, holding none of the literals below;
        // or holding event literals only (a flood of "table full" lines): decoded for the event
        // scanner, and spared the failure scanner, as before events were read.
        var sparesFailures = false
        if !readingZoneRanges, found & keptLiterals & ~Self.eventBits == 0, !holdsLiteralOutsideSet(bytes),
           failures.passesOver(bytes, holdsSign: found & Self.signBits != 0) {
            if found & Self.eventBits == 0 { return }
            sparesFailures = true
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.utf8.last == UInt8(ascii: "\r") { text.removeLast() }
        let line = Substring(text)
        // Parsed only when a reader below needs it: most lines that get here hold no literal.
        var parsedLine: KernelLogLine?
        func parsed() -> KernelLogLine {
            if let parsedLine { return parsedLine }
            let parsed = KernelLogLineParser.parse(line)
            parsedLine = parsed
            return parsed
        }
        if !sparesFailures { failures.feed(line, parsed: parsed(), number: number) }
        if found & Self.eventBits != 0, parsed().isKernel {
            let kernelLine = parsed()
            // the wall clock where the line has one: it gives the event a time
            events.feed(kernelLine.message.trimmedBlanks, timestamp: kernelLine.wallClock ?? kernelLine.timestamp.map(KernelEvent.text),
                        number: number, memInfo: failures.lastMemInfo,
                        holding: (found & Self.eventBits) >> UInt64(Literal.eventBitsStart))
        }
        if found & (Literal.taint.bit | Literal.staging.bit) != 0,
           Self.kernelSpoke(parsed(), bytes),
           let message = ModuleTaintMessageParser.message(inLine: line, number: number) {
            taintMessages.append(message)
        }
        if banner == nil, found & Literal.linuxVersion.bit != 0, line.contains("Linux version "),
           Self.kernelSpoke(parsed(), bytes) {
            banner = LinuxVersionBannerParser.firstBanner(in: text).map {
                LinuxVersionBanner(release: $0.release, line: number)
            }
            if banner != nil { keptLiterals &= ~Literal.linuxVersion.bit }
        }
        if readingZoneRanges {
            // Another program's line between two ranges neither ends nor extends the list.
            let kernelLine = parsed()
            if kernelLine.isKernel {
                if let range = ZonePFNRangeParser.range(in: kernelLine.message, line: number) {
                    zoneRanges.append(range)
                } else if !ZonePFNRangeParser.isEmptyZone(kernelLine.message) {
                    readingZoneRanges = false
                }
            }
        } else if found & Literal.zone.bit != 0, Self.kernelSpoke(parsed(), bytes),
                  ZonePFNRangeParser.isHeader(parsed().message) {
            // A later boot in the same log replaces the earlier one's ranges.
            zoneRanges = []
            readingZoneRanges = true
        }
        for index in patterns.indices where matchCounts[index] < Self.matchesPerPattern {
            let bit = Self.patternBit(index)
            let holdsLiteral = bit != 0 ? found & bit != 0 : patterns[index].literal.occurs(in: bytes)
            if holdsLiteral, Self.kernelSpoke(parsed(), bytes), patterns[index].matchesRegex(line) {
                matchCounts[index] += 1
                if matchCounts[index] == Self.matchesPerPattern { keptLiterals &= ~bit }
                logMatches.append(KernelLogMatch(
                    rule: patterns[index].rule, text: String(parsed().message.prefix(400)),
                    source: Evidence(member: member, line: number)))
            }
        }
    }

    /// Whether the kernel's own messages (taint, the banner, zone ranges, rule literals) are read from this line:
    /// a kernel line, or another program's line with a kernel line glued to its end (a write cut
    /// short by a crash, then the next boot's first lines), which shows by its `kernel:` tag.
    private static func kernelSpoke(_ parsed: KernelLogLine, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        parsed.isKernel || KernelLogPrefilter.holdsKernelTag(bytes)
    }

    /// The literals of rules past what one ``LiteralSet`` holds, searched one by one.
    private func holdsLiteralOutsideSet(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard patterns.count > LiteralSet.capacity - Literal.patternBitsStart else { return false }
        for index in patterns.indices.dropFirst(LiteralSet.capacity - Literal.patternBitsStart)
        where matchCounts[index] < Self.matchesPerPattern {
            if patterns[index].literal.occurs(in: bytes) { return true }
        }
        return false
    }

    /// The kernel events found in this member, as logged.
    var kernelEvents: [KernelEvent] { events.events }

    /// Ends the scan and returns the allocation failures found in this member.
    mutating func finishFailures() -> [AllocationFailure] {
        failures.finish()
    }
}

/// A log line a known-issue rule looks for: a literal every such line contains (a cheap test run
/// on every line), and optionally a regular expression run only on the lines that contain it.
public struct KernelLogPattern: Sendable, Codable, Equatable {
    public var rule: String
    public var contains: String
    public var regex: String?

    public init(rule: String, contains: String, regex: String? = nil) {
        self.rule = rule
        self.contains = contains
        self.regex = regex
    }

    struct Compiled: @unchecked Sendable {
        // Regex<AnyRegexOutput> is not Sendable; a Compiled value is only ever used by the scans
        // of one pass over a report, one after the other on its task.
        let rule: String
        let literal: ByteNeedle
        let regex: Regex<AnyRegexOutput>?

        /// The regular expression, if any, on a line already known to hold the literal (searched
        /// in the raw bytes: every line of a 2 GB log pays for that test, few for this one).
        func matchesRegex(_ line: Substring) -> Bool {
            guard let regex else { return true }
            return (try? regex.firstMatch(in: line)) != nil
        }
    }

    func compiled() -> Compiled? {
        guard !contains.isEmpty else { return nil }
        if let regex {
            guard let compiled = try? Regex(regex) else { return nil }
            return Compiled(rule: rule, literal: ByteNeedle(contains), regex: compiled)
        }
        return Compiled(rule: rule, literal: ByteNeedle(contains), regex: nil)
    }
}
