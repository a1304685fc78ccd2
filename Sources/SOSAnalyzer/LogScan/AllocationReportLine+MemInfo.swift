/// The Mem-Info lines (`show_mem`) a report keeps: zone watermarks and free areas.
extension AllocationReportLine {

    static let zoneNames: Set<Substring> = ["DMA", "DMA32", "Normal", "HighMem", "Movable", "Device"]

    /// `Node 0 Normal free:173104kB min:173116kB low:186432kB high:199748kB ...` or `DMA free:32kB min:40kB ...`.
    static func watermarks(_ message: Substring, line: Int) -> MemInfoZoneWatermarks? {
        // "free:" is required below; it also keeps most lines from the word walk.
        guard message.utf8.containsLogBytes("free:") else { return nil }
        var words = SpaceSeparatedWords(message)
        guard var zone = words.next() else { return nil }
        var node: Int?
        if zone == "Node" {
            // "Node N zone ...": taken only when the zone word is there too
            var ahead = words
            if let number = ahead.next(), let zoneWord = ahead.next(), let n = Int(number) {
                node = n
                zone = zoneWord
                words = ahead
            }
        }
        guard zoneNames.contains(zone) else { return nil }
        // The first parsable value of each key counts; only these four are kept.
        var free: Int?, min: Int?, low: Int?, high: Int?
        for word in words {
            guard let colon = word.firstIndex(of: ":") else { continue }
            let key = word[..<colon]
            let value = word[word.index(after: colon)...]
            guard value.hasSuffix("kB") || value.hasSuffix("KB") else { continue }
            switch key {
            case "free": if free == nil { free = Int(value.dropLast(2)) }
            case "min": if min == nil { min = Int(value.dropLast(2)) }
            case "low": if low == nil { low = Int(value.dropLast(2)) }
            case "high": if high == nil { high = Int(value.dropLast(2)) }
            default: break
            }
        }
        guard let free else { return nil }
        return MemInfoZoneWatermarks(node: node, zone: String(zone), freeKiB: free, minKiB: min,
                                     lowKiB: low, highKiB: high, line: line)
    }

    /// `lowmem_reserve[]: 0 2958 65520 65520`: the pages a zone keeps back per request class.
    static func lowmemReserve(_ message: Substring) -> [Int]? {
        guard message.hasLogPrefix("lowmem_reserve[]:") else { return nil }
        var values: [Int] = []
        for word in SpaceSeparatedWords(message.dropFirst("lowmem_reserve[]:".count)) {
            guard let value = Int(word) else { return nil }
            values.append(value)
        }
        return values.isEmpty ? nil : values
    }

    /// One token of a free-area line (`show_free_areas`), which pr_cont may have spread over lines.
    enum FreeAreaToken: Equatable {
        case node
        case number(Int)
        case zone(String)
        case blocks(count: Int, sizeKiB: Int)
        case typeLetters
        case equals
        case total(Int)
        case empty
    }

    /// The tokens of a line made only of free-area pieces, or nil if any word is something else.
    static func freeAreaTokens(_ message: Substring) -> [FreeAreaToken]? {
        var tokens: [FreeAreaToken] = []
        // one token per word, or nil at the first word that is none: most lines stop at their first
        for word in SpaceSeparatedWords(message) {
            if word == "Node" { tokens.append(.node) }
            else if word == "=" { tokens.append(.equals) }
            else if word == "empty" { tokens.append(.empty) }
            else if let n = Int(word) { tokens.append(.number(n)) }
            else if word.hasLogSuffix(":"), zoneNames.contains(word.dropLast()) { tokens.append(.zone(String(word.dropLast()))) }
            else if word.hasLogPrefix("("), word.hasLogSuffix(")"), word.count > 2,
                    word.dropFirst().dropLast().allSatisfy({ $0.isUppercase && $0.isASCII }) { tokens.append(.typeLetters) }
            else if word.hasLogSuffix("kB"), let star = word.firstIndex(of: "*") {
                guard let count = Int(word[..<star]), let size = Int(word[word.index(after: star)...].dropLast(2)) else { return nil }
                tokens.append(.blocks(count: count, sizeKiB: size))
            } else if word.hasLogSuffix("kB"), let total = Int(word.dropLast(2)) { tokens.append(.total(total)) }
            else { return nil }
        }
        // no word, or a line of bare numbers, is not a free-area line ("0 0 7459" lowmem_reserve values come with a key)
        guard tokens.contains(where: { if case .number = $0 { return false }; return true }) else { return nil }
        return tokens
    }
}
