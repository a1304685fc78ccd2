/// Call-trace frames in the forms kernels of every generation print, and raw stack words.
extension AllocationReportLine {

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
}
