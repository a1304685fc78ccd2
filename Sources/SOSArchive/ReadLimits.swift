/// Caps that keep memory bounded whatever an archive holds.
public struct ReadLimits: Sendable {
    /// Cap for ``MemberCursor/readAll()``; past it the data is cut and noted. The largest real
    /// files read whole (an `installed-rpms` list, `modinfo` of every module) stay under 2 MiB.
    public var wholeMemberBytes: Int = 8 << 20
    /// Longer lines are cut to this (the rest of the line is skipped) by ``MemberCursor/forEachLine(_:)``.
    public var lineBytes: Int = 16 << 10
    /// Bytes of whole members one report may keep in memory at once, whatever their number: a
    /// glob such as `ethtool_-i_*` can match thousands of members in a hostile archive.
    public var keptBytesPerReport: Int = 32 << 20

    public init(wholeMemberBytes: Int = 8 << 20, lineBytes: Int = 16 << 10, keptBytesPerReport: Int = 32 << 20) {
        self.wholeMemberBytes = wholeMemberBytes
        self.lineBytes = lineBytes
        self.keptBytesPerReport = keptBytesPerReport
    }
}

/// "32 MiB", "16 KiB", "100 bytes": sizes as notes show them.
func describeByteCount(_ count: Int) -> String {
    if count >= 1 << 20 && count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
    if count >= 1 << 10 && count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
    return count == 1 ? "1 byte" : "\(count) bytes"
}
