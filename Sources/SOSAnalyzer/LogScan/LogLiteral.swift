/// What the byte tests in front of `Character` tests (`containsLogBytes`, `hasLogPrefix`,
/// `hasLogSuffix`) need of a literal to be exact.
enum LogLiteral {
    /// Non-empty ASCII without CR or LF (the one pair of ASCII bytes that makes one character), and
    /// without `K`, `;` or `` ` ``: Unicode has characters canonically equivalent to those three
    /// (KELVIN SIGN, GREEK QUESTION MARK, GREEK VARIA), which a `Character` comparison matches.
    static func isPlain(_ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { bytes in
            !bytes.isEmpty && bytes.allSatisfy { byte in
                byte < 0x80 && byte != 0x0D && byte != 0x0A && byte != UInt8(ascii: "K")
                    && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "`")
            }
        }
    }
}
