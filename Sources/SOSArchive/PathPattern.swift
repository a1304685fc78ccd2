/// A member path or a glob over member paths, as fact tables write them.
///
/// `*` matches any run of characters and `?` one character, never across `/`: the pattern
/// `sos_commands/networking/ethtool_-i_*` matches `sos_commands/networking/ethtool_-i_eth0`
/// but not `sos_commands/networking/namespaces/ns1/ethtool_-i_eth0`. Matching works on UTF-8
/// bytes, which is what member names are.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let bytes: [UInt8]
    /// True when the pattern has no wildcard and names one path.
    public let isLiteral: Bool

    public init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.isLiteral = !bytes.contains(UInt8(ascii: "*")) && !bytes.contains(UInt8(ascii: "?"))
    }

    public var description: String { text }

    public func matches(_ path: String) -> Bool {
        if isLiteral { return path == text }
        // Called for every member against every glob of the fact table: no copy of the path.
        var path = path
        return path.withUTF8 { pathBytes in
            bytes.withUnsafeBufferPointer { Self.match($0, pathBytes) }
        }
    }

    private static let star = UInt8(ascii: "*")
    private static let question = UInt8(ascii: "?")
    private static let slash = UInt8(ascii: "/")

    // Iterative matcher with single-star backtracking: linear in practice for path-sized input.
    static func match(_ pattern: UnsafeBufferPointer<UInt8>, _ path: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = pattern.startIndex
        var s = path.startIndex
        var starP: Int? = nil
        var starS = path.startIndex
        while s < path.endIndex {
            if p < pattern.endIndex, pattern[p] == star {
                starP = p
                starS = s
                p += 1
            } else if p < pattern.endIndex,
                      pattern[p] == path[s] || (pattern[p] == question && path[s] != slash) {
                p += 1
                s += 1
            } else if let sp = starP, path[starS] != slash {
                p = sp + 1
                starS += 1
                s = starS
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == star { p += 1 }
        return p == pattern.endIndex
    }
}
