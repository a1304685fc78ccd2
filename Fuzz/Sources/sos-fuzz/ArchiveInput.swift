import Foundation
import SOSAnalyzer
import SOSArchive

/// The archive target: the fuzzer's bytes become a file, read the way `sosanalyze` reads an
/// input (sniff, stream every member, assemble, render as `inspect` and `summarize` do), then
/// once more through a raw cursor pass with tiny caps so the line and whole-member limits are
/// crossed on every input.
enum ArchiveInput {
    /// One file per process, rewritten for each input; libFuzzer runs inputs one at a time.
    nonisolated(unsafe) static var path: String = {
        let folder = ProcessInfo.processInfo.environment["SOS_FUZZ_TMPDIR"] ?? NSTemporaryDirectory()
        return (folder as NSString).appendingPathComponent("sos-fuzz-\(getpid()).input")
    }()

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        write(bytes)
        let outcome = ReportReader.read(path: path)
        for report in outcome.reports {
            consume(try? JSONRendering.render(report))
            consume(TextReportRenderer.render(report))
        }
        consume(outcome.problems)
        // What `summarize` prints: findings, correlation, the case summary, and its JSON.
        let batch = BatchOutcome(reports: outcome.reports, problems: outcome.problems, inputCount: 1)
        consume(MarkdownSummaryRenderer.render(batch))
        consume(try? JSONRendering.render(BatchDocument(batch)))

        let small = ReadLimits(wholeMemberBytes: 300, lineBytes: 40)
        guard let reader = try? ArchiveReader(path: path, limits: small) else { return }
        var visits = 0
        let pass = try? reader.forEachMember { cursor in
            visits += 1
            switch visits % 3 {
            case 0: consume(try cursor.readAll())
            case 1: try cursor.forEachLine { line, number in consume((line.count, number)) }
            default: break  // left for the reader to skip
            }
        }
        if let pass {
            for path in pass.index.allPaths.prefix(64) { consume(pass.index.resolve(path)) }
            consume(pass.index.paths(matching: "sos_commands/*/*"))
            consume(pass.notes)
        }
    }

    /// Overwrites the input file in place. `FileManager.createFile` wrote a temporary file, fsynced
    /// it and renamed it over this one for every input: a disk flush per input, for a file that
    /// only this process reads.
    private static func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot write \(path): errno \(errno)") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { fatalError("cannot write \(path): errno \(errno)") }
            offset += written
        }
    }
}
