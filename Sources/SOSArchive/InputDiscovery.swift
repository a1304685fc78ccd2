#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One report to read: an archive file or an extracted folder.
public struct DiscoveredInput: Sendable, Hashable {
    public let path: String
    public let format: ArchiveFormat

    public init(path: String, format: ArchiveFormat) {
        self.path = path
        self.format = format
    }
}

/// A path that will not be read, with the one-line reason (an ``SOSArchiveError`` description).
public struct InputProblem: Sendable, Equatable, Codable {
    public let path: String
    public let error: String

    public init(path: String, error: String) {
        self.path = path
        self.error = error
    }
}

/// A path that was passed over on purpose, and why: a link that leads nowhere, into a loop or
/// to a report already found under another name; a folder deeper than the search goes.
public struct SkippedPath: Sendable, Equatable, Codable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// What ``InputDiscovery`` found: reports to read, paths that cannot be read, paths passed over.
public struct Discovery: Sendable {
    public var inputs: [DiscoveredInput] = []
    public var problems: [InputProblem] = []
    public var skipped: [SkippedPath] = []
}

/// Expands command-line paths into inputs. A directory that looks like an extracted sosreport
/// (has `sos_commands/` or `version.txt` or `sos_reports/`) is one input; any other directory is
/// searched (recursively, depth <= 6, sorted) for archives and extracted trees. Symbolic links met
/// while searching are followed (an analyst links the uploads of a case into one folder): each
/// target is read once whatever the number of links to it, a link back into a folder being
/// searched is a loop, and a dangling or looping link, a second link to one target and a folder
/// too deep are listed in ``Discovery/skipped`` with the reason. Files are sniffed by content.
/// Side files (*.md5, *.sha256, *.sha1, *-private_map, *-obfuscation.log) are ignored. Inside a
/// searched folder, files that sniff as `unknown`/`empty` are ignored silently (README.txt next
/// to reports) unless their name claims an archive (`.tar.gz`, `.tar.xz`, ...); openPGP/zip ones
/// are always problems (the user wants to know). A path given directly on the command line that
/// is not readable gives a problem. Side files given directly (a shell glob over a case folder)
/// are skipped too; any other file given directly that is not an archive is a problem.
public enum InputDiscovery {
    static let maxDepth = 6
    static let sideFileSuffixes = [".md5", ".sha256", ".sha1", "-private_map", "-obfuscation.log"]

    public static func discover(_ paths: [String]) -> (inputs: [DiscoveredInput], problems: [InputProblem]) {
        let found = discoverAll(paths)
        return (found.inputs, found.problems)
    }

    /// As ``discover(_:)``, with the paths passed over and why.
    public static func discoverAll(_ paths: [String]) -> Discovery {
        var found = Found()
        for path in paths {
            var info = stat()
            if stat(path, &info) != 0 {
                found.problem(.cannotOpen(path: path, reason: errnoText()))
                continue
            }
            if UInt32(info.st_mode) & EntryFileType.mask == EntryFileType.directory {
                if DirectoryWalker.looksLikeReport(path) {
                    found.input(path, .directory)
                } else {
                    var searching: Set<String> = []
                    search(path, depth: 1, searching: &searching, into: &found)
                }
                continue
            }
            // `sosanalyze case/*` passes checksum and map files too: they are not reports.
            if isSideFile(path) { continue }
            if let special = EntryFileType.special(UInt32(info.st_mode)) {
                found.problem(.notAnArchive(path: path, detail: "\(special), not a regular file"))
                continue
            }
            do {
                switch try FormatSniffer.sniff(fileAt: path) {
                case .archive(let format): found.input(path, format)
                case .openPGP: found.problem(.encrypted(path: path))
                case .zip: found.problem(.zip(path: path))
                case .empty: found.problem(.empty(path: path))
                case .unknown(let detail): found.problem(.notAnArchive(path: path, detail: detail))
                }
            } catch {
                found.problem(error)
            }
        }
        return found.discovery
    }

    static func isSideFile(_ name: String) -> Bool {
        sideFileSuffixes.contains { name.hasSuffix($0) }
    }

    private struct Found {
        var discovery = Discovery()
        var seen: Set<String> = []
        /// Resolved path of each input → the path it was first found under.
        var targets: [String: String] = [:]

        mutating func input(_ path: String, _ format: ArchiveFormat) {
            guard seen.insert(path).inserted else { return }
            let real = InputDiscovery.resolved(path) ?? path
            if let first = targets[real] {
                discovery.skipped.append(SkippedPath(path: path, reason: "same report as \(first): read once"))
                return
            }
            targets[real] = path
            discovery.inputs.append(DiscoveredInput(path: path, format: format))
        }

        mutating func problem(_ error: SOSArchiveError) {
            discovery.problems.append(InputProblem(path: error.path, error: error.description))
        }

        mutating func skip(_ path: String, _ reason: String) {
            discovery.skipped.append(SkippedPath(path: path, reason: reason))
        }
    }

    /// The path with every link resolved (`realpath`), nil when it cannot be.
    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// A file whose name says archive (`sosreport-x.tar.gz`) but whose bytes do not is a
    /// problem the user must hear about; a README next to the reports is not.
    static func claimsToBeAnArchive(_ name: String) -> Bool {
        let suffixes = [".tar", ".tar.xz", ".tar.gz", ".tar.bz2", ".tar.zst", ".tgz", ".txz", ".tbz2", ".xz", ".gz", ".bz2", ".zst"]
        return suffixes.contains { name.hasSuffix($0) }
    }

    /// `searching`: the resolved folders from the command-line folder down to this one; a link
    /// into one of them would search it again, forever.
    private static func search(_ directory: String, depth: Int, searching: inout Set<String>, into found: inout Found) {
        let names: [String]
        do {
            names = try DirectoryWalker.entryNames(of: directory)
        } catch {
            found.problem(error)
            return
        }
        let real = resolved(directory) ?? directory
        searching.insert(real)
        defer { searching.remove(real) }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        for name in names where !isSideFile(name) {
            let path = base + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            var kind = UInt32(info.st_mode) & EntryFileType.mask
            if kind == EntryFileType.symlink {
                let target = DirectoryWalker.linkTarget(path)
                if stat(path, &info) != 0 {
                    let code = errno
                    let reason = code == ELOOP ? "symbolic link loop (\(target))"
                        : code == ENOENT ? "dangling link to \(target)" : "link to \(target): \(errnoText(code))"
                    found.skip(path, "not followed: \(reason)")
                    continue
                }
                kind = UInt32(info.st_mode) & EntryFileType.mask
                if kind == EntryFileType.directory, let into = resolved(path), searching.contains(into) {
                    found.skip(path, "not followed: link loop, \(target) leads back into \(into), which is being searched")
                    continue
                }
            }
            switch kind {
            case EntryFileType.directory:
                if DirectoryWalker.looksLikeReport(path) {
                    found.input(path, .directory)
                } else if depth < maxDepth {
                    search(path, depth: depth + 1, searching: &searching, into: &found)
                } else {
                    found.skip(path, "folder not searched: its files are more than \(maxDepth) levels below the folder given")
                }
            case EntryFileType.regular:
                do {
                    switch try FormatSniffer.sniff(fileAt: path) {
                    case .archive(let format): found.input(path, format)
                    case .openPGP: found.problem(.encrypted(path: path))
                    case .zip: found.problem(.zip(path: path))
                    case .empty where claimsToBeAnArchive(name): found.problem(.empty(path: path))
                    case .unknown(let detail) where claimsToBeAnArchive(name):
                        found.problem(.notAnArchive(path: path, detail: detail))
                    case .empty, .unknown: break
                    }
                } catch {
                    found.problem(error)
                }
            default:
                break  // devices, FIFOs and sockets are not reports
            }
        }
    }
}
