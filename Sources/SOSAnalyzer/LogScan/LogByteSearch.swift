extension Substring.UTF8View {
    /// Whether the bytes of `needle` occur here in a row: a plain byte search, much cheaper than
    /// `Character`-level matching on long logs.
    ///
    /// For an ASCII needle without `K`, `;` or `` ` `` it is also a necessary condition of a
    /// `Character` or Foundation search finding it (`hasPrefix`, `contains`, `firstRange(of:)`):
    /// the only Unicode characters canonically equivalent to an ASCII one are KELVIN SIGN (`K`),
    /// GREEK QUESTION MARK (`;`) and GREEK VARIA (`` ` ``). The readers use it that way, as a
    /// guard in front of their exact test, so a line without the bytes costs one `memchr` pass.
    func containsLogBytes(_ needle: StaticString) -> Bool {
        guard needle.utf8CodeUnitCount > 0 else { return false }
        // Native strings hand out their bytes; the index walk below is for bridged ones only.
        if let found = withContiguousStorageIfAvailable({ ByteSearch.contains($0, needle) }) {
            return found
        }
        return walkContains(needle)
    }

    /// Whether every byte is below 0x80: the contiguous bytes eight at a time, as `withASCIIBytes` tests them.
    var isASCII: Bool {
        withContiguousStorageIfAvailable { $0.isASCII } ?? allSatisfy { $0 < 0x80 }
    }

    private func walkContains(_ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard self.count >= count else { return false }
        return needle.withUTF8Buffer { pattern -> Bool in
            let first = pattern[0]
            var index = startIndex
            let last = self.index(endIndex, offsetBy: -count)
            while index <= last {
                if self[index] == first {
                    var a = self.index(after: index)
                    var matched = true
                    for k in 1..<count {
                        if self[a] != pattern[k] { matched = false; break }
                        a = self.index(after: a)
                    }
                    if matched { return true }
                }
                index = self.index(after: index)
            }
            return false
        }
    }
}
