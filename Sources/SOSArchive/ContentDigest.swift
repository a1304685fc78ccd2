#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SHA-256 that names an input: of the file's bytes for an archive (what `sha256sum` prints),
/// and of a canonical listing for an extracted folder.
///
/// It is a separate pass over the file, after the report is read (libarchive opens archives by
/// name, so the reading pass never sees the raw bytes); the file is then in the page cache.
///
/// For a folder the digest covers, in sorted path order without following links, one line per
/// member (`f <path> <size>\n` followed by the file's bytes, `l <path> -> <target>\n`, `d <path>\n`),
/// so renaming, editing or adding a file changes it and copying the folder does not.
public enum ContentDigest {
    /// `sha256sum`'s value for a file, or the folder digest above for a directory.
    public static func sha256(ofInputAt path: String) throws(SOSArchiveError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .cannotOpen(path: path, reason: errnoText()) }
        var hash = SHA256()
        if UInt32(info.st_mode) & EntryFileType.mask == EntryFileType.directory {
            try feedTree(root: path, relative: "", depth: 0, into: &hash)
        } else {
            try feedFile(path, into: &hash)
        }
        return hash.hexDigest()
    }

    private static func feedFile(_ path: String, into hash: inout SHA256) throws(SOSArchiveError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: errnoText()) }
        defer { close(descriptor) }
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, size)
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotOpen(path: path, reason: errnoText())
            }
            if count == 0 { return }
            hash.update(buffer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    private static func feedTree(root: String, relative: String, depth: Int, into hash: inout SHA256) throws(SOSArchiveError) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        for name in try DirectoryWalker.entryNames(of: directory) {
            let path = relative.isEmpty ? name : relative + "/" + name
            let full = root + "/" + path
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            switch UInt32(info.st_mode) & EntryFileType.mask {
            case EntryFileType.regular:
                hash.update(Array("f \(path) \(info.st_size)\n".utf8))
                try feedFile(full, into: &hash)
            case EntryFileType.symlink:
                hash.update(Array("l \(path) -> \(DirectoryWalker.linkTarget(full))\n".utf8))
            case EntryFileType.directory:
                hash.update(Array("d \(path)\n".utf8))
                if depth + 1 < DirectoryWalker.maxDepth {
                    try feedTree(root: root, relative: path, depth: depth + 1, into: &hash)
                }
            default:
                break  // devices, FIFOs and sockets are not read by the report either
            }
        }
    }
}
