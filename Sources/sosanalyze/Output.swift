import Foundation
import SOSAnalyzer
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

/// A progress bar on stderr, redrawn in place, only used on a terminal:
/// `[#########-----------]  5/11 reports  212.4/480.0 MiB  38.1 MiB/s  about 7 s left`.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private let width = 24

    private var lastDraw = Date.distantPast
    private var lastDone = -1

    /// Called after every member of every archive: redraws at most ten times a second, and
    /// whenever an input finishes.
    func update(_ progress: BatchProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard progress.done != lastDone || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        lastDone = progress.done
        Output.status("\u{1B}[2K\r" + Self.line(progress, elapsed: Date().timeIntervalSince(started), width: width))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        Output.status("\u{1B}[2K\r")
    }

    /// The text of one redraw; the bar follows bytes when sizes are known, else reports.
    static func line(_ progress: BatchProgress, elapsed: Double, width: Int) -> String {
        let fraction: Double
        if progress.bytesTotal > 0 {
            fraction = Double(progress.bytesDone) / Double(progress.bytesTotal)
        } else {
            fraction = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 1
        }
        let filled = max(0, min(width, Int((fraction * Double(width)).rounded(.down))))
        var text = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
        text += "  \(progress.done)/\(progress.total) reports"
        let megabyte = 1_048_576.0
        if progress.bytesTotal > 0 {
            text += String(format: "  %.1f/%.1f MiB", Double(progress.bytesDone) / megabyte, Double(progress.bytesTotal) / megabyte)
            if elapsed > 0.5, progress.bytesDone > 0 {
                let rate = Double(progress.bytesDone) / elapsed
                text += String(format: "  %.1f MiB/s", rate / megabyte)
                let left = Double(progress.bytesTotal - progress.bytesDone) / rate
                if progress.done < progress.total { text += "  about \(duration(left)) left" }
            }
        }
        return text
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}

func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(descriptor, buffer, count)
    #else
    return Darwin.write(descriptor, buffer, count)
    #endif
}
