extension Substring {
    /// `hasPrefix(prefix)`, told on the bytes. For the readers' literal prefixes: plain ASCII
    /// (`LogLiteral.isPlain`).
    ///
    /// Bytes that do not start with the prefix cannot start with its characters. Bytes that do are
    /// those characters when the next byte is ASCII too (or there is none): no two ASCII bytes
    /// make one character except CR LF, and only a non-ASCII byte can extend the last one. When the
    /// next byte is not ASCII (a combining accent, say), `hasPrefix` itself decides.
    func hasLogPrefix(_ prefix: StaticString) -> Bool {
        assert(LogLiteral.isPlain(prefix), "\(prefix) is not a plain ASCII literal")
        let bytes = utf8
        let end: Substring.Index? = prefix.withUTF8Buffer { pattern in
            var index = bytes.startIndex
            for byte in pattern {
                guard index < bytes.endIndex, bytes[index] == byte else { return nil }
                index = bytes.index(after: index)
            }
            return index
        }
        guard let end else { return false }
        if end == bytes.endIndex || bytes[end] < 0x80 { return true }
        return hasPrefix(prefix.description)
    }

    /// `hasSuffix(suffix)`, told on the bytes; the mirror of `hasLogPrefix`: the byte before the
    /// suffix must be ASCII (or absent) for the suffix's first character to start there.
    func hasLogSuffix(_ suffix: StaticString) -> Bool {
        assert(LogLiteral.isPlain(suffix), "\(suffix) is not a plain ASCII literal")
        let bytes = utf8
        let start: Substring.Index? = suffix.withUTF8Buffer { pattern in
            var index = bytes.endIndex
            for byte in pattern.reversed() {
                guard index > bytes.startIndex else { return nil }
                index = bytes.index(before: index)
                guard bytes[index] == byte else { return nil }
            }
            return index
        }
        guard let start else { return false }
        if start == bytes.startIndex || bytes[bytes.index(before: start)] < 0x80 { return true }
        return hasSuffix(suffix.description)
    }
}
