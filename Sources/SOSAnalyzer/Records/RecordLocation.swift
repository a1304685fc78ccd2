/// Where one record is in a JSON Lines file: the line's first byte and its length (without the
/// newline), so the record can be read again without reading the file from the top.
///
/// In a file whose first line is the error line
/// `{"error":"cases/b.tar.xz: empty file (0 bytes): the copy probably failed, fetch the report again","input":"cases/b.tar.xz","path":"cases/b.tar.xz","schemaVersion":1,"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}`
/// (242 bytes with its newline), the second line's record is at
/// `RecordLocation(path: "mixed.jsonl", line: 2, offset: 242, length: <its length>)`.
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
