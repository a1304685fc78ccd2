import Foundation
import SOSAnalyzer
import SOSArchive

extension CaseIndex {
    /// The "Seen before" answer for a summary: indexed cases like the summarized reports, leaving
    /// out any case that holds one of them already, found by the SHA-256 of each report's archive
    /// or folder (hashed again here; a report inside a collect bundle by the bundle's digest, an
    /// archive that is no longer where the report says by none).
    public func seenBefore(_ reports: [Report], top: Int = 5) throws -> SimilarCases {
        var digests: [String: String] = [:]
        let records = reports.map { report -> ReportRecord in
            let input = Self.inputPath(of: report.source.path)
            if digests[input] == nil, let digest = try? ContentDigest.sha256(ofInputAt: input) { digests[input] = digest }
            return ReportRecord(report: report, sha256: digests[input], input: input)
        }
        return try similar(to: records, query: "this summary", top: top)
    }

    /// `bundle.tar.xz/inner.tar.xz` was read from the file `bundle.tar.xz`.
    static func inputPath(of path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path) { return path }
        guard let slash = path.lastIndex(of: "/") else { return path }
        let parent = String(path[..<slash])
        if FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), !isDirectory.boolValue { return parent }
        return path
    }
}
