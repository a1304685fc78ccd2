import Foundation

/// Decodes an `.xz` on a second thread, ahead of libarchive, so that decompression
/// and everything else (tar headers, the member index, scanning lines) run side by side when a
/// core is free (``CoreBudget``). A report then costs about the time of its decompression alone.
///
/// The decoded stream waits in a ring of small slots, at most ``slotCount`` × ``slotBytes`` ahead.
/// A skip that goes past what is decoded sends the decoder there (``XZBlockSource/seek(to:)``), so
/// Blocks wholly inside skipped members are still never decompressed; at most the ring's worth of
/// bytes is decoded for nothing.
///
/// The decoder belongs to the read-ahead thread once it starts; libarchive's thread only takes
/// slots and asks for skips, under the lock.
final class XZReadAhead: @unchecked Sendable {
    static let slotCount = 16
    static let slotBytes = 32 << 10
    /// Slots the decoder fills before it wakes libarchive's thread waiting on an empty ring (or
    /// sooner at the end, on damage or after a seek). The reader is faster than the decoder, so it
    /// waits at nearly every slot: woken for each one, the two threads paid a sleep and a wake-up
    /// (a futex call, an interrupt between virtual processors) per 32 KiB, 32,000 of each over a 1
    /// GiB log, which made two cores slower than one. Half the ring keeps both busy.
    static let wakeBatch = slotCount / 2

    private unowned(unsafe) let source: XZBlockSource
    private let total: Int64
    private let condition = NSCondition()
    private let exited = DispatchSemaphore(value: 0)
    private let buffers: [UnsafeMutablePointer<UInt8>]
    // Per slot: uncompressed offset of its first byte, where that byte is in the buffer, length.
    private var offsets: [Int64]
    private var starts: [Int]
    private var lengths: [Int]
    private var produceIndex = 0
    private var consumeIndex = 0
    private var filled = 0
    /// libarchive holds the slot at `consumeIndex` (valid until its next call).
    private var holding = false
    /// libarchive's thread sleeps in `read` until `wakeBatch` slots are filled (or the end).
    private var readerWaiting = false
    /// Offset of the next byte the decoder will put in a slot.
    private var decodedUpTo: Int64 = 0
    /// Set by a skip past the decoded bytes, for the decoder to go to.
    private var seekTarget: Int64?
    private var ended = false
    private var failure: String?
    private var cancelled = false
    private var running = false
    /// Offset of the next byte for libarchive (handed out or skipped); libarchive's thread only.
    private var position: Int64 = 0
    private var compressedOffset: Int64 = 0

    /// How far into the file the decoder has come, for a progress bar on any thread.
    var compressedProgress: Int64 {
        condition.lock()
        defer { condition.unlock() }
        return compressedOffset
    }

    init(source: XZBlockSource, total: Int64) {
        self.source = source
        self.total = total
        self.buffers = (0..<Self.slotCount).map { _ in .allocate(capacity: Self.slotBytes) }
        self.offsets = Array(repeating: 0, count: Self.slotCount)
        self.starts = Array(repeating: 0, count: Self.slotCount)
        self.lengths = Array(repeating: 0, count: Self.slotCount)
        self.position = source.position
        self.decodedUpTo = source.position
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    func start() {
        running = true
        let thread = Thread { [self] in produce() }
        thread.name = "sosarchive-xz"
        thread.start()
    }

    /// Ends the thread and waits until it has left the decoder; safe to call more than once.
    func stop() {
        condition.lock()
        let wasRunning = running
        running = false
        cancelled = true
        condition.broadcast()
        condition.unlock()
        if wasRunning { exited.wait() }
    }

    private func produce() {
        defer { exited.signal() }
        while true {
            condition.lock()
            while !cancelled, seekTarget == nil, filled == Self.slotCount || ended {
                condition.wait()
            }
            if cancelled {
                condition.unlock()
                return
            }
            if let target = seekTarget {
                seekTarget = nil
                condition.unlock()
                let moved = source.seek(to: target)
                condition.lock()
                decodedUpTo = source.position
                compressedOffset = source.compressedBytesRead
                // A later skip, asked for meanwhile, goes on from here.
                if !moved, seekTarget == nil { fail() }
                condition.broadcast()
                condition.unlock()
                continue
            }
            let slot = produceIndex
            condition.unlock()

            let offset = source.position
            var produced = 0
            var damaged = false
            // Fill the slot, across Block ends, so libarchive gets few, full pieces.
            while produced < Self.slotBytes {
                guard let got = source.decodeNext(into: buffers[slot] + produced, count: Self.slotBytes - produced) else {
                    damaged = true
                    break
                }
                if got == 0 { break }
                produced += got
            }

            condition.lock()
            var keptFrom = offset
            var keep = produced > 0
            if let target = seekTarget {
                // libarchive skipped while this slot was decoded (it starts at or before the target):
                // keep what lies past the target, or drop it all and let the decoder jump.
                keep = produced > 0 && offset + Int64(produced) > target
                if keep {
                    keptFrom = target
                    seekTarget = nil
                }
            }
            if keep {
                let cut = Int(keptFrom - offset)
                offsets[slot] = keptFrom
                starts[slot] = cut
                lengths[slot] = produced - cut
                produceIndex = (slot + 1) % Self.slotCount
                filled += 1
            }
            if seekTarget == nil {
                decodedUpTo = source.position
                if damaged {
                    fail()
                } else if produced == 0 || source.position >= total {
                    ended = true
                }
            }
            compressedOffset = source.compressedBytesRead
            // Only libarchive's thread waits on the condition besides this one.
            if readerWaiting, filled >= Self.wakeBatch || ended || seekTarget != nil {
                condition.broadcast()
            }
            condition.unlock()
        }
    }

    /// With the lock held: the decoder met damage at `decodedUpTo`.
    private func fail() {
        failure = source.errorMessage ?? "xz data is damaged"
        ended = true
    }

    /// libarchive's read callback: the next slot, in order.
    func read(source: XZBlockSource) -> UnsafeRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        releaseHeld()
        if filled == 0, !ended || seekTarget != nil {
            readerWaiting = true
            // Once here, wait for a batch of slots, not for the next one.
            while filled < Self.wakeBatch, !ended || seekTarget != nil {
                condition.wait()
            }
            readerWaiting = false
        }
        guard filled > 0 else {
            if let failure {
                source.errorMessage = failure
                return nil
            }
            return UnsafeRawBufferPointer(start: buffers[0], count: 0)
        }
        let slot = consumeIndex
        holding = true
        position = offsets[slot] + Int64(lengths[slot])
        return UnsafeRawBufferPointer(start: buffers[slot] + starts[slot], count: lengths[slot])
    }

    /// libarchive's skip callback: drops the slots before the target, trims the one it lands in,
    /// or sends the decoder past everything decoded.
    func skip(_ request: Int64, source: XZBlockSource) -> Int64? {
        condition.lock()
        defer { condition.unlock() }
        releaseHeld()
        let begin = position
        let target = min(total, position + max(0, request))
        while filled > 0 {
            let slot = consumeIndex
            let end = offsets[slot] + Int64(lengths[slot])
            if end <= target {
                filled -= 1
                consumeIndex = (slot + 1) % Self.slotCount
                continue
            }
            if offsets[slot] < target {
                let cut = Int(target - offsets[slot])
                starts[slot] += cut
                lengths[slot] -= cut
                offsets[slot] = target
            }
            break
        }
        if filled == 0, decodedUpTo < target {
            // Past all that was decoded: the decoder goes there (the slot being decoded keeps what
            // lies past the target). Damage met before the target is left behind with it; damage
            // at the target shows again.
            seekTarget = target
            failure = nil
            ended = false
            decodedUpTo = target
            condition.broadcast()
        }
        position = target
        return target - begin
    }

    /// With the lock held: the slot libarchive had is free again (it asked for more, or skipped).
    private func releaseHeld() {
        guard holding else { return }
        holding = false
        filled -= 1
        consumeIndex = (consumeIndex + 1) % Self.slotCount
        condition.broadcast()
    }
}
