import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `summarize` writes its pieces as they come: standard output, or the `-o` file, written
/// under a temporary name beside it and renamed over it when whole (a reader never sees half a
/// summary, and a failed run leaves the old file as it was).
///
/// ```swift
/// let target = try OutputTarget(path: "case.md")   // writes case.md.sosanalyze-<pid> ...
/// try target.write("# Case summary: 11 sosreports\n")
/// try target.finish()                               // ... then renames it to case.md
/// ```
final class OutputTarget {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "\(path): cannot write the summary: \(message)" }
    }

    private let path: String?
    private let temporary: String?
    private var descriptor: Int32

    /// Standard output for nil.
    init(path: String?) throws(Failure) {
        self.path = path
        guard let path else {
            temporary = nil
            descriptor = 1
            return
        }
        let temporary = path + ".sosanalyze-\(getpid())"
        // 0666 less the umask, as a file written by String.write(toFile:) gets.
        let opened = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard opened >= 0 else { throw Failure(path: path, message: String(cString: strerror(errno))) }
        self.temporary = temporary
        descriptor = opened
    }

    func write(_ text: String) throws(Failure) {
        guard let path else {
            Output.write(text)
            return
        }
        var failure: Int32 = 0
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var done = 0
            while done < bytes.count {
                let written = systemWrite(descriptor, base + done, bytes.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += written
            }
        }
        if failure != 0 { throw Failure(path: path, message: String(cString: strerror(failure))) }
    }

    /// Renames the file into place (nothing to do for standard output).
    func finish() throws(Failure) {
        guard let path, let temporary else { return }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0, rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, message: message)
        }
    }

    /// Removes the unfinished file.
    func abandon() {
        guard let temporary, descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary)
    }
}
