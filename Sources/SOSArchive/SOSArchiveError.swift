/// Why an input could not be read (or stopped being readable part way).
///
/// Each case prints as one line naming the file, the cause and what to do, so a batch run can list
/// it beside the reports that did work.
public enum SOSArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file system refused: `reason` is the `strerror` text (ENOENT, EACCES ...).
    case cannotOpen(path: String, reason: String)
    /// An OpenPGP message (`secured-sosreport-*.tar.xz.gpg`).
    case encrypted(path: String)
    /// A zip file; sos 3.0-3.2 could write these, sosanalyze reads tar archives only.
    case zip(path: String)
    /// A 0-byte file.
    case empty(path: String)
    /// Content that is no archive at all, e.g. a text file named `.tar.gz`.
    case notAnArchive(path: String, detail: String)
    /// libarchive failed at `stage` ("open", "next header", "read data"): truncated xz, corrupt block ...
    case damaged(path: String, stage: String, message: String)
    /// A compressed stream whose content is not a tar archive.
    case notATar(path: String, detail: String)

    /// The file (or `outer/member` for nested archives) the error is about.
    public var path: String {
        switch self {
        case .cannotOpen(let path, _), .encrypted(let path), .zip(let path), .empty(let path),
             .notAnArchive(let path, _), .damaged(let path, _, _), .notATar(let path, _):
            return path
        }
    }

    /// `"<path>: <cause>"` on one line.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open: \(reason)"
        case .encrypted(let path):
            return "\(path): encrypted sosreport (OpenPGP): decrypt it with gpg first (gpg -o report.tar.xz -d \(path))"
        case .zip(let path):
            return "\(path): zip archive: sosanalyze reads tar archives (xz, gzip, bzip2, zstd, plain); unzip it and pass the folder"
        case .empty(let path):
            return "\(path): empty file (0 bytes): the copy probably failed, fetch the report again"
        case .notAnArchive(let path, let detail):
            return "\(path): not an archive (\(detail)): pass a sosreport tarball or an extracted sosreport folder"
        case .damaged(let path, let stage, let message):
            return "\(path): damaged archive (\(stage): \(message)): the copy is probably incomplete; fetch it again or check its checksum"
        case .notATar(let path, let detail):
            return "\(path): \(detail): not a sosreport tarball"
        }
    }
}
