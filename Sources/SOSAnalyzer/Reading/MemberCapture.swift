import SOSArchive

/// The state of one streaming pass over a report: which members were kept whole, what the
/// kernel logs yielded, and the reports found in nested archives (a `sos collect` bundle).
struct MemberCapture {
    enum Mode {
        /// First pass: everything the fact catalog names.
        case catalog
        /// A later pass for link targets the first pass had already streamed past.
        case only(Set<String>)
    }

    let mode: Mode
    let options: ReadOptions
    private(set) var files: [String: MemberData] = [:]
    private(set) var logScans: [KernelLogScan] = []
    /// The boot log's DMI and network-driver lines, for facts whose own files are missing.
    private(set) var bootLines = BootLogLines()
    private(set) var nested = InputOutcome()
    /// Compressed log rotations that could not be decompressed, with the reason.
    private(set) var unreadableLogs: [(member: String, reason: String)] = []
    /// Built at the first log the pass scans: a later pass for link targets scans none.
    private lazy var logRules = KernelLogScan.Rules(options.knownIssues.logPatterns)
    /// Whole members not read because `ReadLimits.keptBytesPerReport` was spent.
    private(set) var overBudget: [String] = []
    private var keptBytes = 0

    /// False inside a bundle's inner archive: bundles hold reports, reports hold no bundles.
    let opensInnerArchives: Bool

    init(mode: Mode, options: ReadOptions, opensInnerArchives: Bool = true) {
        self.mode = mode
        self.options = options
        self.opensInnerArchives = opensInnerArchives
    }

    mutating func visit(_ cursor: inout MemberCursor) throws {
        let member = cursor.member
        guard member.kind == .file else { return }
        switch mode {
        case .only(let paths):
            if paths.contains(member.path) { try keep(&cursor) }
        case .catalog:
            if BundledReport.isInnerArchive(member.path) {
                if opensInnerArchives { readNested(&cursor) }
            } else if FactCatalog.kernelLogs.wants(member.path) {
                var scan = KernelLogScan(member: member.path, rules: logRules)
                if BundledReport.isCompressedLog(member.path) {
                    do {
                        try cursor.forEachDecompressedLine(passingOver: { scan.passOver($0, lineLimit: $1) }) { bytes, number in
                            scan.feed(bytes, number: number)
                        }
                    } catch let error as SOSArchiveError {
                        // A broken rotation costs that file, not the report.
                        unreadableLogs.append((member.path, error.description))
                    }
                } else if BootLogLines.bootLogs.contains(member.path) {
                    var boot = bootLines
                    try cursor.forEachLine { bytes, number in
                        scan.feed(bytes, number: number)
                        boot.feed(bytes, number: number, member: member.path)
                    }
                    bootLines = boot
                } else {
                    try cursor.forEachLine(passingOver: { scan.passOver($0, lineLimit: $1) }) { bytes, number in
                        scan.feed(bytes, number: number)
                    }
                }
                logScans.append(scan)
            } else if FactCatalog.wholeFilePlaces.matches(member.path) {
                try keep(&cursor)
            }
        }
    }

    /// Reads a whole member within what is left of the report's budget.
    private mutating func keep(_ cursor: inout MemberCursor) throws {
        let room = options.limits.keptBytesPerReport - keptBytes
        guard room > 0 else {
            overBudget.append(cursor.member.path)
            return
        }
        let data = try cursor.readAll(upTo: min(options.limits.wholeMemberBytes, room))
        keptBytes += data.bytes.count
        files[cursor.member.path] = data
    }

    private mutating func readNested(_ cursor: inout MemberCursor) {
        do {
            let inner = try cursor.openNested()
            let outcome = ReportReader.read(inner, reopen: nil, options: options, nested: true)
            nested.reports += outcome.reports
            nested.problems += outcome.problems
        } catch {
            // The error names "<bundle>/<inner archive>"; so does the problem, like any input's.
            nested.problems.append(InputProblem(path: error.path, error: error.description))
        }
    }
}

/// How a bundle names the reports it holds: a `sos collect` bundle at its top, a pbench result
/// tarball under `<run>/sysinfo/{beg,end}/<host>/` (one from the start and one from the end of
/// the run) or `<run>/<iteration>/sysinfo/`, a support portal's download of a case anywhere.
enum BundledReport {
    /// Folders above an inner archive: pbench's `<run>/<iteration>/<sample>/sysinfo/end/<host>/`.
    static let maxFolders = 6

    /// `sosreport-node1-2024-01-10-abcdefg.tar.xz` at most `maxFolders` folders deep, e.g.
    /// `pbench_userbenchmark_example_2019.07.18T12.00.00/sysinfo/end/hostname/sosreport-localhost-localhost-pbench-2019-06-10-mrqgzbh.tar.xz`.
    static func isInnerArchive(_ path: String) -> Bool {
        // Called for every member. A name that ends with one of the suffixes ends with its last
        // byte (or the path with a "/" that the split below drops): most members fail here.
        switch path.utf8.last {
        case UInt8(ascii: "r"), UInt8(ascii: "z"), UInt8(ascii: "2"), UInt8(ascii: "t"), UInt8(ascii: "g"), UInt8(ascii: "/"): break
        default: return false
        }
        // Most of the rest are deeper than one folder, told on the bytes of an ASCII path (other
        // paths take the character split below, which is the definition).
        var parts = 0
        var ascii = true
        var previous = UInt8(ascii: "/")
        for byte in path.utf8 {
            if byte != UInt8(ascii: "/") && previous == UInt8(ascii: "/") { parts += 1 }
            if byte >= 0x80 { ascii = false }
            previous = byte
        }
        if ascii {
            // One character is one byte here: the last component's bytes say what the split says.
            guard parts <= maxFolders + 1 else { return false }
            var path = path
            return path.withUTF8 { bytes in
                var end = bytes.count
                while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
                var start = end
                while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
                let name = UnsafeBufferPointer(rebasing: bytes[start..<end])
                guard name.starts(with: "sosreport-".utf8) || name.starts(with: "secured-sosreport-".utf8) else { return false }
                return archiveSuffixes.contains { suffix in
                    name.count >= suffix.utf8.count && name.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
                }
            }
        }
        let components = path.split(separator: "/")
        guard components.count <= maxFolders + 1, let name = components.last else { return false }
        guard name.hasPrefix("sosreport-") || name.hasPrefix("secured-sosreport-") else { return false }
        return archiveSuffixes.contains { name.hasSuffix($0) }
    }

    private static let archiveSuffixes = [".tar", ".tar.xz", ".tar.gz", ".tar.bz2", ".tar.zst", ".tgz", ".gpg"]

    /// Rotated logs that sos copied compressed: streamed through their decompressor.
    static func isCompressedLog(_ path: String) -> Bool {
        [".gz", ".xz", ".bz2", ".zst"].contains { path.hasSuffix($0) }
    }
}
