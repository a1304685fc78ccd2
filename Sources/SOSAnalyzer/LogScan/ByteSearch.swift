#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A literal's bytes looked for in a line's bytes, for one-off literals (`StaticString`: nothing
/// to retain per call). Literals searched on every line of a log are ``ByteNeedle``s, which jump
/// to their rarest byte instead of their first.
enum ByteSearch {
    /// Whether `needle` occurs in `line`, byte for byte.
    static func contains(_ line: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        let pattern = needle.utf8Start
        guard length > 0 else { return true }
        guard let base = line.baseAddress, line.count >= length else { return false }
        let last = line.count - length  // last offset where the needle still fits
        var offset = 0
        // memchr for the first byte (vectorised in libc), then compare the rest in place.
        while offset <= last, let hit = memchr(base + offset, Int32(pattern[0]), last - offset + 1) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var matched = 1
            while matched < length, base[at + matched] == pattern[matched] { matched += 1 }
            if matched == length { return true }
            offset = at + 1
        }
        return false
    }
}
