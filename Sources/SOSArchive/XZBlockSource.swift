#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLZMA

/// The decompressed tar stream of a single-Stream `.xz` file, handed to libarchive through its
/// read and skip callbacks (``LibArchiveReadHandle/open(source:)``).
///
/// libarchive asks to skip the data of every member nobody reads (`archive_read_data_skip`).
/// Through its own xz filter that still means decompressing those bytes; here a skip that covers
/// whole Blocks moves past them without decompressing them (``XZIndex``). In a sosreport the
/// members not read (audit logs, `secure`, `cron`, sar files, most of `sos_commands`) are a large
/// part of the bytes, so this is the one way to do less work than `xz -dc`.
///
/// A single-Block file (sos 2.x and 3.x ran `xz` with one thread) has nothing to jump over, and
/// is still read here rather than by libarchive's filter: decoding into a small buffer that stays
/// in cache while libarchive and the line scan read it costs less CPU, and the decoding can move to
/// a second thread (``XZReadAhead``) when a core is free.
///
/// Memory is bounded whatever the Block size: one input and one output buffer. Every Block that
/// is decoded is checked as `xz` checks it (sizes against the Index, CRC32/CRC64/SHA-256).
/// Not thread-safe; libarchive calls it from whichever thread is reading the handle.
final class XZBlockSource {
    let path: String
    let index: XZIndex
    private let fd: Int32
    private var stream = lzma_stream()
    private let block: UnsafeMutablePointer<lzma_block>
    private let input: UnsafeMutablePointer<UInt8>
    private let output: UnsafeMutablePointer<UInt8>
    /// Block being decoded (its decoder is live), or nil between Blocks.
    private var current: Int?
    /// The next Block to start when `current` is nil.
    private var nextBlock = 0
    /// Uncompressed offset of the next byte handed out.
    private(set) var position: Int64 = 0
    /// File offset of the next compressed byte to read, within `current`.
    private var inputOffset: Int64 = 0
    private var inputEnd: Int64 = 0
    /// How far into the file the stream has come, read or jumped over (for progress); the file's
    /// size once the tar stream ended.
    private(set) var compressedBytesRead: Int64 = 0
    let fileSize: Int64
    private(set) var blocksDecoded = 0
    private(set) var blocksSkipped = 0
    var errorMessage: String?
    private var readAhead: XZReadAhead?
    /// Several threads decoding Blocks at once (``XZBlockPool``), when the file has the Blocks for it.
    private var pool: XZBlockPool?
    /// Whether the pool suits this file (``XZBlockPool/suits(_:)``), known once: `read()` asks it
    /// until a core is free.
    private let poolSuits: Bool
    /// Where a core for the read-ahead may come from, asked every ``lenderCheckInterval`` reads.
    private var lender: CoreBudget?
    /// Cores taken from `lender` for the read-ahead (one) or the pool's threads, given back at the end.
    private var borrowedCores = 0
    private var readsUntilLenderCheck = 0
    /// About every megabyte of output: a freed core is taken soon after, and the budget's lock is
    /// taken too rarely to cost anything measurable.
    static let lenderCheckInterval = 32

    static let inputBytes = 64 << 10
    /// Small enough to stay in the first-level cache while libarchive and the line scan read it:
    /// 32 KiB cost about a tenth less CPU over the benchmark fleet than 256 KiB.
    static let outputBytes = 32 << 10

    /// Opens `path` when it is a single-Stream `.xz` (of one Block or more); nil otherwise.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, let index = XZIndex.read(fd: fd, fileSize: Int64(info.st_size)) else {
            close(fd)
            return nil
        }
        self.path = path
        self.fileSize = Int64(info.st_size)
        self.fd = fd
        self.index = index
        self.poolSuits = XZBlockPool.suits(index)
        self.block = .allocate(capacity: 1)
        self.block.initialize(to: lzma_block())
        self.input = .allocate(capacity: Self.inputBytes)
        self.output = .allocate(capacity: Self.outputBytes)
    }

    deinit {
        stopReadAhead()
        lzma_end(&stream)
        block.deallocate()
        input.deallocate()
        output.deallocate()
        close(fd)
    }

    /// The next decompressed bytes (valid until the next call); an empty buffer at the end; nil on
    /// damage, with `errorMessage` set.
    func read() -> UnsafeRawBufferPointer? {
        if let pool { return pool.read(source: self) }
        if readAhead == nil, let lender, poolSuits {
            // The pool starts where a Block does; a core taken at any other point would idle.
            if current == nil, nextBlock < index.blocks.count, lender.takeSpare() {
                borrowedCores = 1
                while borrowedCores < Self.maxPoolThreads - 1, lender.takeSpare() { borrowedCores += 1 }
                startBlockPool(threads: borrowedCores + 1)
                return pool?.read(source: self)
            }
        } else if readAhead == nil, let lender {
            // Here libarchive is done with the last buffer: the decoder can change threads.
            if readsUntilLenderCheck == 0 {
                readsUntilLenderCheck = Self.lenderCheckInterval
                if lender.takeSpare() {
                    borrowedCores = 1
                    startReadAhead()
                }
            } else {
                readsUntilLenderCheck -= 1
            }
        }
        if let readAhead { return readAhead.read(source: self) }
        guard let produced = decodeNext(into: output, count: Self.outputBytes) else { return nil }
        return UnsafeRawBufferPointer(start: output, count: produced)
    }

    /// Moves `request` bytes on; returns how many it moved (less only at the end), nil on damage.
    /// Blocks wholly inside the skipped range are never read.
    func skip(_ request: Int64) -> Int64? {
        if let pool { return pool.skip(request, source: self) }
        if let readAhead { return readAhead.skip(request, source: self) }
        let start = position
        guard seek(to: position + max(0, request)) else { return nil }
        return position - start
    }

    /// Decodes from here on a second thread, ahead of libarchive (``XZReadAhead``); from then on
    /// only that thread touches the decoder.
    func startReadAhead() {
        guard readAhead == nil else { return }
        let ahead = XZReadAhead(source: self, total: index.uncompressedSize)
        readAhead = ahead
        ahead.start()
    }

    /// Decoding threads at most (``XZBlockPool``), this thread's core counted in.
    static let maxPoolThreads = 4

    /// Decodes the Blocks from here on `threads` threads at once (``XZBlockPool``); from then on
    /// this decoder is not used. Only where a Block starts, and only for files the pool suits.
    func startBlockPool(threads: Int) {
        guard pool == nil, readAhead == nil, current == nil, poolSuits, nextBlock < index.blocks.count else { return }
        let started = XZBlockPool(index: index, fd: fd, path: path, firstBlock: nextBlock, position: position, threads: threads)
        pool = started
        started.start()
    }

    /// Starts the read-ahead (``startReadAhead()``) as soon as `budget` has a core to spare: at
    /// the start, or part way when another archive of the batch ends and none waits to start.
    func borrowCoreForReadAhead(from budget: CoreBudget) {
        lender = budget
    }

    /// Ends the read-ahead thread, if any, waits for it to leave the decoder, and gives back the
    /// core it borrowed.
    func stopReadAhead() {
        readAhead?.stop()
        if let pool {
            pool.stop()
            blocksDecoded += pool.blocksDecoded
            blocksSkipped += pool.blocksSkipped
            self.pool = nil
        }
        for _ in 0..<borrowedCores { lender?.giveBack() }
        borrowedCores = 0
        lender = nil
    }

    /// The compressed offset reached, whichever thread decodes.
    var progressBytes: Int64 { pool?.compressedProgress ?? readAhead?.compressedProgress ?? compressedBytesRead }

    /// Decodes the next bytes into `buffer`, across Block ends; 0 at the end of the stream, nil on damage.
    func decodeNext(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int? {
        while position < index.uncompressedSize {
            guard let produced = decode(into: buffer, count: count) else { return nil }
            if produced > 0 {
                position += Int64(produced)
                return produced
            }
        }
        compressedBytesRead = fileSize
        return 0
    }

    /// Moves the decoder to uncompressed offset `target` (not before where it is), jumping over
    /// every Block wholly before it; false on damage.
    func seek(to requested: Int64) -> Bool {
        let target = min(index.uncompressedSize, max(position, requested))
        if let current, index.blocks[current].uncompressedEnd <= target {
            // The rest of this Block is skipped too: stop decoding it here.
            lzma_end(&stream)
            stream = lzma_stream()
            self.current = nil
            nextBlock = current + 1
            position = index.blocks[current].uncompressedEnd
        }
        if current == nil {
            guard let landing = index.blockIndex(containing: target), landing >= nextBlock else {
                blocksSkipped += index.blocks.count - nextBlock
                nextBlock = index.blocks.count
                position = index.uncompressedSize
                compressedBytesRead = fileSize
                return true
            }
            blocksSkipped += landing - nextBlock
            nextBlock = landing
            position = index.blocks[landing].uncompressedOffset
            compressedBytesRead = index.blocks[landing].compressedOffset
        }
        // Decode and drop what lies between here and the target inside its Block.
        while position < target {
            let want = Int(min(Int64(Self.outputBytes), target - position))
            guard let produced = decode(into: output, count: want) else { return false }
            position += Int64(produced)
        }
        return true
    }

    /// Decodes up to `count` bytes of the current (or next) Block; 0 when a Block just ended.
    private func decode(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int? {
        if current == nil {
            guard start(nextBlock) else { return nil }
        }
        guard let current else { return nil }
        stream.next_out = buffer
        stream.avail_out = count
        while stream.avail_out > 0 {
            if stream.avail_in == 0 {
                let want = Int(min(Int64(Self.inputBytes), inputEnd - inputOffset))
                let got = want > 0 ? readFile(input, want, at: inputOffset) : 0
                guard got >= 0 else { return fail("cannot read \(path): \(errnoText())") }
                guard got > 0 || want == 0 else { return fail("xz data ends early in block \(current + 1) of \(index.blocks.count)") }
                inputOffset += Int64(got)
                compressedBytesRead += Int64(got)
                stream.next_in = UnsafePointer(input)
                stream.avail_in = got
            }
            // FINISH once every byte of the Block went in: a Block cut short is then an error, not a wait.
            let action = inputOffset >= inputEnd ? LZMA_FINISH : LZMA_RUN
            let status = lzma_code(&stream, action)
            if status == LZMA_STREAM_END {
                let produced = count - stream.avail_out
                lzma_end(&stream)
                stream = lzma_stream()
                self.current = nil
                nextBlock = current + 1
                return produced
            }
            guard status == LZMA_OK else {
                return fail("xz data is damaged in block \(current + 1) of \(index.blocks.count): \(Self.describe(status))")
            }
        }
        return count - stream.avail_out
    }

    private func start(_ number: Int) -> Bool {
        guard number < index.blocks.count else {
            errorMessage = "xz stream ends before its index says"
            return false
        }
        let entry = index.blocks[number]
        stream = lzma_stream()
        switch Self.startDecoder(&stream, block, number: number, index: index, fd: fd) {
        case .failure(let message): return fail(message.text) != nil
        case .success(let headerSize):
            compressedBytesRead = entry.compressedOffset + Int64(headerSize)
            inputOffset = entry.compressedOffset + Int64(headerSize)
            inputEnd = entry.compressedOffset + entry.totalSize
            position = entry.uncompressedOffset
            current = number
            blocksDecoded += 1
            return true
        }
    }

    /// What went wrong starting or decoding a Block, as the reader reports it.
    struct Failure: Error {
        let text: String
    }

    /// Starts `stream` on Block `number` (below the Index's count): reads and checks its header;
    /// gives the header's size. Shared by this source and the threads of ``XZBlockPool``.
    static func startDecoder(_ stream: inout lzma_stream, _ block: UnsafeMutablePointer<lzma_block>,
                             number: Int, index: XZIndex, fd: Int32) -> Result<Int, Failure> {
        let entry = index.blocks[number]
        // The Block Header is at most 1024 bytes; its first byte gives its size.
        var header = [UInt8](repeating: 0, count: 1024)
        let headerRead = header.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return readFile(fd, base, Int(min(1024, entry.totalSize)), at: entry.compressedOffset)
        }
        guard headerRead > 0, header[0] != 0 else {
            return .failure(Failure(text: "xz block \(number + 1) of \(index.blocks.count) has no header"))
        }
        let headerSize = Int(header[0]) * 4 + 4
        guard headerSize <= headerRead else {
            return .failure(Failure(text: "xz block \(number + 1) of \(index.blocks.count) has a cut header"))
        }
        block.pointee = lzma_block()
        let status = header.withUnsafeBufferPointer { bytes in
            sos_xz_block_decoder(&stream, block, bytes.baseAddress, index.check,
                                 lzma_vli(entry.unpaddedSize), lzma_vli(entry.uncompressedSize))
        }
        guard status == LZMA_OK else {
            return .failure(Failure(text: "xz block \(number + 1) of \(index.blocks.count) cannot be decoded: \(describe(status))"))
        }
        return .success(headerSize)
    }

    private func readFile(_ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int64) -> Int {
        Self.readFile(fd, buffer, count, at: offset)
    }

    /// `pread` again after a signal; safe from several threads on one descriptor.
    static func readFile(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int64) -> Int {
        while true {
            let got = pread(fd, buffer, count, off_t(offset))
            if got < 0, errno == EINTR { continue }
            return got
        }
    }

    private func fail(_ message: String) -> Int? {
        errorMessage = message
        return nil
    }

    static func describe(_ status: lzma_ret) -> String {
        switch status {
        case LZMA_DATA_ERROR: return "corrupt compressed data"
        case LZMA_BUF_ERROR: return "compressed data is truncated"
        case LZMA_MEM_ERROR: return "out of memory"
        case LZMA_MEMLIMIT_ERROR: return "needs more memory than allowed"
        case LZMA_OPTIONS_ERROR: return "unsupported filter options"
        case LZMA_FORMAT_ERROR: return "not xz data"
        default: return "liblzma error \(status.rawValue)"
        }
    }
}
