#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Access to the data of the member being visited. Only valid inside the visit call; the data
/// streams once, so a second read of the same member continues where the first stopped.
public struct MemberCursor {
    public let member: Member
    let body: MemberBody
    let limits: ReadLimits
    let notes: NoteSink
    let cores: CoreBudget

    /// Bytes pulled from the stream per read call.
    static let chunkBytes = 64 << 10
    /// Members at least this big are read on a second thread while the caller scans.
    static let pipelineBytes: Int64 = 4 << 20
    static let pipelineChunkBytes = 256 << 10

    init(member: Member, body: MemberBody, limits: ReadLimits, notes: NoteSink, cores: CoreBudget = .shared) {
        self.member = member
        self.cores = cores
        self.body = body
        self.limits = limits
        self.notes = notes
    }

    /// Reads the whole member up to limits.wholeMemberBytes (then truncated = true, a note is added).
    public mutating func readAll() throws -> MemberData {
        try readAll(upTo: limits.wholeMemberBytes)
    }

    /// Reads the whole member up to `cap` bytes (then truncated = true, a note is added): for a
    /// caller that shares one budget among many members.
    public mutating func readAll(upTo cap: Int) throws -> MemberData {
        let cap = max(0, cap)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(min(Int64(cap), max(0, member.size))))
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkBytes, alignment: 1)
        defer { chunk.deallocate() }
        guard let base = chunk.baseAddress else { return MemberData(bytes: [], truncated: false) }
        var truncated = false
        while true {
            let got = try body.read(into: base, count: Self.chunkBytes)
            if got == 0 { break }
            let room = cap - bytes.count
            let kept = min(got, room)
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: base, count: kept).bindMemory(to: UInt8.self))
            if got > room {
                truncated = true
                break
            }
        }
        if truncated {
            let size = describeByteCount(cap)
            notes.add(member.path, "read cap of \(size) hit: kept the first \(size)")
        }
        return MemberData(bytes: bytes, truncated: truncated)
    }

    /// Streams the member line by line (split on \n; the \n is not included; a trailing \r IS kept,
    /// callers strip it). Lines longer than limits.lineBytes are cut (noted once per member).
    /// `body` gets the line bytes and its 1-based number. Lines are handed over where they lie in
    /// libarchive's buffer; only a line split between two blocks is copied. Memory stays bounded
    /// whatever the size: one 64 KiB chunk (four 256 KiB chunks for members of 4 MiB and more,
    /// read on a second thread when a core is free) and one line buffer, all reused.
    ///
    /// `passingOver`, when given, is asked at each line start inside a chunk how many whole lines
    /// from there need no visit: it gets the chunk's bytes from that line on and `limits.lineBytes`,
    /// and answers in bytes and lines (each ending with a newline inside what it got, none longer
    /// than that limit); those lines are counted and not handed to `body`. A log scan that drops
    /// most lines unseen answers for many lines at once on the whole chunk, instead of once a line.
    public mutating func forEachLine(
        passingOver: ((UnsafeBufferPointer<UInt8>, _ lineLimit: Int) -> (bytes: Int, lines: Int))? = nil,
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) throws {
        let lineCap = max(1, limits.lineBytes)
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Self.chunkBytes)
        defer { chunk.deallocate() }
        let carry = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: lineCap)
        defer { carry.deallocate() }
        guard let ownChunk = chunk.baseAddress, let carryBase = carry.baseAddress else { return }
        var carried = 0        // bytes of the current line held in `carry`
        var cutting = false    // the current line hit lineCap: drop bytes up to its \n
        var lineNumber = 0
        var cutLines = 0

        func append(_ start: UnsafePointer<UInt8>, _ length: Int) {
            let room = lineCap - carried
            let kept = min(length, room)
            (carryBase + carried).update(from: start, count: kept)
            carried += kept
            if length > room {
                cutting = true
                cutLines += 1
            }
        }

        // Big members are read on a second thread while this one scans (see ChunkPipeline), when
        // a core is free for it (see CoreBudget).
        let spareCore = member.size >= Self.pipelineBytes && cores.takeSpare()
        let pipeline = spareCore ? ChunkPipeline(body: self.body, chunkBytes: Self.pipelineChunkBytes) : nil
        pipeline?.start()
        defer {
            pipeline?.stop()
            if spareCore { cores.giveBack() }
        }

        while true {
            let chunkBase: UnsafePointer<UInt8>
            let got: Int
            if let pipeline {
                guard let next = try pipeline.next(), let base = next.baseAddress else { break }
                chunkBase = UnsafePointer(base.assumingMemoryBound(to: UInt8.self))
                got = next.count
            } else {
                // libarchive's own block where it can: the lines are scanned where they lie.
                let piece = try self.body.nextPiece(scratch: UnsafeMutableRawBufferPointer(start: ownChunk, count: Self.chunkBytes))
                guard let base = piece.baseAddress, piece.count > 0 else { break }
                chunkBase = base.assumingMemoryBound(to: UInt8.self)
                got = piece.count
            }
            var offset = 0
            while offset < got {
                if let passingOver, carried == 0, !cutting {
                    let passed = passingOver(UnsafeBufferPointer(start: chunkBase + offset, count: got - offset), lineCap)
                    offset += passed.bytes
                    lineNumber += passed.lines
                    if offset >= got { break }
                }
                let start = chunkBase + offset
                let rest = got - offset
                guard let found = memchr(start, 0x0A, rest) else {
                    if !cutting { append(start, rest) }
                    break
                }
                let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                let length = newline - start
                lineNumber += 1
                if cutting {
                    try body(UnsafeBufferPointer(start: carryBase, count: carried), lineNumber)
                } else if carried == 0 {
                    // Whole line inside this chunk: hand it over without copying.
                    if length > lineCap { cutLines += 1 }
                    try body(UnsafeBufferPointer(start: start, count: min(length, lineCap)), lineNumber)
                } else {
                    append(start, length)
                    try body(UnsafeBufferPointer(start: carryBase, count: carried), lineNumber)
                }
                carried = 0
                cutting = false
                offset += length + 1
            }
        }
        if carried > 0 || cutting {
            lineNumber += 1
            try body(UnsafeBufferPointer(start: carryBase, count: carried), lineNumber)
        }
        if cutLines > 0 {
            let what = cutLines == 1 ? "1 line longer than" : "\(cutLines) lines longer than"
            notes.add(member.path, "\(what) \(describeByteCount(lineCap)) \(cutLines == 1 ? "was" : "were") cut")
        }
    }

    /// Opens this member's data as a nested archive (a `sos collect` bundle holds sosreport
    /// tarballs), streamed from the outer archive: nothing written to disk. The returned reader's
    /// `path` is "<outer path>/<member path>" and it can run forEachMember once, inside this visit.
    public mutating func openNested() throws(SOSArchiveError) -> ArchiveReader {
        let nestedPath = body.readerPath + "/" + member.path
        guard member.kind == .file else {
            throw .notAnArchive(path: nestedPath, detail: "a \(member.kind.rawValue), not a file")
        }
        let feed = NestedFeed(body: body)
        let prefix = try feed.fillPrefix(FormatSniffer.prefixLength)
        switch FormatSniffer.sniff(prefix) {
        case .archive(let format):
            let nested = ArchiveReader(nested: feed, path: nestedPath, format: format, limits: limits)
            nested.cores = cores
            return nested
        case .openPGP: throw .encrypted(path: nestedPath)
        case .zip: throw .zip(path: nestedPath)
        case .empty: throw .empty(path: nestedPath)
        case .unknown(let detail): throw .notAnArchive(path: nestedPath, detail: detail)
        }
    }
}
