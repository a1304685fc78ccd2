/// Something worth telling the user that did not stop the read.
public struct ArchiveNote: Sendable, Equatable, Codable {
    /// The member it is about (report-relative path), nil for the archive as a whole.
    public var member: String?
    /// e.g. "read cap of 8 MiB hit: kept the first 8 MiB", "unsafe member path '../x' skipped".
    public var message: String

    public init(member: String?, message: String) {
        self.member = member
        self.message = message
    }
}

/// Collects notes during one pass; shared by the reader and its cursors.
final class NoteSink {
    var notes: [ArchiveNote] = []
    func add(_ member: String?, _ message: String) {
        notes.append(ArchiveNote(member: member, message: message))
    }
}
