/// Recognises the text sos stores when a command or file gave nothing usable, and small
/// text helpers the identity and kernel parsers share.
///
/// sos writes a command's stderr into the same file as its stdout, so a host without `lsmod` or
/// `lsb_release` leaves `sh: lsb_release: command not found` where the output should be. That is
/// "not collected", not a malformed file.
enum NotCollectedText {
    private static let markers = [
        "command not found", "No such file or directory", "Permission denied", "not installed",
        "Operation not permitted",
    ]

    static func matches(_ line: Substring) -> Bool {
        markers.contains { line.contains($0) }
    }

    /// The text without leading and trailing spaces, tabs and CR.
    static func trim(_ text: Substring) -> String {
        String(trimmed(text))
    }

    static func trimmed(_ text: Substring) -> Substring {
        var slice = text
        while let first = slice.first, isBlank(first) { slice.removeFirst() }
        while let last = slice.last, isBlank(last) { slice.removeLast() }
        return slice
    }

    static func isBlank(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\r" || character == "\n"
    }

    static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    /// Whitespace-separated fields of a line.
    static func fields(_ line: Substring) -> [Substring] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }
}
