import CLZMA
import Foundation

/// Decodes the Blocks of a multi-Block `.xz` on several threads at once, ahead of libarchive,
/// and hands them over in order: one archive read alone on a machine with cores to spare costs
/// about the time `xz -T0 -dc` takes, not `xz -T1 -dc`'s.
///
/// sos 4.x writes its archives with several Blocks (the real sos 4.2 reports in
/// `../shared/real-sosreports/` have 17 to 21 Blocks of 3 MiB): each can be decoded on its own,
/// as `xz -T2 -dc` does. Each thread claims the next Block still needed, decodes it whole into a
/// buffer and checks it (sizes and CRC, as ``XZBlockSource`` does); libarchive gets each Block's
/// buffer in place, in order. At most ``maxBytesAhead`` of decoded bytes wait, so memory stays
/// bounded whatever the archive's size; Blocks over ``maxBlockBytes`` are left to the one-thread
/// read-ahead (``XZReadAhead``), and single-Block files too: there is nothing to share out.
///
/// A skip that covers whole Blocks takes them off the queue (never decoded, as ``XZBlockSource``
/// does it); a Block that a thread had already started is dropped when it is done. A damaged
/// Block hands over what was decoded before the damage, then its error, as the one-thread
/// decoder would.
final class XZBlockPool: @unchecked Sendable {
    /// Blocks bigger than this are decoded by one thread in small slots instead.
    static let maxBlockBytes: Int64 = 16 << 20
    /// Decoded bytes waiting (or being decoded) at most, besides the Block libarchive holds.
    static let maxBytesAhead: Int64 = 40 << 20

    /// Whether `index` is worth sharing out: several Blocks, none too big to decode whole.
    static func suits(_ index: XZIndex) -> Bool {
        index.blocks.count >= 2 && index.blocks.allSatisfy { $0.uncompressedSize <= maxBlockBytes }
    }

    private let index: XZIndex
    private let fd: Int32
    private let path: String
    private let threads: Int
    private let condition = NSCondition()
    private let exited = DispatchSemaphore(value: 0)
    private let bufferBytes: Int

    // Under the lock:
    private var nextClaim: Int
    /// Bytes before this offset are not wanted any more (handed out or skipped).
    private var neededFrom: Int64
    private var ready: [Int: Decoded] = [:]
    private var bytesAhead: Int64 = 0
    private var spare: [UnsafeMutablePointer<UInt8>] = []
    private var cancelled = false
    private var running = 0
    private(set) var blocksDecoded = 0
    private(set) var blocksSkipped = 0
    private var compressedOffset: Int64
    /// The Block libarchive's next byte is in.
    private var consumerBlock: Int

    // libarchive's thread only (it calls ``read(source:)`` and ``skip(_:source:)``):
    /// Offset of the next byte for libarchive.
    private var nextByte: Int64
    /// The Block whose buffer libarchive holds (valid until its next call).
    private var held: (number: Int, buffer: UnsafeMutablePointer<UInt8>)?
    /// A damaged Block whose good bytes were handed out: its error comes next.
    private var pendingFailure: String?
    private var failedBlock: Int?

    private struct Decoded {
        var buffer: UnsafeMutablePointer<UInt8>
        var produced: Int
        var failure: String?
    }

    /// Starts from `position`, which must be where Block `firstBlock` begins.
    init(index: XZIndex, fd: Int32, path: String, firstBlock: Int, position: Int64, threads: Int) {
        self.index = index
        self.fd = fd
        self.path = path
        self.threads = max(1, threads)
        self.nextClaim = firstBlock
        self.neededFrom = position
        self.nextByte = position
        self.consumerBlock = firstBlock
        self.compressedOffset = firstBlock < index.blocks.count ? index.blocks[firstBlock].compressedOffset : 0
        self.bufferBytes = Int(index.blocks.map(\.uncompressedSize).max() ?? 0) + 1
    }

    deinit {
        for (_, decoded) in ready { decoded.buffer.deallocate() }
        for buffer in spare { buffer.deallocate() }
        held?.buffer.deallocate()
    }

    func start() {
        running = threads
        for number in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "sosarchive-xz-\(number + 1)"
            thread.start()
        }
    }

    /// Ends the threads and waits until each has left its decoder; safe to call more than once.
    func stop() {
        condition.lock()
        let waiting = running
        running = 0
        cancelled = true
        condition.broadcast()
        condition.unlock()
        for _ in 0..<waiting { exited.wait() }
    }

    /// How far into the file the handed-out Blocks reach, for a progress bar on any thread.
    var compressedProgress: Int64 {
        condition.lock()
        defer { condition.unlock() }
        return compressedOffset
    }

    // MARK: - The decoding threads

    private func work() {
        defer { exited.signal() }
        var stream = lzma_stream()
        let block = UnsafeMutablePointer<lzma_block>.allocate(capacity: 1)
        block.initialize(to: lzma_block())
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: XZBlockSource.inputBytes)
        defer {
            lzma_end(&stream)
            block.deallocate()
            input.deallocate()
        }
        while let (number, buffer) = claim() {
            let (produced, failure) = decode(number, into: buffer, stream: &stream, block: block, input: input)
            condition.lock()
            blocksDecoded += 1
            if cancelled || index.blocks[number].uncompressedEnd <= neededFrom {
                // skipped over while it was decoded
                release(buffer, of: number)
            } else {
                ready[number] = Decoded(buffer: buffer, produced: produced, failure: failure)
            }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next Block still needed and a buffer for it, once there is room; nil when none is left.
    private func claim() -> (Int, UnsafeMutablePointer<UInt8>)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled { return nil }
            while nextClaim < index.blocks.count, index.blocks[nextClaim].uncompressedEnd <= neededFrom {
                blocksSkipped += 1
                nextClaim += 1
            }
            guard nextClaim < index.blocks.count else { return nil }
            let size = index.blocks[nextClaim].uncompressedSize
            // No further ahead than a Block per thread: Blocks that a skip will jump over (logs
            // nobody reads are much of a report) are then mostly never decoded, as in one thread.
            let near = nextClaim <= consumerBlock + threads
            if near, bytesAhead == 0 || bytesAhead + size <= Self.maxBytesAhead {
                let number = nextClaim
                nextClaim += 1
                bytesAhead += size
                let buffer = spare.popLast() ?? .allocate(capacity: bufferBytes)
                return (number, buffer)
            }
            condition.wait()
        }
    }

    /// With the lock held: a Block's buffer is free again.
    private func release(_ buffer: UnsafeMutablePointer<UInt8>, of number: Int) {
        bytesAhead -= index.blocks[number].uncompressedSize
        spare.append(buffer)
    }

    /// Decodes Block `number` whole: the bytes produced, and what went wrong if it did not end
    /// as its Index entry says.
    private func decode(_ number: Int, into buffer: UnsafeMutablePointer<UInt8>, stream: inout lzma_stream,
                        block: UnsafeMutablePointer<lzma_block>, input: UnsafeMutablePointer<UInt8>) -> (Int, String?) {
        let entry = index.blocks[number]
        let count = Int(entry.uncompressedSize)
        lzma_end(&stream)
        stream = lzma_stream()
        let headerSize: Int
        switch XZBlockSource.startDecoder(&stream, block, number: number, index: index, fd: fd) {
        case .failure(let failure): return (0, failure.text)
        case .success(let size): headerSize = size
        }
        var inputOffset = entry.compressedOffset + Int64(headerSize)
        let inputEnd = entry.compressedOffset + entry.totalSize
        // One byte of room past what the Index says: liblzma then ends the Block (size and check
        // verified) with room to spare, and a Block longer than its entry fails as damage.
        stream.next_out = buffer
        stream.avail_out = count + 1
        let blockName = "block \(number + 1) of \(index.blocks.count)"
        while true {
            if stream.avail_in == 0 {
                let want = Int(min(Int64(XZBlockSource.inputBytes), inputEnd - inputOffset))
                let got = want > 0 ? XZBlockSource.readFile(fd, input, want, at: inputOffset) : 0
                let produced = min(count, count + 1 - stream.avail_out)
                guard got >= 0 else { return (produced, "cannot read \(path): \(errnoText())") }
                guard got > 0 || want == 0 else { return (produced, "xz data ends early in \(blockName)") }
                inputOffset += Int64(got)
                stream.next_in = UnsafePointer(input)
                stream.avail_in = got
            }
            let status = lzma_code(&stream, inputOffset >= inputEnd ? LZMA_FINISH : LZMA_RUN)
            let produced = min(count, count + 1 - stream.avail_out)
            if status == LZMA_STREAM_END, stream.avail_out >= 1 { return (produced, nil) }
            guard status == LZMA_OK, stream.avail_out > 0 else {
                let why = status == LZMA_OK || status == LZMA_STREAM_END ? LZMA_DATA_ERROR : status
                return (produced, "xz data is damaged in \(blockName): \(XZBlockSource.describe(why))")
            }
        }
    }

    // MARK: - libarchive's side

    /// libarchive's read callback: the rest of the Block the next byte is in, in place. An empty
    /// buffer at the end; nil on damage, with `source.errorMessage` set.
    func read(source: XZBlockSource) -> UnsafeRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        releaseHeld()
        if let failure = pendingFailure {
            source.errorMessage = failure
            return nil
        }
        guard nextByte < index.uncompressedSize, let number = index.blockIndex(containing: nextByte) else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        consumerBlock = number
        while ready[number] == nil, !cancelled {
            condition.wait()
        }
        guard let decoded = ready.removeValue(forKey: number) else {
            source.errorMessage = "xz decoding was stopped"
            return nil
        }
        let entry = index.blocks[number]
        held = (number, decoded.buffer)
        let from = Int(nextByte - entry.uncompressedOffset)
        if let failure = decoded.failure {
            // What was decoded before the damage goes out first; the error after it.
            pendingFailure = failure
            failedBlock = number
            guard decoded.produced > from else {
                source.errorMessage = failure
                return nil
            }
            nextByte = entry.uncompressedOffset + Int64(decoded.produced)
            return UnsafeRawBufferPointer(start: decoded.buffer + from, count: decoded.produced - from)
        }
        nextByte = entry.uncompressedEnd
        consumerBlock = number + 1
        compressedOffset = entry.compressedOffset + entry.totalSize
        return UnsafeRawBufferPointer(start: decoded.buffer + from, count: Int(entry.uncompressedSize) - from)
    }

    /// libarchive's skip callback: moves `request` bytes on (less only at the end); the Blocks
    /// wholly inside are never decoded, or dropped if they were. nil, with `source.errorMessage`
    /// set, when the target lies past the damage of a damaged Block, as for the one-thread decoder
    /// (damage before the target in a Block it leaves is left behind with it).
    func skip(_ request: Int64, source: XZBlockSource) -> Int64? {
        condition.lock()
        defer { condition.unlock() }
        releaseHeld()
        let begin = nextByte
        let target = min(index.uncompressedSize, nextByte + max(0, request))
        guard target > nextByte else { return 0 }
        nextByte = target
        neededFrom = max(neededFrom, target)
        consumerBlock = index.blockIndex(containing: target) ?? index.blocks.count
        for (number, decoded) in ready where index.blocks[number].uncompressedEnd <= target {
            ready[number] = nil
            release(decoded.buffer, of: number)
        }
        condition.broadcast()
        if let failed = failedBlock, target < index.blocks[failed].uncompressedEnd {
            // still inside the damaged Block whose good bytes went out
            source.errorMessage = pendingFailure
            return nil
        }
        pendingFailure = nil
        failedBlock = nil
        guard target < index.uncompressedSize, let landing = index.blockIndex(containing: target),
              target > index.blocks[landing].uncompressedOffset else { return target - begin }
        // Landing inside a Block: it must have decoded as far as the target.
        while ready[landing] == nil, !cancelled { condition.wait() }
        if let decoded = ready[landing], let failure = decoded.failure,
           Int64(decoded.produced) < target - index.blocks[landing].uncompressedOffset {
            source.errorMessage = failure
            return nil
        }
        return target - begin
    }

    /// With the lock held: the buffer libarchive had is free again (it asked for more, or skipped).
    private func releaseHeld() {
        guard let (number, buffer) = held else { return }
        held = nil
        release(buffer, of: number)
        condition.broadcast()
    }
}
