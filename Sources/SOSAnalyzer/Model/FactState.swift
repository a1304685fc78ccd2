/// Why a fact has no value, or why its value may be partial. Never silent: a report says
/// which of these applies to every fact it could not fill.
public enum FactState: String, Sendable, Codable, Hashable {
    /// None of the places sos puts this fact exist in the report.
    case notCollected = "not collected"
    /// The member exists but holds nothing (a 0-byte /proc file, an empty command output).
    case empty
    /// sos cut the file to its size limit (the member is a `.tailed` copy in `sos_strings/`).
    case truncatedBySos = "truncated by sos"
    /// The member exists but its content could not be read as expected (see `problems`).
    case unreadable = "could not be parsed"
}
