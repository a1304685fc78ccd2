#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A literal looked for in the raw bytes of log lines, millions of times a log.
///
/// The search jumps (`memchr`, vectorised in libc) to the literal's rarest byte rather than its
/// first: `taint` is looked for by its `n`, `Large kmem_alloc(` by its `(`, so in ordinary log text
/// few jumps land and each costs one short compare. A byte found here is a superset of what a
/// `String` search finds for an ASCII literal, so callers keep their exact check after it.
///
/// ```
/// let needle = ByteNeedle("mode:0x")     // anchored on "x"
/// needle.occurs(in: "swapper/0: page allocation failure: order:2, mode:0x4020")  // true
/// ```
struct ByteNeedle: Sendable {
    let bytes: [UInt8]
    /// Offset of the byte `memchr` looks for.
    let anchorOffset: Int

    init(_ literal: String) {
        self.init(bytes: Array(literal.utf8))
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var best = 0
        for offset in bytes.indices where Self.commonness(bytes[offset]) < Self.commonness(bytes[best]) {
            best = offset
        }
        self.anchorOffset = best
    }

    func occurs(in line: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = bytes.count
        guard length > 0 else { return true }
        guard let base = line.baseAddress, line.count >= length else { return false }
        return bytes.withUnsafeBufferPointer { pattern -> Bool in
            guard let patternBase = pattern.baseAddress else { return false }
            let anchor = Int32(pattern[anchorOffset])
            // The anchor can sit at anchorOffset ... count - length + anchorOffset.
            let lastAnchor = line.count - length + anchorOffset
            var from = anchorOffset
            while from <= lastAnchor, let hit = memchr(base + from, anchor, lastAnchor - from + 1) {
                let anchorAt = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let start = anchorAt - anchorOffset
                var matched = 0
                while matched < length, base[start + matched] == patternBase[matched] { matched += 1 }
                if matched == length { return true }
                from = anchorAt + 1
            }
            return false
        }
    }

    /// How often a byte turns up in log text, roughly: blanks and common letters high, digits and
    /// log punctuation in between, capitals and rare punctuation low.
    static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: " "): return 100
        case UInt8(ascii: "e"): return 95
        case UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "i"), UInt8(ascii: "n"): return 90
        case UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "h"), UInt8(ascii: "l"), UInt8(ascii: "d"): return 80
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 75
        case UInt8(ascii: "c"), UInt8(ascii: "u"), UInt8(ascii: "m"), UInt8(ascii: "p"): return 70
        case UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "-"), UInt8(ascii: "="), UInt8(ascii: ","): return 60
        case UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "y"), UInt8(ascii: "w"), UInt8(ascii: "b"): return 55
        case UInt8(ascii: "v"), UInt8(ascii: "k"), UInt8(ascii: "x"), UInt8(ascii: "_"): return 40
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 30
        case UInt8(ascii: "j"), UInt8(ascii: "q"), UInt8(ascii: "z"): return 20
        default: return 10
        }
    }
}
