import CArchive

/// libarchive's return codes as a type, so a switch must say what it does with each.
enum ArchiveStatus: Equatable {
    case ok, eof, retry, warn, failed, fatal

    init(_ code: Int32) {
        switch code {
        case ARCHIVE_OK: self = .ok
        case ARCHIVE_EOF: self = .eof
        case ARCHIVE_RETRY: self = .retry
        case ARCHIVE_WARN: self = .warn
        case ARCHIVE_FAILED: self = .failed
        default: self = .fatal
        }
    }
}

/// File-type bits of `archive_entry_filetype` (the AE_IF* macros carry casts Swift does not import).
enum EntryFileType {
    static let mask: UInt32 = 0o170000
    static let regular: UInt32 = 0o100000
    static let directory: UInt32 = 0o040000
    static let symlink: UInt32 = 0o120000

    /// "a FIFO", "a character device" ...: why a path that is neither a file nor a folder is not
    /// read. Opening a FIFO for reading would block until a writer comes; a device may never end.
    static func special(_ mode: UInt32) -> String? {
        switch mode & mask {
        case regular, directory: return nil
        case 0o010000: return "a FIFO"
        case 0o020000: return "a character device"
        case 0o060000: return "a block device"
        case 0o140000: return "a socket"
        default: return "not a regular file"
        }
    }
}

/// One libarchive read handle: the thin layer, one Swift function per C call. Freed in deinit.
final class LibArchiveReadHandle {
    let raw: OpaquePointer
    private let entry: OpaquePointer

    /// Block size for `archive_read_open_filename`: big reads keep the xz decoder fed.
    static let blockSize = 256 << 10

    init() throws(SOSArchiveError) {
        guard let raw = archive_read_new() else {
            throw .damaged(path: "", stage: "open", message: "archive_read_new failed (out of memory)")
        }
        guard let entry = archive_entry_new() else {
            archive_read_free(raw)
            throw .damaged(path: "", stage: "open", message: "archive_entry_new failed (out of memory)")
        }
        self.raw = raw
        self.entry = entry
        archive_read_support_filter_all(raw)
        // The tar reader covers ustar, GNU (L/K long names) and PAX (x/g) headers.
        archive_read_support_format_tar(raw)
    }

    deinit {
        archive_entry_free(entry)
        archive_read_free(raw)
    }

    func openFile(_ path: String) -> ArchiveStatus {
        ArchiveStatus(archive_read_open_filename(raw, path, Self.blockSize))
    }

    /// Opens the handle on a ``NestedFeed``; the caller keeps the feed alive while reading.
    func open(feed: NestedFeed) -> ArchiveStatus {
        let client = Unmanaged.passUnretained(feed).toOpaque()
        return ArchiveStatus(archive_read_open(raw, client, nil, { _, client, out in
            guard let client, let out else { return -1 }
            return Unmanaged<NestedFeed>.fromOpaque(client).takeUnretainedValue().next(out)
        }, nil))
    }

    /// Opens the handle on the decompressed tar stream of an ``XZBlockSource``; the caller keeps the
    /// source alive while reading. The skip callback is what lets the source jump over Blocks.
    func open(source: XZBlockSource) -> ArchiveStatus {
        let client = Unmanaged.passUnretained(source).toOpaque()
        return ArchiveStatus(archive_read_open2(raw, client, nil, { archive, client, out in
            guard let client, let out else { return -1 }
            let source = Unmanaged<XZBlockSource>.fromOpaque(client).takeUnretainedValue()
            guard let bytes = source.read() else {
                if let archive { sos_archive_set_error(archive, 5 /* EIO */, source.errorMessage ?? "xz read failed") }
                return -1
            }
            out.pointee = bytes.baseAddress
            return bytes.count
        }, { archive, client, request in
            guard let client else { return -30 }
            let source = Unmanaged<XZBlockSource>.fromOpaque(client).takeUnretainedValue()
            guard let skipped = source.skip(request) else {
                if let archive { sos_archive_set_error(archive, 5 /* EIO */, source.errorMessage ?? "xz skip failed") }
                return Int64(ARCHIVE_FATAL)
            }
            return skipped
        }, nil))
    }

    func nextHeader() -> ArchiveStatus {
        ArchiveStatus(archive_read_next_header2(raw, entry))
    }

    /// The next block of the current entry's data, without copying (`archive_read_data_block`).
    /// Unlike `archive_read_data`, it hands over every byte that arrived before a break, so a
    /// truncated stream yields all it holds.
    func readDataBlock() -> (status: ArchiveStatus, block: UnsafeRawBufferPointer, offset: Int64) {
        var pointer: UnsafeRawPointer?
        var size = 0
        var offset: la_int64_t = 0
        let status = ArchiveStatus(archive_read_data_block(raw, &pointer, &size, &offset))
        return (status, UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : size), offset)
    }

    func skipData() -> ArchiveStatus {
        ArchiveStatus(archive_read_data_skip(raw))
    }

    var errorMessage: String {
        guard let message = archive_error_string(raw) else { return "unknown error" }
        return String(cString: message)
    }

    var compressedBytes: Int64 { archive_filter_bytes(raw, -1) }

    /// Name of the outermost decompression filter ("xz", "gzip"); nil for a plain tar.
    var filterName: String? {
        guard archive_filter_count(raw) > 1, let name = archive_filter_name(raw, 0) else { return nil }
        return String(cString: name)
    }

    // Entry accessors: values are copied into Swift at once, the entry is reused by the next header.

    var entryPath: String? {
        // The stored bytes first: asking for UTF-8 converts every GNU/ustar name through the C
        // locale (mbrtowc per character, a cost on 30k-member reports). A name that has no plain
        // form (non-ASCII PAX UTF-8 in the C locale) comes back nil here and takes the UTF-8 getter.
        if let raw = archive_entry_pathname(entry) { return String(cString: raw) }
        if let utf8 = archive_entry_pathname_utf8(entry) { return String(cString: utf8) }
        return nil
    }

    var entryFileType: UInt32 { UInt32(archive_entry_filetype(entry)) & EntryFileType.mask }

    var entrySize: Int64 { archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : 0 }

    var entrySymlink: String? {
        if let utf8 = archive_entry_symlink_utf8(entry) { return String(cString: utf8) }
        if let raw = archive_entry_symlink(entry) { return String(cString: raw) }
        return nil
    }

    var entryHardlink: String? {
        if let utf8 = archive_entry_hardlink_utf8(entry) { return String(cString: utf8) }
        if let raw = archive_entry_hardlink(entry) { return String(cString: raw) }
        return nil
    }

    func setError(_ code: Int32, _ message: String) {
        sos_archive_set_error(raw, code, message)
    }
}
