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

    private static let zoneLiteral = Array("Zone ".utf8)

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
        // Byte tests first: Foundation's `contains` on every kernel line cost more than the rest of the scan.
        if ByteSearch.contains(bytes, KernelLogPrefilter.taint), line.contains("taint"),
           let message = ModuleTaintMessageParser.message(inLine: line, number: number) {
            taintMessages.append(message)
        }
        if banner == nil, ByteSearch.contains(bytes, KernelLogPrefilter.linuxVersion), line.contains("Linux version ") {
            banner = LinuxVersionBannerParser.firstBanner(in: text).map {
                LinuxVersionBanner(release: $0.release, line: number)
            }
        }
        if readingZoneRanges {
            let message = KernelLogLineParser.parse(line).message
            if let range = ZonePFNRangeParser.range(in: message, line: number) {
                zoneRanges.append(range)
            } else if !ZonePFNRangeParser.isEmptyZone(message) {
                readingZoneRanges = false
            }
        } else if ByteSearch.contains(bytes, Self.zoneLiteral), ZonePFNRangeParser.isHeader(KernelLogLineParser.parse(line).message) {
            // A later boot in the same log replaces the earlier one's ranges.
            zoneRanges = []
            readingZoneRanges = true
        }
        for index in patterns.indices where matchCounts[index] < Self.matchesPerPattern {
            if patterns[index].matches(bytes, line) {
                matchCounts[index] += 1
                let message = KernelLogLineParser.parse(line).message
                logMatches.append(KernelLogMatch(
                    rule: patterns[index].rule, text: String(message.prefix(400)),
                    source: Evidence(member: member, line: number)))
            }
        }
    }

    /// True for a line that no part of this scan would keep: the scanner drops it (another
    /// program's syslog line, or a kernel line its fast path passes over), and the byte tests below
    /// are supersets of the character tests `feed` makes, so none of those would have fired either.
    private func canSkip(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !readingZoneRanges else { return false }
        guard KernelLogPrefilter.isOtherProgramSyslogLine(bytes) || failures.passesOver(bytes) else { return false }
        if ByteSearch.contains(bytes, KernelLogPrefilter.taint) { return false }
        if banner == nil, ByteSearch.contains(bytes, KernelLogPrefilter.linuxVersion) { return false }
        if ByteSearch.contains(bytes, Self.zoneLiteral) { return false }
        for index in patterns.indices where matchCounts[index] < Self.matchesPerPattern {
            if ByteSearch.contains(bytes, patterns[index].literal) { return false }
        }
        return true
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
        let literal: [UInt8]
        let regex: Regex<AnyRegexOutput>?

        /// The literal is searched in the raw bytes (memchr/memcmp): every line of a 2 GB log pays for it.
        func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Substring) -> Bool {
            guard ByteSearch.contains(bytes, literal) else { return false }
            guard let regex else { return true }
            return (try? regex.firstMatch(in: line)) != nil
        }
    }

    func compiled() -> Compiled? {
        guard !contains.isEmpty else { return nil }
        if let regex {
            guard let compiled = try? Regex(regex) else { return nil }
            return Compiled(rule: rule, literal: Array(contains.utf8), regex: compiled)
        }
        return Compiled(rule: rule, literal: Array(contains.utf8), regex: nil)
    }
}

enum ByteSearch {
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let base = haystack.baseAddress, !needle.isEmpty, haystack.count >= needle.count else { return false }
        // memchr to each candidate first byte, memcmp for the rest (memmem is not in every libc module).
        return needle.withUnsafeBufferPointer { pattern -> Bool in
            guard let patternBase = pattern.baseAddress else { return false }
            let first = Int32(pattern[0])
            var offset = 0
            let lastStart = haystack.count - pattern.count
            while offset <= lastStart {
                guard let hit = memchr(base + offset, first, lastStart - offset + 1) else { return false }
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, patternBase, pattern.count) == 0 { return true }
                offset = position + 1
            }
            return false
        }
    }
}
