#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a cursor's bytes come from: the current libarchive entry, or a file of a folder.
/// Lives for one visit; `finish()` ends it so a cursor kept past its visit reads nothing.
final class MemberBody {
    enum Origin {
        case archive(LibArchiveReadHandle)
        case file(String)
        case none
    }

    let origin: Origin
    let member: Member
    let readerPath: String
    /// Set on a read failure, so the reader can tell it from the visitor's own errors.
    private(set) var failure: SOSArchiveError?
    private var fd: Int32 = -1
    private var valid = true
    private(set) var bytesRead: Int64 = 0
    /// The rest of the block libarchive last handed over (valid until the next libarchive call).
    private var block = UnsafeRawBufferPointer(start: nil, count: 0)
    private var holeEnd: Int64 = 0
    private var atEnd = false

    init(origin: Origin, member: Member, readerPath: String) {
        self.origin = origin
        self.member = member
        self.readerPath = readerPath
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    func finish() {
        valid = false
        if fd >= 0 {
            close(fd)
            fd = -1
        }
    }

    /// Up to `count` bytes into `buffer`; 0 at the end of the member.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(SOSArchiveError) -> Int {
        if let failure { throw failure }
        guard valid else {
            throw fail(.damaged(path: readerPath, stage: "read data", message: "member \(member.path) read outside its visit"))
        }
        guard member.kind == .file else { return 0 }
        switch origin {
        case .none:
            return 0
        case .archive(let handle):
            while true {
                if holeEnd > bytesRead {
                    // Sparse tar members: holes read as zeros, as they would on disk.
                    let zeros = Int(min(Int64(count), holeEnd - bytesRead))
                    buffer.initializeMemory(as: UInt8.self, repeating: 0, count: zeros)
                    bytesRead += Int64(zeros)
                    return zeros
                }
                if !block.isEmpty {
                    let taken = min(count, block.count)
                    if let base = block.baseAddress { buffer.copyMemory(from: base, byteCount: taken) }
                    block = UnsafeRawBufferPointer(rebasing: block[taken...])
                    bytesRead += Int64(taken)
                    return taken
                }
                if atEnd { return 0 }
                try refill(handle)
            }
        case .file(let path):
            if fd < 0 {
                fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
                if fd < 0 { throw fail(.cannotOpen(path: path, reason: errnoText())) }
            }
            while true {
                let got = systemRead(fd, buffer, count)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw fail(.cannotOpen(path: path, reason: errnoText()))
                }
                bytesRead += Int64(got)
                return got
            }
        }
    }

    /// The next piece of the member's data, without copying where it can: the rest of libarchive's
    /// current block (valid until the next call), else bytes put into `scratch` (a sparse hole's
    /// zeros, a folder's file). Empty at the end of the member.
    func nextPiece(scratch: UnsafeMutableRawBufferPointer) throws(SOSArchiveError) -> UnsafeRawBufferPointer {
        guard case .archive(let handle) = origin, valid, failure == nil, member.kind == .file else {
            guard let base = scratch.baseAddress else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            return UnsafeRawBufferPointer(start: base, count: try read(into: base, count: scratch.count))
        }
        while true {
            if holeEnd > bytesRead || atEnd {
                guard let base = scratch.baseAddress else { return UnsafeRawBufferPointer(start: nil, count: 0) }
                return UnsafeRawBufferPointer(start: base, count: try read(into: base, count: scratch.count))
            }
            if !block.isEmpty {
                let piece = block
                block = UnsafeRawBufferPointer(start: nil, count: 0)
                bytesRead += Int64(piece.count)
                return piece
            }
            try refill(handle)
        }
    }

    /// Asks libarchive for the member's next block; notes a hole before it or the member's end.
    private func refill(_ handle: LibArchiveReadHandle) throws(SOSArchiveError) {
        let next = handle.readDataBlock()
        switch next.status {
        case .ok, .warn:
            block = next.block
            if next.offset > bytesRead { holeEnd = next.offset }
        case .eof:
            atEnd = true
            if member.size > bytesRead { holeEnd = member.size }  // a sparse member can end in a hole
        case .retry, .failed, .fatal:
            throw fail(.damaged(path: readerPath, stage: "read data of \(member.path)", message: handle.errorMessage))
        }
    }

    private func fail(_ error: SOSArchiveError) -> SOSArchiveError {
        failure = error
        return error
    }
}

/// `read(2)`, named apart from the `read(into:count:)` methods around it.
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
