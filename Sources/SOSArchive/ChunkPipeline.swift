import Foundation

/// Reads a member's data on a second thread while the caller scans the chunks already read,
/// so a big log costs about the time of its decompression rather than decompression plus
/// scanning. Memory stays bounded: `slotCount` chunks, reused.
///
/// Only the producer thread touches the member's libarchive handle while the pipeline runs;
/// `stop()` waits for it to leave before the caller returns to the archive.
final class ChunkPipeline: @unchecked Sendable {
    static let slotCount = 4

    private let body: MemberBody
    private let chunkBytes: Int
    private let buffers: [UnsafeMutableRawPointer]
    private var lengths: [Int]
    private var produceIndex = 0
    private var consumeIndex = 0
    private var filled = 0
    private var holding = false
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private let condition = NSCondition()
    private let exited = DispatchSemaphore(value: 0)

    init(body: MemberBody, chunkBytes: Int) {
        self.body = body
        self.chunkBytes = chunkBytes
        self.buffers = (0..<Self.slotCount).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: chunkBytes, alignment: 16)
        }
        self.lengths = Array(repeating: 0, count: Self.slotCount)
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    func start() {
        let thread = Thread { [self] in produce() }
        thread.name = "sosarchive-read"
        thread.start()
    }

    private func produce() {
        defer { exited.signal() }
        while true {
            condition.lock()
            while filled == Self.slotCount && !cancelled { condition.wait() }
            if cancelled {
                condition.unlock()
                return
            }
            let slot = produceIndex
            condition.unlock()

            var got = 0
            var error: (any Error)?
            do {
                got = try body.read(into: buffers[slot], count: chunkBytes)
            } catch let readError {
                error = readError
            }

            condition.lock()
            if let error {
                failure = error
                finished = true
            } else {
                lengths[slot] = got
                produceIndex = (slot + 1) % Self.slotCount
                filled += 1
                if got == 0 { finished = true }
            }
            let done = finished
            condition.broadcast()
            condition.unlock()
            if done { return }
        }
    }

    /// The next chunk in order, after handing the previous one back; nil at the end of the
    /// member. Throws what the read thread met, once the chunks before it are consumed.
    func next() throws -> UnsafeMutableRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        if holding {
            holding = false
            filled -= 1
            consumeIndex = (consumeIndex + 1) % Self.slotCount
            condition.broadcast()
        }
        while filled == 0 && !finished { condition.wait() }
        if filled == 0 {
            if let failure { throw failure }
            return nil
        }
        let length = lengths[consumeIndex]
        if length == 0 { return nil }
        holding = true
        return UnsafeMutableRawBufferPointer(start: buffers[consumeIndex], count: length)
    }

    /// Ends the read thread and waits until it has left the member, however the scan ended.
    func stop() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        exited.wait()
    }
}
