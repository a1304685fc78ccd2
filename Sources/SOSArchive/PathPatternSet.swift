/// Many ``PathPattern``s asked about every member of an archive at once: the literal paths by one
/// hash lookup, the globs one by one.
///
/// A sosreport holds 10,000-30,000 members and the fact catalog names about a hundred places;
/// comparing each member's path with every literal cost more than the lookup.
///
/// ```swift
/// let set = PathPatternSet(["proc/meminfo", "sys/module/*/taint"].map(PathPattern.init))
/// set.matches("sys/module/mlx4_en/taint")   // true
/// set.matches("proc/cpuinfo")               // false
/// ```
public struct PathPatternSet: Sendable {
    private let literals: Set<String>
    /// Every glob's bytes one after another (`globRanges` says where each is): asked for every
    /// member, a loop over `PathPattern` values retained and released each one's storage per path.
    private let globBytes: [UInt8]
    private let globRanges: [Range<Int>]

    public init(_ patterns: [PathPattern]) {
        literals = Set(patterns.filter(\.isLiteral).map(\.text))
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for pattern in patterns where !pattern.isLiteral {
            let start = bytes.count
            bytes += pattern.text.utf8
            ranges.append(start..<bytes.count)
        }
        globBytes = bytes
        globRanges = ranges
    }

    /// True when any pattern matches `path` (``PathPattern/matches(_:)``).
    public func matches(_ path: String) -> Bool {
        if literals.contains(path) { return true }
        guard !globRanges.isEmpty else { return false }
        var path = path
        return path.withUTF8 { pathBytes in
            globBytes.withUnsafeBufferPointer { all in
                for range in globRanges where PathPattern.match(UnsafeBufferPointer(rebasing: all[range]), pathBytes) {
                    return true
                }
                return false
            }
        }
    }
}
