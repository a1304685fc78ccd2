extension Substring {
    /// The text without leading and trailing spaces and tabs.
    var trimmedBlanks: Substring {
        trimmed(where: { $0 == " " || $0 == "\t" })
    }

    /// The text without leading and trailing spaces, tabs, CR and LF.
    var trimmedWhitespace: Substring {
        trimmed(where: \.isBlankOrNewline)
    }

    /// Fields separated by runs of spaces and tabs.
    var blankSeparatedFields: [Substring] {
        split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    private func trimmed(where isBlank: (Character) -> Bool) -> Substring {
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CR and LF, as a `String`.
    func trimmingWhitespace() -> String {
        String(Substring(self).trimmedWhitespace)
    }
}

extension Character {
    /// Space, tab, CR or LF.
    var isBlankOrNewline: Bool {
        self == " " || self == "\t" || self == "\r" || self == "\n"
    }
}
