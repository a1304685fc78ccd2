/// The header of an allocation-failure report and the pieces concurrent CPUs cut it into.
extension AllocationReportLine {

    struct Header: Equatable {
        /// Nil when the comm was printed on another line (interleaved printk pieces).
        var comm: String?
        /// True when the comm was cut out of a line with other text glued before it.
        var commUncertain: Bool
        var order: Int
        var gfpMask: String
        var gfpFlags: [String]?
    }

    /// Every header on the line: `comm: page allocation failure. order:N, mode:0xM` and its later
    /// forms (`: order:N, mode:0xM(FLAGS), nodemask=...`, `vmalloc: allocation failure: N bytes, mode:...`,
    /// `vmalloc error: size N, ... mode:...`). Empty for prose quoting a header.
    /// Concurrent CPUs can glue two into one line:
    /// `page allocation failure: order:0page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)`
    /// (dCache/dcache #3787); a header whose `, mode:` went to a later line gets an empty mask,
    /// filled from that line by `modeContinuation`.
    static func headers(_ message: Substring) -> [Header] {
        // Every marker holds one of these byte runs, and almost no line does: one memchr pass
        // instead of three substring searches that each build a table first.
        let bytes = message.utf8
        guard bytes.containsLogBytes("allocation failure") || bytes.containsLogBytes("vmalloc error:") else { return [] }
        var found: [(range: Range<Substring.Index>, isVmalloc: Bool)] = []
        for (index, marker) in headerMarkers.enumerated() where bytes.containsLogBytes(marker) {
            for range in message.ranges(of: marker.description) { found.append((range, index > 0)) }
        }
        found.sort { $0.range.lowerBound < $1.range.lowerBound }
        guard let first = found.first else { return [] }
        var result: [Header] = []
        for (i, occurrence) in found.enumerated() {
            let end = i + 1 < found.count ? found[i + 1].range.lowerBound : message.endIndex
            let segment = message[occurrence.range.upperBound..<end]
            guard let parsed = parseSegment(segment, isVmalloc: occurrence.isVmalloc) else {
                if i == 0 { return [] }
                continue
            }
            // Prose quoting a header ("messages like “swapper: page allocation failure ...”")
            if parsed.quoted { return [] }
            var header = Header(comm: nil, commUncertain: false, order: parsed.order, gfpMask: parsed.mask, gfpFlags: parsed.flags)
            if i == 0 {
                guard let comm = commBefore(message[..<first.range.lowerBound]) else { return [] }
                header.comm = comm.comm
                header.commUncertain = comm.uncertain
            }
            result.append(header)
        }
        return result
    }

    private static let headerMarkers: [StaticString] = ["page allocation failure", "vmalloc: allocation failure", "vmalloc error:"]

    private static func parseSegment(_ segment: Substring, isVmalloc: Bool)
        -> (order: Int, mask: String, flags: [String]?, quoted: Bool)? {
        var order = 0
        if !isVmalloc {
            guard let first = segment.first, first == "." || first == ":" else { return nil }
            guard let orderValue = intAfter("order:", in: segment) else { return nil }
            order = orderValue
        }
        guard let modeRange = segment.firstRange(of: "mode:0x") else {
            // "order:0" cut short by another CPU's piece; its ", mode:..." comes on a later line
            guard !isVmalloc, let orderRange = segment.firstRange(of: "order:") else { return nil }
            let rest = segment[orderRange.upperBound...].drop(while: { $0 == " " }).drop(while: \.isASCIIDigit)
            // or glued to another CPU's raw stack words: "page allocation failure: order:0 0000000000000000"
            guard rest.trimmedBlanks.isEmpty || rest.trimmedBlanks == "," || isStackWords(rest) else { return nil }
            return (order, "", nil, false)
        }
        let hexStart = segment.index(modeRange.lowerBound, offsetBy: 5)
        let hex = segment[hexStart...].prefix(while: { $0 == "x" || $0.isHexDigit })
        guard hex.count > 2 else { return nil }
        let (flags, afterFlags) = flagsAfter(segment[hex.endIndex...])
        let quoted = afterFlags.first.map { quoteCharacters.contains($0) } ?? false
        return (order, hex.lowercased(), flags, quoted)
    }

    /// "(GFP_KERNEL|__GFP_COMP)" right after the hex mask (4.6+), and what follows it.
    private static func flagsAfter(_ text: Substring) -> ([String]?, Substring) {
        guard text.first == "(", let close = text.firstIndex(of: ")") else { return (nil, text) }
        let inside = text[text.index(after: text.startIndex)..<close]
        let flags = inside.split(separator: "|").map { String($0.trimmedBlanks) }.filter { !$0.isEmpty }
        return (flags.isEmpty ? nil : flags, text[text.index(after: close)...])
    }

    /// ", mode:0x2080020(GFP_ATOMIC)" on a line of its own: the rest of a header cut by another CPU.
    static func modeContinuation(_ message: Substring) -> (mask: String, flags: [String]?)? {
        guard message.utf8.containsLogBytes("mode:0x") else { return nil }
        var text = message.trimmedBlanks
        if text.hasPrefix(",") { text = text.dropFirst().trimmedBlanks }
        guard text.hasPrefix("mode:0x") else { return nil }
        let hex = text.dropFirst(5).prefix(while: { $0 == "x" || $0.isHexDigit })
        guard hex.count > 2 else { return nil }
        return (hex.lowercased(), flagsAfter(text[hex.endIndex...]).0)
    }

    /// The comm printed before the first header: nil result means "not a log header" (prose);
    /// a nil comm means none was printed on this line.
    private static func commBefore(_ text: Substring) -> (comm: String?, uncertain: Bool)? {
        var before = text.trimmedBlanks
        if before.hasSuffix(":") { before = before.dropLast().trimmedBlanks }
        if before.isEmpty { return (nil, false) }
        if before.contains(where: { quoteCharacters.contains($0) }) { return nil }
        // TASK_COMM_LEN is 16: a whole prefix that short is the comm, spaces included
        let isStackWord = (before.count == 8 || before.count == 16) && before.allSatisfy(\.isHexDigit)
        if before.count <= 16, !isStackWord { return (String(before), false) }
        // Something glued before the comm: raw stack words of another CPU's dump. Keep the last
        // word as a guess; anything else before it (a sentence) is prose, not a log line.
        let words = before.split(separator: " ")
        guard var lastWord = words.last else { return nil }
        guard words.dropLast().allSatisfy({ $0.allSatisfy(\.isHexDigit) }) else { return nil }
        if lastWord.count > 16, lastWord.prefix(16).allSatisfy(\.isHexDigit) { lastWord = lastWord.dropFirst(16) }
        // only stack words before the header: the comm went to another line (the task line tells it)
        if (lastWord.count == 8 || lastWord.count == 16), lastWord.allSatisfy(\.isHexDigit) { return (nil, true) }
        guard !lastWord.isEmpty, lastWord.count <= 16 else { return nil }
        return (String(lastWord), true)
    }

    static let quoteCharacters: Set<Character> = ["\u{201C}", "\u{201D}", "\"", "\u{2018}", "\u{2019}", "`", "'"]

    /// "swapper/12: " alone on a line: the comm part of a header whose rest came later.
    static func loneComm(_ message: Substring) -> String? {
        let text = message.trimmedBlanks
        guard text.hasSuffix(":"), text.count >= 2, text.count <= 17 else { return nil }
        let comm = text.dropLast()
        guard !comm.contains(" "), !comm.contains(":"), !zoneNames.contains(comm),
              comm.contains(where: { $0.isLetter }) else { return nil }
        return String(comm)
    }
}
