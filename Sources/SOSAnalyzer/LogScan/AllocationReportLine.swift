/// Readers for the single lines an allocation-failure report is made of. Each takes a message
/// with the log prefixes already removed (`KernelLogLine.message`) and returns nil when the
/// line is not of its kind.
enum AllocationReportLine {

    // MARK: Header

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
            guard rest.trimmedBlanks.isEmpty || rest.trimmedBlanks == "," else { return nil }
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

    // MARK: Task line

    struct Task: Equatable {
        var comm: String
        var pid: Int?
        var cpu: Int?
        var taint: String?
        var release: String?
    }

    /// `Pid: 0, comm: swapper Tainted: G  ...  2.6.32-279.9.1.el6.x86_64 #1` (2.6.x) or
    /// `CPU: 21 PID: 0 Comm: swapper/21 Kdump: loaded Tainted: P  OE ... 3.10.0-1062.el7.x86_64 #1`.
    static func task(_ message: Substring) -> Task? {
        // ", comm: " or " Comm: " is required below; most lines have neither.
        guard message.utf8.containsLogBytes("omm: ") else { return nil }
        let text = message.trimmedBlanks
        let isOld = text.hasLogPrefix("Pid: ")
        guard isOld || text.hasLogPrefix("CPU: ") else { return nil }
        guard let commRange = text.firstRange(of: isOld ? ", comm: " : " Comm: ") else { return nil }
        var cpu: Int?
        if !isOld { cpu = intAfter("CPU:", in: text) }
        let pid = intAfter(isOld ? "Pid:" : "PID:", in: text)
        let rest = text[commRange.upperBound...]
        let stops = [" Not tainted", " Tainted:", " Kdump:"]
        var commEnd = rest.endIndex
        for stop in stops {
            if let r = rest.firstRange(of: stop), r.lowerBound < commEnd { commEnd = r.lowerBound }
        }
        if commEnd == rest.endIndex { commEnd = rest.firstIndex(of: " ") ?? rest.endIndex }
        let comm = String(rest[..<commEnd])
        guard !comm.isEmpty else { return nil }
        var taint: String?
        var release: String?
        let tail = rest[commEnd...]
        let taintStart = tail.firstRange(of: "Not tainted")?.lowerBound ?? tail.firstRange(of: "Tainted:")?.lowerBound
        if let taintStart {
            let fromTaint = tail[taintStart...]
            // the release is the word before " #<build>"
            let end = fromTaint.firstRange(of: " #")?.lowerBound ?? fromTaint.endIndex
            let body = fromTaint[..<end].trimmedBlanks
            if fromTaint.hasPrefix("Not tainted") {
                taint = "Not tainted"
                let rel = body.dropFirst("Not tainted".count).trimmedBlanks
                release = rel.isEmpty ? nil : String(rel.split(separator: " ").last ?? rel)
            } else if let space = body.lastIndex(of: " ") {
                taint = String(body[..<space].trimmedBlanks)
                release = String(body[body.index(after: space)...])
            } else {
                taint = String(body)
            }
        }
        return Task(comm: comm, pid: pid, cpu: cpu, taint: taint, release: release)
    }

    // MARK: Call trace frames

    struct Frame: Equatable {
        var frame: CallFrame
        /// Modules named elsewhere on the line: the ARM "from" caller.
        var otherModules: [String]
    }

    /// Markers the unwinder prints between frames, alone or before the first frame of a stack.
    static let traceMarkers = ["<IRQ>", "</IRQ>", "<EOI>", "<NMI>", "</NMI>", "<TASK>", "</TASK>", "<EOE>", "<<EOE>>"]

    static func droppingMarkers(_ message: Substring) -> Substring {
        var text = message.trimmedBlanks
        var changed = true
        while changed {
            changed = false
            // every marker opens with "<": spare the other lines nine prefix tests
            guard text.utf8.first == UInt8(ascii: "<") else { break }
            for marker in traceMarkers where text.hasPrefix(marker) {
                text = text.dropFirst(marker.count).trimmedBlanks
                changed = true
            }
        }
        return text
    }

    /// A frame in any of the printed forms:
    /// ` [<ffffffffa065c4fe>] ? kv_alloc.clone.10+0x6e/0xa0 [spl]`, ` [] ? sym+0x../0x..` (HTML-stripped),
    /// `dump_stack+0x66/0x90`, `? sym+0x../0x.. [mod]`, ARM `[<c000d20c>] (show_stack) from [<c009bf44>] (warn_alloc_failed+0xdc/0x124)`,
    /// 2.6.9 ` [__alloc_pages+441/862] __alloc_pages+0x1b9/0x35e`, 2.6.18 ` [<ffffffff8812>] :e1000:e1000_clean+0x5d/0x1f0`.
    static func frame(_ message: Substring) -> Frame? {
        // Every form below has an address in brackets or a "+0x" offset: prose has neither.
        guard message.utf8.containsLogBytes("[") || message.utf8.containsLogBytes("+0x") else { return nil }
        var text = droppingMarkers(message)
        var hadAddress = false
        // s390 prints the first frame in parentheses: "([<0000000000112f56>] show_trace+0x13e/0x148)"
        if text.hasLogPrefix("([<"), text.hasLogSuffix(")") {
            text = text.dropFirst().dropLast()
        }
        // powerpc: "[c0000000fe6b3a30] [c000000000017b54] .show_stack+0x74/0x1b0 (unreliable)"
        while text.first == "[", let close = text.firstIndex(of: "]"),
              text.distance(from: text.startIndex, to: close) > 8,
              text[text.index(after: text.startIndex)..<close].allSatisfy(\.isHexDigit) {
            text = text[text.index(after: close)...].trimmedBlanks
            hadAddress = true
        }
        if text.hasLogPrefix("[<"), let close = text.firstRange(of: ">]") {
            text = text[close.upperBound...].trimmedBlanks
            hadAddress = true
        } else if text.hasLogPrefix("[]") {
            text = text.dropFirst(2).trimmedBlanks
            hadAddress = true
        }
        if hadAddress, text.first == "(" {
            return armFrame(text)
        }
        var reliable = true
        if text.hasLogPrefix("? ") {
            reliable = false
            text = text.dropFirst(2).trimmedBlanks
        }
        // 2.6.9 "[sym+dec/dec] sym+0x../0x..": the bracket holds the symbol, not a module
        if text.first == "[", let close = text.firstIndex(of: "]") {
            let inside = text[text.index(after: text.startIndex)..<close]
            if inside.contains("+"), inside.contains("/") {
                text = text[text.index(after: close)...].trimmedBlanks
                hadAddress = true
            }
        }
        var symbolText = text.prefix(while: { $0 != " " })
        var module: String?
        // 2.6.18 ":mod:sym+off/len"
        if symbolText.first == ":" {
            let parts = symbolText.dropFirst().split(separator: ":", maxSplits: 1)
            if parts.count == 2, isModuleName(parts[0]) {
                module = String(parts[0])
                symbolText = parts[1]
            }
        }
        guard isSymbolWithOffset(symbolText) || (hadAddress && isPlainSymbol(symbolText)) else { return nil }
        var after = text.dropFirst(text.prefix(while: { $0 != " " }).count).trimmedBlanks
        if after.hasLogPrefix("(unreliable)") {
            reliable = false
            after = after.dropFirst("(unreliable)".count).trimmedBlanks
        }
        if !after.isEmpty {
            guard after.first == "[", let close = after.firstIndex(of: "]") else {
                // a trailing word that is not a module: not a frame unless an address made it one
                return hadAddress ? Frame(frame: CallFrame(symbol: String(symbolText), module: module, reliable: reliable), otherModules: []) : nil
            }
            let inside = after[after.index(after: after.startIndex)..<close]
            let name = inside.prefix(while: { $0 != " " })
            if isModuleName(name) { module = String(name) }
            else if !hadAddress { return nil }
        }
        return Frame(frame: CallFrame(symbol: String(symbolText), module: module, reliable: reliable), otherModules: [])
    }

    /// All frames of a line. 2.6.9-era x86_64 (RHEL4) prints several per line in braces:
    /// `Call Trace:<IRQ> <ffffffff8015f6b6>{__alloc_pages+789} <ffffffffa00b2c1e>{:e1000:e1000_alloc_rx_buffers+98}`.
    static func frames(_ message: Substring) -> [Frame] {
        if message.utf8.containsLogBytes(">{"), message.contains(">{") {
            var result: [Frame] = []
            var rest = message[...]
            while let open = rest.firstRange(of: ">{") {
                let inner = rest[open.upperBound...]
                guard let close = inner.firstIndex(of: "}") else { break }
                var symbol = inner[..<close]
                var module: String?
                if symbol.first == ":" {
                    let parts = symbol.dropFirst().split(separator: ":", maxSplits: 1)
                    if parts.count == 2, isModuleName(parts[0]) {
                        module = String(parts[0])
                        symbol = parts[1]
                    }
                }
                let name = symbol.prefix(while: { $0 != "+" })
                if isPlainSymbol(name) {
                    result.append(Frame(frame: CallFrame(symbol: String(symbol), module: module, reliable: true), otherModules: []))
                }
                rest = inner[inner.index(after: close)...]
            }
            return result
        }
        return frame(message).map { [$0] } ?? []
    }

    /// ARM: `(sym+off/len [mod]) from [<addr>] (caller+off/len [mod])`; the frame is the first part.
    private static func armFrame(_ text: Substring) -> Frame? {
        func paren(_ s: Substring) -> (String, String?, Substring)? {
            guard s.first == "(", let close = s.firstIndex(of: ")") else { return nil }
            let inside = s[s.index(after: s.startIndex)..<close].trimmedBlanks
            let symbol = inside.prefix(while: { $0 != " " })
            guard !symbol.isEmpty else { return nil }
            var module: String?
            let rest = inside.dropFirst(symbol.count).trimmedBlanks
            if rest.first == "[", let end = rest.firstIndex(of: "]") {
                let name = rest[rest.index(after: rest.startIndex)..<end]
                if isModuleName(name) { module = String(name) }
            }
            return (String(symbol), module, s[s.index(after: close)...])
        }
        guard let (symbol, module, rest) = paren(text) else { return nil }
        var others: [String] = []
        var tail = rest.trimmedBlanks
        if tail.hasPrefix("from ") {
            tail = tail.dropFirst(5).trimmedBlanks
            if tail.hasPrefix("[<"), let close = tail.firstRange(of: ">]") {
                tail = tail[close.upperBound...].trimmedBlanks
            }
            if let (_, callerModule, _) = paren(tail), let callerModule { others.append(callerModule) }
        }
        return Frame(frame: CallFrame(symbol: symbol, module: module, reliable: true), otherModules: others)
    }

    /// "name+0x1f/0x40" (also "name.cold+0x7b/0xdf", "name.constprop.0+...", "name+0x0/0x10").
    static func isSymbolWithOffset(_ token: Substring) -> Bool {
        guard let plus = token.lastIndex(of: "+") else { return false }
        let name = token[..<plus]
        let offset = token[token.index(after: plus)...]
        guard isPlainSymbol(name) else { return false }
        let parts = offset.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return parts.allSatisfy { part in
            part.hasLogPrefix("0x") && part.count > 2 && part.dropFirst(2).allSatisfy(\.isHexDigit)
        }
    }

    static func isPlainSymbol(_ token: Substring) -> Bool {
        guard let first = token.first, first.isLetter || first == "_" || first == "." else { return false }
        return token.allSatisfy { $0.isASCIILetterOrDigit || $0 == "_" || $0 == "." || $0 == "$" }
    }

    /// Module names are C identifiers (dashes allowed as modprobe writes them); not numbers
    /// ("[3255]"), not "RX+TX", not empty.
    static func isModuleName(_ token: Substring) -> Bool {
        guard !token.isEmpty, token.count <= 64, token.contains(where: { $0.isLetter }) else { return false }
        return token.allSatisfy { $0.isASCIILetterOrDigit || $0 == "_" || $0 == "-" }
    }

    /// " 0000000000000000 ffff88006b6fb9c8 ffffffff815f3246 0000000000000001": raw stack words.
    static func isStackWords(_ message: Substring) -> Bool {
        var sawWord = false
        for word in SpaceSeparatedWords(message) {
            // the hex test first: it stops at a prose word's first letter, the count walks the word
            guard word.allSatisfy(\.isHexDigit), word.count == 8 || word.count == 16 else { return false }
            sawWord = true
        }
        return sawWord
    }

    // MARK: Mem-Info

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

    // MARK: Helpers

    /// The integer right after `key` (spaces skipped), e.g. "order:" in "order:2, mode:..".
    static func intAfter(_ key: String, in text: Substring) -> Int? {
        guard let range = text.firstRange(of: key) else { return nil }
        let digits = text[range.upperBound...].drop(while: { $0 == " " }).prefix(while: \.isASCIIDigit)
        return Int(digits)
    }
}

