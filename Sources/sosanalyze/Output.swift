import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to stdout and stderr the way a pipeline expects: a closed pipe (`| head`) ends the
/// program quietly with status 0 instead of a crash.
enum Output {
    static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    static func write(_ text: String) {
        writeAll(text, to: 1)
    }

    static func error(_ text: String) {
        writeAll(text + "\n", to: 2)
    }

    /// Text for stderr without a newline (a progress line redrawn with `\r`).
    static func status(_ text: String) {
        writeAll(text, to: 2)
    }

    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    fileprivate static func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// "reading 3/12 reports" on stderr, redrawn in place; only used on a terminal.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()

    func update(done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        Output.status("\u{1B}[2K\rreading reports: \(done)/\(total)")
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        Output.status("\u{1B}[2K\r")
    }
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(descriptor, buffer, count)
    #else
    return Darwin.write(descriptor, buffer, count)
    #endif
}
