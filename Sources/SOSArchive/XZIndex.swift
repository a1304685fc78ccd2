#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLZMA

/// Where each Block of a single-Stream `.xz` file lies, read from the Index at the file's end.
///
/// `xz -T0` (what sos 4.x runs) cuts its output into independent Blocks of a few MiB and records
/// each Block's compressed and uncompressed offsets in the Index. With it, a reader that is told
/// to skip a member's data can jump over every Block the skip covers instead of decompressing it.
///
/// A real sos 4.2 report (`sosreport-juju-04f1e3-0-lxd-5-2022-02-10-otnemqq.tar.xz`, 3.9 MB):
/// ```
/// let index = XZIndex.read(fd: fd, fileSize: 3_947_104)
/// index?.blocks.count        // 18
/// index?.uncompressedSize    // 55_470_080
/// index?.blocks[0].compressedOffset  // 12 (just after the Stream Header)
/// ```
/// Returns nil for anything else: one Block only (nothing to jump over), several Streams,
/// a truncated or damaged tail. The caller then lets libarchive's own xz reader stream the file,
/// which reports damage the way it does for every other format.
struct XZIndex: Sendable, Equatable {
    struct Block: Sendable, Equatable {
        var compressedOffset: Int64
        var totalSize: Int64
        var unpaddedSize: Int64
        var uncompressedOffset: Int64
        var uncompressedSize: Int64
        var uncompressedEnd: Int64 { uncompressedOffset + uncompressedSize }
    }

    var blocks: [Block]
    var check: lzma_check
    var uncompressedSize: Int64

    /// Indexes bigger than this are not read: 16 MiB holds about a million Blocks.
    static let maxIndexBytes: Int64 = 16 << 20

    static func read(fd: Int32, fileSize: Int64) -> XZIndex? {
        let headerSize = Int64(LZMA_STREAM_HEADER_SIZE)
        guard fileSize >= 2 * headerSize else { return nil }
        // Stream Padding: zero bytes after the footer, in multiples of four.
        var end = fileSize
        var word = [UInt8](repeating: 0, count: 4)
        while end >= 2 * headerSize + 4 {
            guard readExactly(fd, &word, at: end - 4) else { return nil }
            guard word == [0, 0, 0, 0] else { break }
            end -= 4
        }
        var footerBytes = [UInt8](repeating: 0, count: Int(headerSize))
        var headerBytes = [UInt8](repeating: 0, count: Int(headerSize))
        guard readExactly(fd, &footerBytes, at: end - headerSize),
              readExactly(fd, &headerBytes, at: 0) else { return nil }
        var footer = lzma_stream_flags()
        var header = lzma_stream_flags()
        guard lzma_stream_footer_decode(&footer, footerBytes) == LZMA_OK,
              lzma_stream_header_decode(&header, headerBytes) == LZMA_OK,
              lzma_stream_flags_compare(&header, &footer) == LZMA_OK else { return nil }
        let indexSize = Int64(footer.backward_size)
        guard indexSize > 0, indexSize <= maxIndexBytes, indexSize <= end - 2 * headerSize else { return nil }
        var indexBytes = [UInt8](repeating: 0, count: Int(indexSize))
        guard readExactly(fd, &indexBytes, at: end - headerSize - indexSize) else { return nil }

        var decoded: OpaquePointer?
        var memoryLimit: UInt64 = 256 << 20
        var position = 0
        let status = indexBytes.withUnsafeBufferPointer { bytes in
            lzma_index_buffer_decode(&decoded, &memoryLimit, nil, bytes.baseAddress, &position, bytes.count)
        }
        guard status == LZMA_OK, let index = decoded else { return nil }
        defer { lzma_index_end(index, nil) }
        // One Stream that starts at byte 0 and ends at the footer: anything else (concatenated
        // Streams, junk in front) goes to libarchive.
        guard Int64(lzma_index_stream_size(index)) == end else { return nil }
        let count = sos_xz_index_blocks(index, nil, 0)
        guard count >= 1, count <= 1 << 20 else { return nil }
        var infos = [sos_xz_block_info](repeating: sos_xz_block_info(), count: Int(count))
        guard infos.withUnsafeMutableBufferPointer({ sos_xz_index_blocks(index, $0.baseAddress, count) }) == count else {
            return nil
        }
        let blocks = infos.map {
            Block(compressedOffset: Int64($0.compressed_offset), totalSize: Int64($0.total_size),
                  unpaddedSize: Int64($0.unpadded_size), uncompressedOffset: Int64($0.uncompressed_offset),
                  uncompressedSize: Int64($0.uncompressed_size))
        }
        // The Blocks must tile the Stream from just after its header: a forged Index cannot send
        // a read outside the file or leave a gap in the tar stream.
        var expectedCompressed = headerSize
        var expectedUncompressed: Int64 = 0
        for block in blocks {
            guard block.compressedOffset == expectedCompressed, block.totalSize > 0,
                  block.uncompressedOffset == expectedUncompressed, block.uncompressedSize >= 0 else { return nil }
            expectedCompressed += block.totalSize
            expectedUncompressed += block.uncompressedSize
        }
        guard expectedCompressed == end - headerSize - indexSize else { return nil }
        return XZIndex(blocks: blocks, check: footer.check, uncompressedSize: expectedUncompressed)
    }

    /// The Block holding uncompressed offset `offset`; nil at or past the end.
    func blockIndex(containing offset: Int64) -> Int? {
        var low = 0
        var high = blocks.count
        while low < high {
            let middle = (low + high) / 2
            if blocks[middle].uncompressedEnd <= offset { low = middle + 1 } else { high = middle }
        }
        return low < blocks.count ? low : nil
    }

    private static func readExactly(_ fd: Int32, _ bytes: inout [UInt8], at offset: Int64) -> Bool {
        let wanted = bytes.count
        return bytes.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return wanted == 0 }
            var done = 0
            while done < wanted {
                let got = pread(fd, base + done, wanted - done, off_t(offset) + off_t(done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return false }
                done += got
            }
            return true
        }
    }
}
