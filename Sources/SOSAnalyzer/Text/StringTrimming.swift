extension Substring {
    /// The text without leading and trailing spaces and tabs.
    var trimmedBlanks: Substring {
        let range = withASCIIBytes { bytes -> Range<Int> in
            var first = 0
            var end = bytes.count
            while first < end, Self.isBlank(bytes[first]) { first += 1 }
            while end > first, Self.isBlank(bytes[end - 1]) { end -= 1 }
            return first..<end
        }
        guard let range else { return trimmed(where: { $0 == " " || $0 == "\t" }) }
        return self[utf8.index(startIndex, offsetBy: range.lowerBound)..<utf8.index(startIndex, offsetBy: range.upperBound)]
    }

    /// The text without leading and trailing spaces, tabs, CR and LF.
    var trimmedWhitespace: Substring {
        trimmed(where: \.isBlankOrNewline)
    }

    /// Fields separated by runs of spaces and tabs.
    var blankSeparatedFields: [Substring] {
        let ranges = withASCIIBytes { bytes -> [Range<Int>] in
            var ranges: [Range<Int>] = []
            var offset = 0
            while offset < bytes.count {
                while offset < bytes.count, Self.isBlank(bytes[offset]) { offset += 1 }
                guard offset < bytes.count else { break }
                let start = offset
                while offset < bytes.count, !Self.isBlank(bytes[offset]) { offset += 1 }
                ranges.append(start..<offset)
            }
            return ranges
        }
        guard let ranges else { return split(whereSeparator: { $0 == " " || $0 == "\t" }) }
        return ranges.map { self[utf8.index(startIndex, offsetBy: $0.lowerBound)..<utf8.index(startIndex, offsetBy: $0.upperBound)] }
    }

    /// The text split at every tab, empty columns kept: `"a\t\tb"` gives `["a", "", "b"]`, as
    /// `split(separator: "\t", omittingEmptySubsequences: false)` does (on bytes for ASCII text).
    var tabSeparatedColumns: [Substring] {
        let ends = withASCIIBytes { bytes -> [Int] in
            var ends: [Int] = []
            for (offset, byte) in bytes.enumerated() where byte == 0x09 { ends.append(offset) }
            ends.append(bytes.count)
            return ends
        }
        guard let ends else { return split(separator: "\t", omittingEmptySubsequences: false) }
        var columns: [Substring] = []
        columns.reserveCapacity(ends.count)
        var start = startIndex
        for end in ends {
            let stop = utf8.index(startIndex, offsetBy: end)
            columns.append(self[start..<stop])
            if stop < endIndex { start = utf8.index(after: stop) }
        }
        return columns
    }

    /// `body` on the bytes of an all-ASCII native text; nil for any other. In ASCII text each byte is
    /// one `Character` (but CR LF, which neither a space nor a tab test splits), so the byte loops
    /// above give what the `Character` loops give, without grapheme breaking: that was most of a
    /// parser's time on long lists (an rpm list of 1,250 packages took 25 ms).
    private func withASCIIBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        let outcome = utf8.withContiguousStorageIfAvailable { bytes -> Result? in
            bytes.isASCII ? body(bytes) : nil
        }
        return outcome ?? nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private func trimmed(where isBlank: (Character) -> Bool) -> Substring {
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CR and LF, as a `String`.
    func trimmingWhitespace() -> String {
        String(Substring(self).trimmedWhitespace)
    }
}

extension Character {
    /// Space, tab, CR or LF.
    var isBlankOrNewline: Bool {
        self == " " || self == "\t" || self == "\r" || self == "\n"
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether every byte is below 0x80, tested eight at a time.
    var isASCII: Bool {
        var offset = 0
        if let base = baseAddress {
            while offset + 8 <= count {
                if UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                offset += 8
            }
        }
        while offset < count {
            if self[offset] >= 0x80 { return false }
            offset += 1
        }
        return true
    }
}
