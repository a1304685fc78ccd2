#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks an extracted report in sorted order with `lstat`, never following a symlink: links are
/// recorded as `.symlink` members with their `readlink` target, so a link to `/proc/meminfo` on
/// the analyst's machine can never feed a report.
struct DirectoryWalker {
    let root: String
    let notes: NoteSink
    /// Deeper trees than this are not sosreports; the cap also guards against bind-mount cycles.
    static let maxDepth = 64

    /// Calls `visit` with each member and its full path, parents before children.
    func walk(_ visit: (Member, String) throws -> Void) throws {
        try walk(relative: "", depth: 0, visit)
    }

    private func walk(relative: String, depth: Int, _ visit: (Member, String) throws -> Void) throws {
        let directory = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do {
            names = try Self.entryNames(of: directory)
        } catch {
            notes.add(relative.isEmpty ? nil : relative, "folder not read: \(error)")
            return
        }
        for name in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            let full = root + "/" + path
            var info = stat()
            if lstat(full, &info) != 0 {
                notes.add(path, "not read: \(errnoText())")
                continue
            }
            switch UInt32(info.st_mode) & EntryFileType.mask {
            case EntryFileType.regular:
                try visit(Member(path: path, kind: .file, size: Int64(info.st_size)), full)
            case EntryFileType.symlink:
                try visit(Member(path: path, kind: .symlink, size: 0, linkTarget: Self.linkTarget(full)), full)
            case EntryFileType.directory:
                try visit(Member(path: path, kind: .directory, size: 0), full)
                if depth + 1 >= Self.maxDepth {
                    notes.add(path, "folder deeper than \(Self.maxDepth) levels: not walked")
                } else {
                    try walk(relative: path, depth: depth + 1, visit)
                }
            default:
                notes.add(path, "special file (device, FIFO or socket) skipped")
            }
        }
    }

    /// Names in a folder, sorted by byte order, without "." and "..".
    static func entryNames(of directory: String) throws(SOSArchiveError) -> [String] {
        guard let handle = opendir(directory) else { throw .cannotOpen(path: directory, reason: errnoText()) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names.sorted(by: byteOrder)
    }

    static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        let length = buffer.withUnsafeMutableBufferPointer { pointer -> Int in
            guard let base = pointer.baseAddress else { return -1 }
            return readlink(path, base, 4096)
        }
        guard length >= 0 else { return "" }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True for a folder that is an extracted sosreport rather than a folder of reports.
    static func looksLikeReport(_ directory: String) -> Bool {
        for marker in ["sos_commands", "version.txt", "sos_reports"] {
            var info = stat()
            if lstat(directory + "/" + marker, &info) == 0 { return true }
        }
        return false
    }
}
