import Foundation
import SOSAnalyzer
import SOSArchive

/// The archive target: the fuzzer's bytes become a file, read the way `sosanalyze` reads an
/// input (sniff, stream every member, assemble, render), then once more through a raw cursor pass
/// with tiny caps so the line and whole-member limits are crossed on every input.
enum ArchiveInput {
    /// One file per process, rewritten for each input; libFuzzer runs inputs one at a time.
    nonisolated(unsafe) static var path: String = {
        let folder = ProcessInfo.processInfo.environment["SOS_FUZZ_TMPDIR"] ?? NSTemporaryDirectory()
        return (folder as NSString).appendingPathComponent("sos-fuzz-\(getpid()).input")
    }()

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let data = Data(buffer: bytes)
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            fatalError("cannot write \(path)")
        }
        let outcome = ReportReader.read(path: path)
        for report in outcome.reports {
            consume(try? JSONRendering.render(report))
            consume(TextReportRenderer.render(report))
        }
        consume(outcome.problems)

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
}
