/// Recognises the text sos stores when a command or file gave nothing usable.
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
}
