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
    private let globs: [PathPattern]

    public init(_ patterns: [PathPattern]) {
        literals = Set(patterns.filter(\.isLiteral).map(\.text))
        globs = patterns.filter { !$0.isLiteral }
    }

    /// True when any pattern matches `path` (``PathPattern/matches(_:)``).
    public func matches(_ path: String) -> Bool {
        literals.contains(path) || globs.contains { $0.matches(path) }
    }
}
