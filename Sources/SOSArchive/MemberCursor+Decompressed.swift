import CArchive

extension MemberCursor {
    /// Streams a compressed member (a `messages-20130211.gz` rotation that sos copied as is)
    /// line by line through its decompressor, with the same bounds as ``forEachLine(_:)``:
    /// nothing is unpacked to disk or held whole in memory. gzip, xz, bzip2 and zstd are
    /// recognised by their bytes; other data is passed through unchanged.
    public mutating func forEachDecompressedLine(
        passingOver: ((UnsafeBufferPointer<UInt8>, _ lineLimit: Int) -> (bytes: Int, lines: Int))? = nil,
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) throws {
        let path = self.body.readerPath + "/" + member.path
        let feed = NestedFeed(body: self.body)
        let handle = try LibArchiveReadHandle()
        // The raw format hands the whole decompressed stream over as one entry.
        archive_read_support_format_raw(handle.raw)
        feed.inner = handle
        try withExtendedLifetime(feed) {
            guard handle.open(feed: feed) != .fatal, handle.nextHeader() == .ok else {
                throw SOSArchiveError.damaged(path: path, stage: "decompress", message: handle.errorMessage)
            }
            let stream = Member(path: member.path, kind: .file, size: 0, linkTarget: nil)
            let inner = MemberBody(origin: .archive(handle), member: stream, readerPath: self.body.readerPath)
            defer { inner.finish() }
            var cursor = MemberCursor(member: stream, body: inner, limits: limits, notes: notes)
            try cursor.forEachLine(passingOver: passingOver, body)
        }
    }
}
