import Foundation
@testable import SOSAnalyzer

/// An extracted-report folder written file by file, for tests that need a report holding only
/// the members they are about. Removed by `remove()`.
struct FolderReport {
    let root: URL

    init(_ label: String, sosVersion: String = "4.2") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try write("version.txt", "sosreport: \(sosVersion)\n")
    }

    func write(_ member: String, _ text: String) throws {
        let url = root.appendingPathComponent(member)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func link(_ member: String, to target: String) throws {
        let url = root.appendingPathComponent(member)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func read() -> Report? {
        ReportReader.read(path: root.path).reports.first
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
