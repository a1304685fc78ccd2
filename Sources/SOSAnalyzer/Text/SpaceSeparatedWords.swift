/// The words of a text between `" "` characters, empty ones left out: the same words, with the
/// same indices, as `text.split(separator: " ")`, but made one at a time, so a reader that gives
/// up at its first wrong word (most lines of a log, for most readers) allocates no array.
struct SpaceSeparatedWords: Sequence, IteratorProtocol {
    private let text: Substring
    private var position: Substring.Index

    init(_ text: Substring) {
        self.text = text
        self.position = text.startIndex
    }

    mutating func next() -> Substring? {
        while position < text.endIndex, text[position] == " " { position = text.index(after: position) }
        guard position < text.endIndex else { return nil }
        let start = position
        while position < text.endIndex, text[position] != " " { position = text.index(after: position) }
        return text[start..<position]
    }
}
