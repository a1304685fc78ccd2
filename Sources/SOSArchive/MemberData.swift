/// The bytes of one member, as read by ``MemberCursor/readAll()``.
public struct MemberData: Sendable {
    public let bytes: [UInt8]
    /// True when ``ReadLimits/wholeMemberBytes`` cut the data.
    public let truncated: Bool

    public init(bytes: [UInt8], truncated: Bool) {
        self.bytes = bytes
        self.truncated = truncated
    }

    /// UTF-8 decode; invalid bytes become U+FFFD, so a parser always gets text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// The result of one pass.
public struct ReadOutcome: Sendable {
    public let index: MemberIndex
    public let notes: [ArchiveNote]
    /// Set when the stream broke part way (truncated/corrupt): members read before it are in `index`.
    public let damage: SOSArchiveError?

    public init(index: MemberIndex, notes: [ArchiveNote], damage: SOSArchiveError?) {
        self.index = index
        self.notes = notes
        self.damage = damage
    }
}
