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
/// (``KernelLogPrefilter``, ``AllocationFailureScanner/passesOver(_:)``) unless they hold something
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
    private var readingZoneRanges = false
    private let patterns: [KernelLogPattern.Compiled]
    private var matchCounts: [Int]

    /// Lines kept per rule and member: enough to cite, bounded for a log that repeats one line millions of times.
    static let matchesPerPattern = 10

    init(member: String, patterns: [KernelLogPattern] = []) {
        self.member = member
        self.patterns = patterns.compactMap { $0.compiled() }
        self.matchCounts = Array(repeating: 0, count: self.patterns.count)
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        lineCount = number
        if canSkip(bytes) { return }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.utf8.last == UInt8(ascii: "\r") { text.removeLast() }
        let line = Substring(text)
        failures.feed(line, number: number)
        // Parsed only when a literal below is in the line: most lines that get here hold none.
        var parsedLine: KernelLogLine?
        func parsed() -> KernelLogLine {
            if let parsedLine { return parsedLine }
            let parsed = KernelLogLineParser.parse(line)
            parsedLine = parsed
            return parsed
        }
        // Byte tests first: Foundation's `contains` on every kernel line cost more than the rest of the scan.
        if KernelLogPrefilter.taint.occurs(in: bytes) || KernelLogPrefilter.staging.occurs(in: bytes),
           Self.kernelSpoke(parsed(), bytes),
           let message = ModuleTaintMessageParser.message(inLine: line, number: number) {
            taintMessages.append(message)
        }
        if banner == nil, KernelLogPrefilter.linuxVersion.occurs(in: bytes), line.contains("Linux version "),
           Self.kernelSpoke(parsed(), bytes) {
            banner = LinuxVersionBannerParser.firstBanner(in: text).map {
                LinuxVersionBanner(release: $0.release, line: number)
            }
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
        } else if KernelLogPrefilter.zone.occurs(in: bytes), Self.kernelSpoke(parsed(), bytes),
                  ZonePFNRangeParser.isHeader(parsed().message) {
            // A later boot in the same log replaces the earlier one's ranges.
            zoneRanges = []
            readingZoneRanges = true
        }
        for index in patterns.indices where matchCounts[index] < Self.matchesPerPattern {
            if patterns[index].literal.occurs(in: bytes), Self.kernelSpoke(parsed(), bytes), patterns[index].matches(bytes, line) {
                matchCounts[index] += 1
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
        parsed.isKernel || KernelLogPrefilter.kernelTagAnywhere.occurs(in: bytes)
    }

    /// True for a line that no part of this scan would keep, told on its bytes with tests that
    /// are supersets of the character tests `feed` makes:
    /// - another program's syslog line (fixed spot, ``KernelLogPrefilter``) with no kernel line
    ///   glued into it: the scanner drops it and the rest reads the kernel's lines only;
    /// - a kernel line the scanner's fast path passes over, holding none of the literals `feed`
    ///   looks for.
    private func canSkip(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !readingZoneRanges else { return false }
        if KernelLogPrefilter.isOtherProgramSyslogLine(bytes), !KernelLogPrefilter.kernelTagAnywhere.occurs(in: bytes) {
            return true
        }
        guard failures.passesOver(bytes) else { return false }
        if KernelLogPrefilter.taint.occurs(in: bytes) || KernelLogPrefilter.staging.occurs(in: bytes) { return false }
        if banner == nil, KernelLogPrefilter.linuxVersion.occurs(in: bytes) { return false }
        if KernelLogPrefilter.zone.occurs(in: bytes) { return false }
        return !holdsRuleLiteral(bytes)
    }

    private func holdsRuleLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in patterns.indices where matchCounts[index] < Self.matchesPerPattern {
            if patterns[index].literal.occurs(in: bytes) { return true }
        }
        return false
    }

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
        // Regex<AnyRegexOutput> is not Sendable; a Compiled value is only ever used by the one
        // scan that owns it.
        let rule: String
        let literal: ByteNeedle
        let regex: Regex<AnyRegexOutput>?

        /// The literal is searched in the raw bytes (memchr/memcmp): every line of a 2 GB log pays for it.
        func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Substring) -> Bool {
            guard literal.occurs(in: bytes) else { return false }
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
