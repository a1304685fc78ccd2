#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One streaming pass over an archive file (any supported format) or an extracted folder.
/// Not Sendable: use one reader per task.
///
/// ```swift
/// let reader = try ArchiveReader(path: "sosreport-host-2022-02-10-otnemqq.tar.xz")
/// let outcome = try reader.forEachMember { cursor in
///     if cursor.member.path == "sos_commands/kernel/uname_-a" { uname = try cursor.readAll().text }
/// }
/// outcome.index.resolve("uname")  // .member(sos_commands/kernel/uname_-a, via: ["uname"])
/// ```
public final class ArchiveReader {
    enum Source {
        case file
        case directory
        case nested(NestedFeed)
    }

    public let path: String
    public let format: ArchiveFormat
    let limits: ReadLimits
    private let source: Source
    private var activeHandle: LibArchiveReadHandle?
    private var activeXZ: XZBlockSource?
    /// Blocks of an `.xz` decoded and jumped over by the last pass (nil: libarchive
    /// decompressed the whole file itself).
    private(set) var xzBlocks: (decoded: Int, skipped: Int)?
    /// Off: libarchive decompresses an `.xz` itself (tests compare the two paths).
    var usesXZIndex = true
    /// The cores this reader may keep busy: a second thread (read-ahead, a big member's read
    /// thread) only when the budget has one to spare.
    public var cores: CoreBudget = .shared
    /// When an `.xz` is decoded on a second thread (tests pin it either way).
    /// `parallel`: the Blocks of a multi-Block `.xz` decoded on two threads at once (tests; a batch
    /// does it when cores are free).
    enum ReadAhead { case whenCoreFree, always, parallel, never }
    var readAhead = ReadAhead.whenCoreFree
    private var lastBytes: Int64 = 0

    /// Opens `path`: a file is sniffed by content (errors above for encrypted/zip/empty/unknown);
    /// a directory is read through the same interface.
    public init(path: String, limits: ReadLimits = ReadLimits()) throws(SOSArchiveError) {
        self.path = path
        self.limits = limits
        var info = stat()
        if stat(path, &info) != 0 { throw .cannotOpen(path: path, reason: errnoText()) }
        if UInt32(info.st_mode) & EntryFileType.mask == EntryFileType.directory {
            if access(path, R_OK | X_OK) != 0 { throw .cannotOpen(path: path, reason: errnoText()) }
            self.format = .directory
            self.source = .directory
            return
        }
        if let special = EntryFileType.special(UInt32(info.st_mode)) {
            throw .notAnArchive(path: path, detail: "\(special), not a regular file")
        }
        switch try FormatSniffer.sniff(fileAt: path) {
        case .archive(let format): self.format = format
        case .openPGP: throw .encrypted(path: path)
        case .zip: throw .zip(path: path)
        case .empty: throw .empty(path: path)
        case .unknown(let detail): throw .notAnArchive(path: path, detail: detail)
        }
        self.source = .file
    }

    init(nested feed: NestedFeed, path: String, format: ArchiveFormat, limits: ReadLimits) {
        self.path = path
        self.format = format
        self.limits = limits
        self.source = .nested(feed)
    }

    /// Compressed bytes consumed so far (for progress bars); for directories the bytes read.
    public var bytesConsumed: Int64 {
        if let activeXZ { return activeXZ.progressBytes }
        if let activeHandle { return activeHandle.compressedBytes }
        return lastBytes
    }

    /// Visits every member once, in archive order (directories: sorted walk). The visitor may read
    /// the member through the cursor; if it does not, the data is skipped cheaply
    /// (archive_read_data_skip). Throws only for errors thrown by `visit` or if the archive cannot be
    /// read at all (first header fails: notATar / damaged). A failure part way returns normally
    /// with `damage` set.
    public func forEachMember(_ visit: (inout MemberCursor) throws -> Void) throws -> ReadOutcome {
        switch source {
        case .directory:
            return try walkDirectory(visit)
        case .file:
            let handle = try makeHandle()
            if format == .tarXZ, usesXZIndex, let source = XZBlockSource(path: path) {
                activeXZ = source
                var ended = false
                // Decompression on a second thread when a core would otherwise idle.
                switch readAhead {
                case .whenCoreFree: source.borrowCoreForReadAhead(from: cores)
                case .always: source.startReadAhead()
                case .parallel: source.startBlockPool(threads: 2)
                case .never: break
                }
                defer {
                    source.stopReadAhead()
                    // libarchive stops at the tar's end marker, before the xz Index: then the file is done.
                    lastBytes = ended ? source.fileSize : source.progressBytes
                    xzBlocks = (source.blocksDecoded, source.blocksSkipped)
                    activeXZ = nil
                }
                guard handle.open(source: source) != .fatal else { throw firstHeaderError(handle, handle.errorMessage) }
                let outcome = try withExtendedLifetime(source) { try stream(handle, visit) }
                ended = outcome.damage == nil
                return outcome
            }
            guard handle.openFile(path) != .fatal else { throw firstHeaderError(handle, handle.errorMessage) }
            return try stream(handle, visit)
        case .nested(let feed):
            guard !feed.used else {
                throw SOSArchiveError.damaged(path: path, stage: "open", message: "a nested archive can be read only once, inside the visit of its outer member")
            }
            feed.used = true
            let handle = try makeHandle()
            feed.inner = handle
            let opened = handle.open(feed: feed)
            let outcome: ReadOutcome
            do {
                guard opened != .fatal else { throw firstHeaderError(handle, handle.errorMessage) }
                outcome = try stream(handle, visit)
            } catch {
                withExtendedLifetime(feed) {}
                throw error
            }
            withExtendedLifetime(feed) {}
            return outcome
        }
    }

    private func makeHandle() throws(SOSArchiveError) -> LibArchiveReadHandle {
        do {
            return try LibArchiveReadHandle()
        } catch {
            if case .damaged(_, let stage, let message) = error { throw .damaged(path: path, stage: stage, message: message) }
            throw error
        }
    }

    private func stream(_ handle: LibArchiveReadHandle, _ visit: (inout MemberCursor) throws -> Void) throws -> ReadOutcome {
        activeHandle = handle
        defer {
            lastBytes = handle.compressedBytes
            activeHandle = nil
        }
        let notes = NoteSink()
        var builder = MemberIndexBuilder(notes: notes)
        var damage: SOSArchiveError?
        var headers = 0
        var retries = 0
        loop: while true {
            let status = handle.nextHeader()
            switch status {
            case .eof:
                break loop
            case .retry:
                retries += 1
                if retries <= 3 { continue loop }
                fallthrough
            case .failed, .fatal:
                let message = handle.errorMessage
                if headers == 0 { throw firstHeaderError(handle, message) }
                damage = .damaged(path: path, stage: "next header after \(headers) members", message: message)
                break loop
            case .warn:
                notes.add(handle.entryPath, "libarchive warning: \(handle.errorMessage)")
            case .ok:
                break
            }
            retries = 0
            headers += 1
            guard let rawPath = handle.entryPath else {
                notes.add(nil, "member \(headers) has no readable name: skipped")
                continue
            }
            let (kind, linkTarget) = Self.kind(of: handle)
            let size = kind == .file ? handle.entrySize : 0
            guard case .member(let member) = builder.place(rawPath: rawPath, kind: kind, size: size, rawLinkTarget: linkTarget) else {
                continue
            }
            if kind == .special { notes.add(member.path, "special file (device, FIFO or socket) skipped") }
            let body = MemberBody(origin: kind == .file ? .archive(handle) : .none, member: member, readerPath: path)
            var cursor = MemberCursor(member: member, body: body, limits: limits, notes: notes, cores: cores)
            do {
                try visit(&cursor)
            } catch {
                body.finish()
                // Once the outer stream broke, whatever the visitor threw (its own error, or a nested
                // reader's) follows from that break: report the damage, not the symptom.
                guard body.failure != nil else { throw error }
            }
            body.finish()
            if let failure = body.failure {
                damage = failure
                break loop
            }
            if kind == .file, handle.skipData() == .fatal {
                damage = .damaged(path: path, stage: "read data of \(member.path)", message: handle.errorMessage)
                break loop
            }
        }
        return ReadOutcome(index: builder.build(), notes: notes.notes, damage: damage)
    }

    private func firstHeaderError(_ handle: LibArchiveReadHandle, _ message: String) -> SOSArchiveError {
        if message.lowercased().contains("unrecognized archive format") {
            let filter = handle.filterName ?? format.rawValue
            return .notATar(path: path, detail: "\(filter) data that is not a tar archive")
        }
        return .damaged(path: path, stage: "first header", message: message)
    }

    private static func kind(of handle: LibArchiveReadHandle) -> (MemberKind, String?) {
        if let hardlink = handle.entryHardlink { return (.hardlink, hardlink) }
        switch handle.entryFileType {
        case EntryFileType.regular: return (.file, nil)
        case EntryFileType.directory: return (.directory, nil)
        case EntryFileType.symlink: return (.symlink, handle.entrySymlink ?? "")
        default: return (.special, nil)
        }
    }

    // MARK: Extracted folders

    private func walkDirectory(_ visit: (inout MemberCursor) throws -> Void) throws -> ReadOutcome {
        let notes = NoteSink()
        var members: [Member] = []
        var bytes: Int64 = 0
        defer { lastBytes = bytes }
        let walker = DirectoryWalker(root: path, notes: notes)
        try walker.walk { member, fullPath in
            members.append(member)
            let body = MemberBody(origin: member.kind == .file ? .file(fullPath) : .none, member: member, readerPath: path)
            var cursor = MemberCursor(member: member, body: body, limits: limits, notes: notes, cores: cores)
            do {
                try visit(&cursor)
            } catch {
                body.finish()
                bytes += body.bytesRead
                lastBytes = bytes
                guard let failure = body.failure, (error as? SOSArchiveError) == failure else { throw error }
            }
            body.finish()
            bytes += body.bytesRead
            lastBytes = bytes
            // One unreadable file in a folder is not damage to the rest.
            if let failure = body.failure { notes.add(member.path, "not read: \(failure)") }
        }
        return ReadOutcome(index: MemberIndex(members: members, topFolder: nil), notes: notes.notes, damage: nil)
    }
}
