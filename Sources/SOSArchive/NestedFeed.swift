import CArchive

/// Feeds an inner archive from the member being visited in the outer one, through libarchive's
/// read callback: the only callback in the package, kept to one job (copy the next outer chunk).
final class NestedFeed {
    let body: MemberBody
    let buffer: UnsafeMutableRawPointer
    static let bufferBytes = 64 << 10
    /// Bytes already pulled for sniffing, handed out before anything else.
    private var prefix: [UInt8] = []
    private var prefixSent = false
    var used = false
    /// The inner handle, to set its error when the outer read fails.
    weak var inner: LibArchiveReadHandle?

    init(body: MemberBody) {
        self.body = body
        self.buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferBytes, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    func fillPrefix(_ count: Int) throws(SOSArchiveError) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            let got = try body.read(into: buffer, count: count - bytes.count)
            if got == 0 { break }
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: got))
        }
        prefix = bytes
        return bytes
    }

    /// Next chunk for libarchive: its size, 0 at the end, -1 on failure (error set on `inner`).
    func next(_ out: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int {
        if !prefixSent {
            prefixSent = true
            if !prefix.isEmpty {
                prefix.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { buffer.copyMemory(from: base, byteCount: raw.count) }
                }
                out.pointee = UnsafeRawPointer(buffer)
                return prefix.count
            }
        }
        do {
            let got = try body.read(into: buffer, count: Self.bufferBytes)
            out.pointee = UnsafeRawPointer(buffer)
            return got
        } catch {
            inner?.setError(5 /* EIO */, "outer archive: \(error)")
            return -1
        }
    }
}
