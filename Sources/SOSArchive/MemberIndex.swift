#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names once links are followed.
public enum LinkResolution: Sendable, Equatable {
    /// The path names (possibly through links, including links on intermediate directories such as
    /// `lib -> usr/lib`) a member that holds data; `via` lists the link paths followed, in order.
    case member(Member, via: [String])
    /// Not there: "not collected", "dangling link etc/os-release -> ../usr/lib/os-release",
    /// "link loop at a -> b", "link leaves the report: x -> ../../..".
    case absent(reason: String)
}

/// Every member of one report, by report-relative path. Links are resolved here, inside the
/// report, like a chroot: nothing outside the report is ever looked at.
public struct MemberIndex: Sendable {
    /// The archive's top folder as found in the members; nil for directories or tars without one.
    public let topFolder: String?
    private let members: [String: Member]
    /// All paths, sorted by byte order.
    public let allPaths: [String]
    /// Every path is ASCII: a glob of ASCII is then matched on bytes (one scalar is one byte).
    private let allASCII: Bool

    /// Most links a resolution follows before calling it a loop (Linux's MAXSYMLINKS).
    static let maxHops = 40

    public init(members: [Member], topFolder: String?) {
        self.init(members: members, topFolder: topFolder,
                  allASCII: members.allSatisfy { $0.path.utf8.allSatisfy { $0 < 0x80 } })
    }

    /// `allASCII`: every path is ASCII, as the builder knows without looking again.
    init(members: [Member], topFolder: String?, allASCII: Bool) {
        var table: [String: Member] = Dictionary(minimumCapacity: members.count)
        for member in members { table[member.path] = member }
        self.topFolder = topFolder
        self.allASCII = allASCII
        self.members = table
        // ASCII paths (nearly every report) sort the same by String's `<` as by their bytes, and
        // about 2.5 times faster than a comparator that reaches for the bytes. They are sorted from
        // archive order, which is nearly sorted already (Python's tarfile adds each folder's entries
        // in name order), not from the table's hash order: the sort merges the runs it finds. (Only
        // ASCII: two other names can be one String, and one table key, with bytes that sort apart.)
        guard allASCII else {
            self.allPaths = table.keys.sorted(by: byteOrder)
            return
        }
        var paths = members.map(\.path)
        paths.sort()
        if paths.count != table.count {
            // a path met twice is one member
            var unique: [String] = []
            unique.reserveCapacity(table.count)
            for path in paths where unique.last != path { unique.append(path) }
            paths = unique
        }
        self.allPaths = paths
    }

    public var count: Int { members.count }

    /// Exact lookup, no link following.
    public func member(at path: String) -> Member? {
        members[path]
    }

    /// Follows symlinks (relative, absolute = from the report root, multi-hop, on intermediate
    /// directories) and hard links inside the report.
    public func resolve(_ path: String) -> LinkResolution {
        let start = PathHygiene.components(of: path)
        if start.contains("..") { return .absent(reason: "link leaves the report: \(path)") }
        var resolved: [String] = []
        var pending = Array(start.reversed())  // a stack: last element is the next component
        var via: [String] = []
        var hops = 0
        while let component = pending.popLast() {
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                if resolved.isEmpty {
                    let link = via.last ?? path
                    let target = members[link]?.linkTarget ?? ""
                    return .absent(reason: "link leaves the report: \(link) -> \(target)")
                }
                resolved.removeLast()
                continue
            }
            let candidate = (resolved + [component]).joined(separator: "/")
            guard let member = members[candidate] else {
                resolved.append(component)
                continue
            }
            switch member.kind {
            case .symlink:
                hops += 1
                let target = member.linkTarget ?? ""
                if hops > Self.maxHops {
                    let first = via.first ?? candidate
                    return .absent(reason: "link loop at \(first) -> \(members[first]?.linkTarget ?? target)")
                }
                via.append(candidate)
                if target.hasPrefix("/") { resolved.removeAll() }
                pending.append(contentsOf: target.split(separator: "/", omittingEmptySubsequences: true).map(String.init).reversed())
            case .hardlink where pending.isEmpty:
                via.append(candidate)
                guard let targetPath = member.linkTarget, let linked = members[targetPath], linked.kind != .hardlink else {
                    return .absent(reason: "dangling hard link \(candidate) -> \(member.linkTarget ?? "")")
                }
                return .member(linked, via: via)
            default:
                resolved.append(component)
            }
        }
        let final = resolved.joined(separator: "/")
        if let member = members[final] { return .member(member, via: via) }
        guard let lastLink = via.last else { return .absent(reason: "not collected") }
        return .absent(reason: "dangling link \(lastLink) -> \(members[lastLink]?.linkTarget ?? "")")
    }

    /// Paths matching a glob whose `*` and `?` never cross "/" (e.g. "sos_commands/networking/ethtool_-i_*"),
    /// sorted by byte order. No link following.
    public func paths(matching glob: String) -> [String] {
        let pattern = Array(glob.unicodeScalars)
        // The literal part before the first wildcard narrows the sorted list to one range.
        let literal = String(String.UnicodeScalarView(pattern.prefix { $0 != "*" && $0 != "?" }))
        let literalBytes = Array(literal.utf8)
        var low = 0
        var high = allPaths.count
        while low < high {
            let mid = (low + high) / 2
            if allPaths[mid].utf8.lexicographicallyPrecedes(literalBytes) { low = mid + 1 } else { high = mid }
        }
        var result: [String] = []
        var index = low
        if allASCII, pattern.allSatisfy(\.isASCII) {
            // The same walk as `glob(_:matches:)` on bytes, without two scalar arrays per path.
            let patternBytes = Array(glob.utf8)
            patternBytes.withUnsafeBufferPointer { patternBuffer in
                while index < allPaths.count {
                    var path = allPaths[index]
                    let (inRange, matched) = path.withUTF8 { bytes in
                        bytes.starts(with: literalBytes) ? (true, PathPattern.match(patternBuffer, bytes)) : (false, false)
                    }
                    guard inRange else { break }
                    if matched { result.append(allPaths[index]) }
                    index += 1
                }
            }
            return result
        }
        while index < allPaths.count, allPaths[index].utf8.starts(with: literalBytes) {
            if Self.glob(pattern, matches: Array(allPaths[index].unicodeScalars)) { result.append(allPaths[index]) }
            index += 1
        }
        return result
    }

    static func glob(_ pattern: [Unicode.Scalar], matches name: [Unicode.Scalar]) -> Bool {
        var p = 0
        var n = 0
        var starP = -1
        var starN = 0
        while n < name.count {
            if p < pattern.count && pattern[p] == "*" {
                starP = p
                starN = n
                p += 1
            } else if p < pattern.count && (pattern[p] == name[n] || (pattern[p] == "?" && name[n] != "/")) {
                p += 1
                n += 1
            } else if starP >= 0 && name[starN] != "/" {
                starN += 1
                n = starN
                p = starP + 1
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

func byteOrder(_ a: String, _ b: String) -> Bool {
    // memcmp on the UTF-8 bytes: the same order as `a.utf8.lexicographicallyPrecedes(b.utf8)`,
    // several times faster when sorting the 30k paths of a big report.
    var a = a
    var b = b
    return a.withUTF8 { x in
        b.withUTF8 { y in
            let common = min(x.count, y.count)
            if common > 0, let xBase = x.baseAddress, let yBase = y.baseAddress {
                let order = memcmp(xBase, yBase, common)
                if order != 0 { return order < 0 }
            }
            return x.count < y.count
        }
    }
}

/// Member path rules shared by archives and folders.
enum PathHygiene {
    /// Components without "", "." (so "./a//b/" gives ["a", "b"]); ".." is kept for the caller to refuse.
    static func components(of raw: String) -> [String] {
        // ASCII names (nearly all) split on bytes: the same components, without grapheme breaking.
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            return raw.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
                .compactMap { bytes in bytes.elementsEqual(CollectionOfOne(UInt8(ascii: "."))) ? nil : String(Substring(bytes)) }
        }
        return raw.split(separator: "/", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
    }
}

/// Turns raw member names into report-relative paths while the stream goes by, deciding the top
/// folder from the members themselves.
struct MemberIndexBuilder {
    /// Root names sos itself writes: an archive whose first folder is one of these has no top folder.
    static let wellKnownRootNames: Set<String> = [
        "sos_commands", "sos_reports", "sos_logs", "sos_strings", "etc", "proc", "sys", "var",
        "usr", "boot", "run", "lib", "version.txt", "environment",
    ]

    private(set) var members: [Member] = []
    private(set) var topFolder: String?
    /// Every placed path is ASCII (the fast path only takes ASCII names).
    private var allASCII = true
    private var decided = false
    /// Single-component files seen before the top folder was known: outside it if there is one.
    private var undecidedRootFiles: [String] = []
    let notes: NoteSink

    init(notes: NoteSink) {
        self.notes = notes
    }

    enum Placement {
        case member(Member)
        case skipped
    }

    /// Places one raw entry; returns the member to visit, or `.skipped` (unsafe path, the top folder itself).
    mutating func place(rawPath: String, kind: MemberKind, size: Int64, rawLinkTarget: String?) -> Placement {
        if kind != .hardlink, let path = fastPath(rawPath) {
            // fastPath took only ASCII bytes.
            let member = Member(path: path, kind: kind, size: size, linkTarget: rawLinkTarget)
            members.append(member)
            return .member(member)
        }
        let parts = PathHygiene.components(of: rawPath)
        if parts.contains("..") {
            notes.add(nil, "unsafe member path '\(rawPath)' skipped")
            return .skipped
        }
        if parts.isEmpty { return .skipped }
        if !decided && (parts.count > 1 || kind == .directory) {
            decided = true
            if !Self.wellKnownRootNames.contains(parts[0]) {
                topFolder = parts[0]
                for path in undecidedRootFiles { noteOutside(path) }
            }
            undecidedRootFiles.removeAll()
        }
        guard let path = strip(parts, raw: rawPath, noteIfOutside: true) else { return .skipped }
        if !decided { undecidedRootFiles.append(path) }
        var linkTarget = rawLinkTarget
        if kind == .hardlink, let raw = rawLinkTarget {
            let targetParts = PathHygiene.components(of: raw)
            if targetParts.contains("..") || targetParts.isEmpty {
                notes.add(path, "unsafe hard link target '\(raw)' skipped")
                return .skipped
            }
            linkTarget = strip(targetParts, raw: raw, noteIfOutside: false) ?? raw
        }
        let member = Member(path: path, kind: kind, size: size, linkTarget: linkTarget)
        if allASCII, !path.utf8.allSatisfy({ $0 < 0x80 }) { allASCII = false }
        members.append(member)
        return .member(member)
    }

    /// nil for the top folder's own entry.
    /// The member path of `raw` when it is the common case, read off the bytes: the top folder is
    /// known, `raw` is `top/` plus plain ASCII components (no empty, `.` or `..` one; a directory's
    /// trailing `/` aside). Then it is what the component-wise path below yields, without building
    /// the components of each of a report's 30,000 names. Nil: take the general path.
    private func fastPath(_ raw: String) -> String? {
        guard decided, let top = topFolder else { return nil }
        var raw = raw
        return raw.withUTF8 { bytes -> String? in
            var count = bytes.count
            while count > 0, bytes[count - 1] == slash { count -= 1 }
            let topCount = top.utf8.count
            guard count > topCount + 1, bytes[topCount] == slash, let base = bytes.baseAddress else { return nil }
            var top = top
            guard topCount == 0 || top.withUTF8({ $0.baseAddress.map { memcmp($0, base, topCount) == 0 } ?? false }) else { return nil }
            let rest = UnsafeBufferPointer(rebasing: bytes[(topCount + 1)..<count])
            var componentStart = 0
            for index in 0...rest.count {
                let byte = index < rest.count ? rest[index] : slash
                if byte >= 0x80 { return nil }
                guard byte == slash else { continue }
                let length = index - componentStart
                // Empty, "." and ".." components need the general path.
                if length == 0 || (length <= 2 && rest[componentStart] == dot && (length == 1 || rest[componentStart + 1] == dot)) {
                    return nil
                }
                componentStart = index + 1
            }
            return String(decoding: rest, as: UTF8.self)
        }
    }

    private var slash: UInt8 { UInt8(ascii: "/") }
    private var dot: UInt8 { UInt8(ascii: ".") }

    private func strip(_ parts: [String], raw: String, noteIfOutside: Bool) -> String? {
        guard let top = topFolder else { return parts.joined(separator: "/") }
        if parts[0] == top {
            if parts.count == 1 { return nil }
            return parts.dropFirst().joined(separator: "/")
        }
        let path = parts.joined(separator: "/")
        if noteIfOutside { noteOutside(path) }
        return path
    }

    private func noteOutside(_ path: String) {
        notes.add(path, "member outside the top folder '\(topFolder ?? "")': kept with its full path")
    }

    func build() -> MemberIndex {
        MemberIndex(members: members, topFolder: topFolder, allASCII: allASCII)
    }
}
