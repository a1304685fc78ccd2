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

    private struct Entry: Sendable {
        var literal: Int
        var storageStart: Int
        var length: Int
        var anchorOffset: Int
    }

    let count: Int
    /// Per byte value: the range of `entries` anchored on it, as `start | end << 16` (0: none).
    private let slots: [UInt32]
    private let entries: [Entry]
    private let storage: [UInt8]

    /// - Precondition: at most ``capacity`` literals, none empty.
    init(_ literals: [String]) {
        self.init(bytes: literals.map { Array($0.utf8) })
    }

    init(bytes literals: [[UInt8]]) {
        precondition(literals.count <= Self.capacity && !literals.contains { $0.isEmpty })
        count = literals.count
        var storage: [UInt8] = []
        var byAnchor = [[Entry]](repeating: [], count: 256)
        for (index, literal) in literals.enumerated() {
            let anchorOffset = ByteNeedle(bytes: literal).anchorOffset
            byAnchor[Int(literal[anchorOffset])].append(
                Entry(literal: index, storageStart: storage.count, length: literal.count, anchorOffset: anchorOffset))
            storage += literal
        }
        var slots = [UInt32](repeating: 0, count: 256)
        var entries: [Entry] = []
        for byte in 0..<256 where !byAnchor[byte].isEmpty {
            let start = entries.count
            entries += byAnchor[byte]
            slots[byte] = UInt32(start) | UInt32(entries.count) << 16
        }
        self.slots = slots
        self.entries = entries
        self.storage = storage
    }

    /// Bit `i` set when literal `i` occurs in `line`.
    func scan(_ line: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = line.baseAddress, count > 0 else { return 0 }
        let length = line.count
        let all: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) - 1
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                storage.withUnsafeBufferPointer { storage in
                    var found: UInt64 = 0
                    var position = 0
                    while position < length {
                        let slot = slots[Int(base[position])]
                        if slot != 0 {
                            for index in Int(slot & 0xFFFF)..<Int(slot >> 16) {
                                let entry = entries[index]
                                let bit: UInt64 = 1 << UInt64(entry.literal)
                                guard found & bit == 0 else { continue }
                                let start = position - entry.anchorOffset
                                guard start >= 0, start + entry.length <= length else { continue }
                                var matched = 0
                                while matched < entry.length, base[start + matched] == storage[entry.storageStart + matched] {
                                    matched += 1
                                }
                                if matched == entry.length {
                                    found |= bit
                                    if found == all { return found }
                                }
                            }
                        }
                        position += 1
                    }
                    return found
                }
            }
        }
    }
}
