/// A kernel log line in which the module loader says a module taints the kernel.
public struct ModuleTaintMessage: Sendable, Codable, Equatable {
    /// Module name as the kernel printed it.
    public var module: String
    /// `"out-of-tree"`, `"license"` (non-GPL licence), `"unsigned"` or `"staging"`.
    public var reason: String
    /// The taint letter the message sets: `"O"`, `"P"`, `"E"` or `"C"`.
    public var taintFlag: String
    /// The kernel's message from `<module>: ` to the end of the line, with timestamp, syslog and
    /// indent prefixes removed and trailing blanks trimmed; inner spacing kept as printed.
    public var message: String
    /// 1-based line of the message.
    public var line: Int

    public init(module: String, reason: String, taintFlag: String, message: String, line: Int) {
        self.module = module
        self.reason = reason
        self.taintFlag = taintFlag
        self.message = message
        self.line = line
    }
}

/// Finds the module loader's taint messages (`kernel/module.c`) in dmesg, syslog or journal text:
///
/// | message | reason | flag |
/// |---|---|---|
/// | `<m>: loading out-of-tree module taints kernel.` | out-of-tree | O |
/// | `<m>: module license '<l>' taints kernel.` | license | P |
/// | `<m>: module verification failed: signature and/or required key missing - tainting kernel` | unsigned | E |
/// | `<m>: module is from the staging directory, the quality is unknown, you have been warned.` | staging | C |
///
/// `Disabling lock debugging due to kernel taint` names no module and is not reported.
///
/// Real sample (corpus `taintmsg-01.txt`, tclahr/uac issue #262):
/// ```text
/// [  592.445287] taint_module: loading out-of-tree module taints kernel.
/// [  592.445291] taint_module: module license 'Proprietary' taints kernel.
/// [  592.445292] Disabling lock debugging due to kernel taint
/// [  592.445294] taint_module: module verification failed: signature and/or required key missing - tainting kernel
/// ```
/// yields three messages for `taint_module`: out-of-tree/O (line 1), license/P (line 2) with
/// message `"taint_module: module license 'Proprietary' taints kernel."`, unsigned/E (line 4).
public enum ModuleTaintMessageParser {
    public static func messages(in text: String) -> [ModuleTaintMessage] {
        TextLines(text).compactMap { message(inLine: $0.text, number: $0.number) }
    }

    /// Same for one log line (for streaming callers); nil if the line is not such a message.
    public static func message(inLine line: Substring, number: Int) -> ModuleTaintMessage? {
        guard line.contains("taint") || line.contains("staging") else { return nil }  // cheap reject for streamed logs
        var searchFrom = line.startIndex
        while let colon = line[searchFrom...].firstIndex(of: ":") {
            let afterColon = line.index(after: colon)
            searchFrom = afterColon
            guard let (reason, flag) = classify(line[afterColon...]) else { continue }
            let moduleStart = line[..<colon].lastIndex(where: { $0.isBlankOrNewline || $0 == "]" })
                .map { line.index(after: $0) } ?? line.startIndex
            let module = line[moduleStart..<colon]
            guard isModuleName(module) else { continue }
            var message = line[moduleStart...]
            while let last = message.last, last.isBlankOrNewline { message.removeLast() }
            return ModuleTaintMessage(
                module: String(module), reason: reason, taintFlag: flag, message: String(message), line: number)
        }
        return nil
    }

    /// The reason and flag for the text after `<module>:`, compared with blanks collapsed because
    /// some kernels print doubled spaces in these messages.
    private static func classify(_ text: Substring) -> (String, String)? {
        let words = text.blankSeparatedFields.map(bare)
        func starts(_ phrase: String) -> Bool {
            let expected = phrase.split(separator: " ")
            return words.count >= expected.count && zip(words, expected).allSatisfy { $0 == $1 }
        }
        if starts("loading out-of-tree module taints") {
            return ("out-of-tree", "O")
        }
        if starts("module license"), text.contains("taints kernel") { return ("license", "P") }
        if starts("module verification failed") { return ("unsigned", "E") }
        if starts("module is from the staging directory") { return ("staging", "C") }
        return nil
    }

    /// A word without the punctuation that ends it (`failed:`, `directory,`, `kernel.`).
    private static func bare(_ word: Substring) -> Substring {
        var word = word
        while let last = word.last, last == ":" || last == "," || last == "." { word.removeLast() }
        return word
    }

    private static func isModuleName(_ name: Substring) -> Bool {
        !name.isEmpty && name != "kernel"
            && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "-" || $0 == "." }
    }
}
