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

/// Expands command-line paths into inputs. A directory that looks like an extracted sosreport
/// (has `sos_commands/` or `version.txt` or `sos_reports/`) is one input; any other directory is
/// searched (recursively, never following symlinks, depth <= 6, sorted) for archives and extracted
/// trees. Files are sniffed by content. Side files (*.md5, *.sha256, *.sha1, *-private_map,
/// *-obfuscation.log) are ignored. Inside a searched folder, files that sniff as `unknown`/`empty`
/// are ignored silently (README.txt next to reports) unless their name claims an archive
/// (`.tar.gz`, `.tar.xz`, ...); openPGP/zip ones are always problems (the user wants to know).
/// A path given directly on the command line that is not readable gives a problem. Side files
/// given directly (a shell glob over a case folder) are skipped too; any other file given
/// directly that is not an archive is a problem.
public enum InputDiscovery {
    static let maxDepth = 6
    static let sideFileSuffixes = [".md5", ".sha256", ".sha1", "-private_map", "-obfuscation.log"]

    public static func discover(_ paths: [String]) -> (inputs: [DiscoveredInput], problems: [InputProblem]) {
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
                    search(path, depth: 1, into: &found)
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
        return (found.inputs, found.problems)
    }

    static func isSideFile(_ name: String) -> Bool {
        sideFileSuffixes.contains { name.hasSuffix($0) }
    }

    private struct Found {
        var inputs: [DiscoveredInput] = []
        var problems: [InputProblem] = []
        var seen: Set<String> = []

        mutating func input(_ path: String, _ format: ArchiveFormat) {
            if seen.insert(path).inserted { inputs.append(DiscoveredInput(path: path, format: format)) }
        }

        mutating func problem(_ error: SOSArchiveError) {
            problems.append(InputProblem(path: error.path, error: error.description))
        }
    }

    /// A file whose name says archive (`sosreport-x.tar.gz`) but whose bytes do not is a
    /// problem the user must hear about; a README next to the reports is not.
    static func claimsToBeAnArchive(_ name: String) -> Bool {
        let suffixes = [".tar", ".tar.xz", ".tar.gz", ".tar.bz2", ".tar.zst", ".tgz", ".txz", ".tbz2", ".xz", ".gz", ".bz2", ".zst"]
        return suffixes.contains { name.hasSuffix($0) }
    }

    private static func search(_ directory: String, depth: Int, into found: inout Found) {
        let names: [String]
        do {
            names = try DirectoryWalker.entryNames(of: directory)
        } catch {
            found.problem(error)
            return
        }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        for name in names where !isSideFile(name) {
            let path = base + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch UInt32(info.st_mode) & EntryFileType.mask {
            case EntryFileType.directory:
                if DirectoryWalker.looksLikeReport(path) {
                    found.input(path, .directory)
                } else if depth < maxDepth {
                    search(path, depth: depth + 1, into: &found)
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
                break  // symlinks are never followed while searching; specials are not reports
            }
        }
    }
}
