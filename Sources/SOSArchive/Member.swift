/// What kind of entry a member is. Devices, FIFOs and sockets are `.special` and never read.
public enum MemberKind: String, Sendable, Codable, Hashable { case file, directory, symlink, hardlink, special }

/// One entry of a report, archive or folder alike.
public struct Member: Sendable, Hashable {
    /// Path relative to the report root: top folder stripped, no leading "./" or "/", no "//", no trailing "/".
    public let path: String
    public let kind: MemberKind
    /// Size in bytes as recorded in the header (0 for directories, links and hard links in a tar).
    public let size: Int64
    /// Symlink: the raw target as stored. Hardlink: the report-relative path of the linked member.
    public let linkTarget: String?

    public init(path: String, kind: MemberKind, size: Int64, linkTarget: String? = nil) {
        self.path = path
        self.kind = kind
        self.size = size
        self.linkTarget = linkTarget
    }
}
