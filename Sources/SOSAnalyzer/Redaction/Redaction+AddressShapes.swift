/// The shapes of the addresses a redaction replaces, read from raw bytes: IPv6, IPv4, MAC.
extension Redaction {
    /// An IPv6 address at the start of `bytes`: hex groups of 1-4 digits and colons, with one
    /// `::` or all eight groups, an IPv4 tail allowed (`::ffff:10.0.0.1`). `21:46:51` (a time),
    /// `0000:00:03.0` (a PCI slot) and MACs are not.
    static func ipv6(_ bytes: ArraySlice<UInt8>) -> String? {
        var end = bytes.startIndex
        while end < bytes.endIndex, isHex(bytes[end]) || bytes[end] == UInt8(ascii: ":") || bytes[end] == UInt8(ascii: ".") {
            end += 1
        }
        if end < bytes.endIndex, isWordByte(bytes[end]) { return nil }  // `dead::beefy` is a word
        var text = String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
        // A sentence's full stop or a label's colon after it is not part of it.
        while let last = text.last, last == "." || (last == ":" && !text.hasSuffix("::")) { text.removeLast() }
        guard text.count >= 2, !text.hasPrefix(":") || text.hasPrefix("::") else { return nil }
        let doubled = text.components(separatedBy: "::").count - 1
        guard doubled <= 1 else { return nil }
        var groups = text.components(separatedBy: ":")
        var ipv4Groups = 0
        if let last = groups.last, last.contains(".") {
            guard ipv4(Array(last.utf8)[...]) == last else { return nil }
            groups.removeLast()
            ipv4Groups = 2
        }
        let filled = groups.filter { !$0.isEmpty }
        guard filled.allSatisfy({ $0.count <= 4 && !$0.contains(".") }) else { return nil }
        if doubled == 0 {
            guard filled.count + ipv4Groups == 8, groups.count == filled.count else { return nil }
        } else {
            guard filled.count + ipv4Groups <= 7 else { return nil }
        }
        return text
    }


    /// `a.b.c.d` at the start of `bytes`, each part 0...255, not followed by more of an address or version.
    static func ipv4(_ bytes: ArraySlice<UInt8>) -> String? {
        var index = bytes.startIndex
        var parts: [Int] = []
        while parts.count < 4 {
            var value = 0
            var digits = 0
            while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 4 {
                value = value * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
            }
            guard digits >= 1, digits <= 3, value <= 255 else { return nil }
            parts.append(value)
            if parts.count < 4 {
                guard index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") else { return nil }
                index += 1
            }
        }
        if index < bytes.endIndex {
            let next = bytes[index]
            if isWordByte(next) { return nil }
            // "1.2.3.4.5" is a version; "10.0.0.1." at the end of a sentence is an address.
            if next == UInt8(ascii: "."), index + 1 < bytes.endIndex, bytes[index + 1] >= 0x30, bytes[index + 1] <= 0x39 {
                return nil
            }
        }
        return String(decoding: bytes[bytes.startIndex..<index], as: UTF8.self)
    }

    /// `xx:xx:xx:xx:xx:xx` (or with `-`) at the start of `bytes`.
    static func mac(_ bytes: ArraySlice<UInt8>) -> String? {
        let length = 17
        guard bytes.count >= length else { return nil }
        let start = bytes.startIndex
        let separator = bytes[start + 2]
        guard separator == UInt8(ascii: ":") || separator == UInt8(ascii: "-") else { return nil }
        for offset in 0..<length {
            let byte = bytes[start + offset]
            if offset % 3 == 2 {
                guard byte == separator else { return nil }
            } else {
                guard isHex(byte) else { return nil }
            }
        }
        if start + length < bytes.endIndex {
            let next = bytes[start + length]
            if isHex(next) || next == separator || isWordByte(next) { return nil }
        }
        return String(decoding: bytes[start..<(start + length)], as: UTF8.self)
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
}
