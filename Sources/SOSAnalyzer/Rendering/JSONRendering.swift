import Foundation

/// Stable JSON: sorted keys, two-space indent, slashes unescaped (paths stay readable).
public enum JSONRendering {
    public static func render<Value: Encodable>(_ value: Value) throws -> String {
        try fragment(value) + "\n"
    }

    /// The value as ``render(_:)`` writes it, without the final newline: a piece to put inside a
    /// larger document (``indented(_:by:)`` moves it to its depth there).
    public static func fragment<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A fragment moved `width` spaces to the right, as the encoder writes a value that deep
    /// in a document: every line but the first is indented, except the empty line the encoder
    /// writes inside an empty array or object (`[\n\n  ]`). A string value never holds a raw
    /// newline (the encoder writes `\n`), so only the layout's lines move.
    ///
    /// ```swift
    /// JSONRendering.indented("[\n  1\n]", by: 2)   // "[\n    1\n  ]"
    /// JSONRendering.indented("[\n\n]", by: 2)      // "[\n\n  ]"
    /// ```
    public static func indented(_ fragment: String, by width: Int) -> String {
        let bytes = Array(fragment.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        let newline = UInt8(ascii: "\n")
        for (index, byte) in bytes.enumerated() {
            out.append(byte)
            if byte == newline, index + 1 < bytes.count, bytes[index + 1] != newline {
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
