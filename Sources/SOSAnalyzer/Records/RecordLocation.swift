/// Where one record is in a JSON Lines file: the line's first byte and its length (without the
/// newline), so the record can be read again without reading the file from the top.
///
/// For the second line of a file whose first line is 45,049 bytes long (newline included):
/// `RecordLocation(path: "samples.jsonl", line: 2, offset: 45049, length: 28612)`.
public struct RecordLocation: Sendable, Equatable, Hashable {
    public var path: String
    /// 1-based, for messages.
    public var line: Int
    public var offset: Int64
    public var length: Int

    public init(path: String, line: Int, offset: Int64, length: Int) {
        self.path = path
        self.line = line
        self.offset = offset
        self.length = length
    }
}
