import Foundation

/// The sos version recorded in `sos_reports/manifest.json` (sos 4.x), for reports whose
/// `version.txt` is missing.
///
/// ```json
/// {"version": "4.2", "cmdline": "sos report --batch", ...}
/// ```
/// yields `("4.2", line 1)`.
enum ManifestVersion {
    static func version(inManifest text: String) -> (value: String, line: Int)? {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let version = object["version"] as? String, !version.isEmpty
        else { return nil }
        let line = TextLines(text).first { $0.text.contains("\"version\"") }?.number ?? 1
        return (version, line)
    }
}
