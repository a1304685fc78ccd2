import Foundation

/// The project's shared reference data (`../shared` beside the clone, as CI lays it out).
enum SharedData {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `shared/real-sosreports`, or nil where this checkout has no shared folder beside it.
    static var realSosreports: URL? {
        let candidates = [
            packageRoot.deletingLastPathComponent().appendingPathComponent("shared/real-sosreports"),
            URL(fileURLWithPath: "/work/shared/real-sosreports"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("expected.json").path) }
    }

    static var samples: URL {
        packageRoot.appendingPathComponent("Samples")
    }
}
