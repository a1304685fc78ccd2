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
            let got = handle.readData(into: buffer, count: count)
            if got < 0 {
                throw fail(.damaged(path: readerPath, stage: "read data of \(member.path)", message: handle.errorMessage))
            }
            bytesRead += Int64(got)
            return got
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

    private func fail(_ error: SOSArchiveError) -> SOSArchiveError {
        failure = error
        return error
    }
}

/// `read(2)`, named apart from the `read(into:count:)` methods around it.
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
