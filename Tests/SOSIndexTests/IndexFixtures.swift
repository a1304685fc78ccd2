import Foundation
import SOSAnalyzer
import SOSArchive

/// Records of the Samples fleet and the real reports, read once per test process.
enum IndexFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = packageRoot.appendingPathComponent("Samples").path

    /// `shared/real-sosreports`, or nil where this checkout has no shared folder beside it.
    static var realSosreports: String? {
        [packageRoot.deletingLastPathComponent().appendingPathComponent("shared/real-sosreports").path, "/work/shared/real-sosreports"]
            .first { FileManager.default.fileExists(atPath: $0 + "/expected.json") }
    }

    static func records(_ folder: String) -> [ReportRecord] {
        InputDiscovery.discover([folder]).inputs.flatMap { RecordStream.records(for: $0) }
    }

    static let sampleRecords: [ReportRecord] = records(samples)

    static func sample(_ host: String) -> ReportRecord? {
        sampleRecords.first { $0.report?.hostname?.hasPrefix(host + ".") == true }
    }

    /// A copy that the index takes for another archive (another digest).
    static func rekeyed(_ record: ReportRecord, _ number: Int) -> ReportRecord {
        var copy = record
        copy.sha256 = String(repeating: "0", count: 56) + String(format: "%08x", number)
        return copy
    }
}

/// A fresh folder for an index file, removed when the test's scope ends.
final class IndexFolder {
    let url: URL
    var indexPath: String { url.appendingPathComponent("index.sqlite").path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sosindex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
