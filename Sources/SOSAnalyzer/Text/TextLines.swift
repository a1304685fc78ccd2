#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a collected text file, numbered from 1, tolerant of what real systems write.
///
/// Splits on LF and drops one trailing CR, so CRLF files read like LF files. Splitting works on
/// UTF-8 code units on purpose: Swift treats `"\r\n"` as one `Character`, so
/// `split(separator: "\n")` would leave CRLF files as a single line. A missing final newline
/// (a truncated file) still yields the last line.
///
/// ```swift
/// for line in TextLines("a\r\nb") { print(line.number, line.text) }  // 1 a, 2 b
/// ```
public struct TextLines: Sequence, Sendable {
    /// One line, without its line terminator.
    public struct Line: Sendable, Equatable {
        /// 1-based line number in the file: what evidence cites.
        public let number: Int
        /// The text of the line, without `\n` or a trailing `\r`.
        public let text: Substring
    }

    private let text: String

    public init(_ text: String) {
        self.text = text
    }

    public func makeIterator() -> Iterator {
        Iterator(text: text)
    }

    public struct Iterator: IteratorProtocol {
        private let text: String
        private var position: String.Index
        private var number = 0

        init(text: String) {
            self.text = text
            self.position = text.startIndex
        }

        public mutating func next() -> Line? {
            let utf8 = text.utf8
            guard position < text.endIndex else { return nil }
            let start = position
            var end = Self.newline(in: utf8[start...]) ?? text.endIndex
            position = end < text.endIndex ? utf8.index(after: end) : text.endIndex
            if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") {
                end = utf8.index(before: end)
            }
            number += 1
            return Line(number: number, text: text[start..<end])
        }

        /// The first LF: memchr over the string's own bytes (a log is mostly line bodies to skip),
        /// the element walk only for a string that cannot lend them.
        private static func newline(in bytes: Substring.UTF8View) -> String.Index? {
            let offset = bytes.withContiguousStorageIfAvailable { buffer -> Int? in
                guard let base = buffer.baseAddress,
                      let hit = memchr(base, Int32(UInt8(ascii: "\n")), buffer.count) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            guard let offset else { return bytes.firstIndex(of: UInt8(ascii: "\n")) }
            return offset.map { bytes.index(bytes.startIndex, offsetBy: $0) }
        }
    }
}
