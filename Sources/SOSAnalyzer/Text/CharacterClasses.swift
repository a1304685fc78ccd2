extension Character {
    /// 0-9 only, unlike `isNumber`, which accepts other scripts and fractions.
    var isASCIIDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return ascii >= 48 && ascii <= 57
    }

    /// A-Z, a-z or 0-9.
    var isASCIILetterOrDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return (ascii >= 48 && ascii <= 57) || (ascii >= 65 && ascii <= 90) || (ascii >= 97 && ascii <= 122)
    }
}
