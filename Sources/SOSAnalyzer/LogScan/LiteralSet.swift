import CLogScan

/// Up to 64 literals looked for together, in one pass over a line's bytes.
///
/// A kernel line of a big log is tested for a dozen literals and more (the allocation-failure
/// signs, `taint`, the banner, zone ranges, each known-issue rule's literal). One `memchr` per
/// literal cost more than the rest of the scan; here each byte is looked up once in a table of the
/// literals anchored on it (their rarest byte, as ``ByteNeedle`` picks it), and only those are
/// compared where it lands. The answer is a bit per literal, the same as ``ByteNeedle/occurs(in:)``
/// for each.
///
/// ```
/// let set = LiteralSet(["taint", "mode:0x", "Zone "])
/// set.scan("swapper/0: page allocation failure: order:2, mode:0x4020")  // 0b010
/// ```
struct LiteralSet: Sendable {
    /// The most literals one set holds: the answer is one `UInt64`.
    static let capacity = 64

    let count: Int
    /// Per byte value: the range of `entries` anchored on it, as `start | end << 16` (0: none).
    private let slots: [UInt32]
    private let entries: [sos_literal_entry]
    private let storage: [UInt8]
    private let all: UInt64

    /// - Precondition: at most ``capacity`` literals, none empty.
    init(_ literals: [String]) {
        self.init(bytes: literals.map { Array($0.utf8) })
    }

    init(bytes literals: [[UInt8]]) {
        precondition(literals.count <= Self.capacity && !literals.contains { $0.isEmpty })
        count = literals.count
        all = count == 64 ? ~0 : (1 << UInt64(count)) - 1
        var storage: [UInt8] = []
        var byAnchor = [[sos_literal_entry]](repeating: [], count: 256)
        for (index, literal) in literals.enumerated() {
            let anchorOffset = ByteNeedle(bytes: literal).anchorOffset
            byAnchor[Int(literal[anchorOffset])].append(sos_literal_entry(
                storage_start: UInt32(storage.count), length: UInt32(literal.count),
                anchor_offset: UInt32(anchorOffset), bit: UInt32(index)))
            storage += literal
        }
        var slots = [UInt32](repeating: 0, count: 256)
        var entries: [sos_literal_entry] = []
        for byte in 0..<256 where !byAnchor[byte].isEmpty {
            let start = entries.count
            entries += byAnchor[byte]
            slots[byte] = UInt32(start) | UInt32(entries.count) << 16
        }
        self.slots = slots
        self.entries = entries
        self.storage = storage
    }

    /// Bit `i` set when literal `i` occurs in `line`. The walk is C (`sos_literal_set_scan`):
    /// about a quarter less time than the same walk in Swift, whose array accesses each kept a
    /// bounds check; about one byte in six of a kernel line lands on an anchor, so the compares
    /// are a loop there rather than calls to `memcmp`.
    func scan(_ line: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = line.baseAddress, count > 0 else { return 0 }
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                storage.withUnsafeBufferPointer { storage in
                    sos_literal_set_scan(base, line.count, slots.baseAddress, entries.baseAddress, storage.baseAddress, all)
                }
            }
        }
    }
}
