/// The output of `uname -a`, as sos stores it in `sos_commands/kernel/uname_-a` (also the
/// `uname` symlink at the top of the archive).
public struct Uname: Sendable, Codable, Equatable {
    /// Kernel name (`uname -s`), e.g. `"Linux"`.
    public var kernelName: String
    /// Node name (`uname -n`) at collection time.
    public var hostname: String
    /// Kernel release (`uname -r`), e.g. `"2.6.32-504.el6.x86_64"`.
    public var release: String
    /// Kernel build string (`uname -v`), e.g. `"#1 SMP Tue Sep 16 01:56:35 EDT 2014"`; `nil`
    /// when the line stops after the release.
    public var version: String?
    /// Machine hardware name (`uname -m`), e.g. `"x86_64"`; `nil` when it cannot be told apart.
    public var machine: String?
    /// 1-based line the values came from.
    public var line: Int

    public init(kernelName: String, hostname: String, release: String, version: String?, machine: String?, line: Int) {
        self.kernelName = kernelName
        self.hostname = hostname
        self.release = release
        self.version = version
        self.machine = machine
        self.line = line
    }
}

/// Reads `uname -a` output.
///
/// The build string has spaces in it, and so does the processor field on some hosts
/// (`Intel(R) Xeon(R) CPU @ 2.30GHz`), so neither counting fields from the start nor from the end
/// works. The build string ends with the build date, whose last token is the year after a
/// `HH:MM:SS` time; the machine field is the token after that year.
///
/// Real sample (corpus `uname-01.txt`, insights-core `test_uname.py`):
/// ```text
/// Linux foo.example.com 2.6.32-504.el6.x86_64 #1 SMP Tue Sep 16 01:56:35 EDT 2014 x86_64 x86_64 x86_64 GNU/Linux
/// ```
/// yields `kernelName` `"Linux"`, `hostname` `"foo.example.com"`, `release`
/// `"2.6.32-504.el6.x86_64"`, `version` `"#1 SMP Tue Sep 16 01:56:35 EDT 2014"`, `machine`
/// `"x86_64"`, `line` 1.
///
/// Output wrapped over two lines (before the release, or inside the build string) is read
/// as one line; the values cite the line the output starts on.
public enum UnameParser {
    public static func parse(_ text: String) throws(ParseFailure) -> Uname {
        let lines = TextLines(text).filter { !$0.text.blankSeparatedFields.isEmpty }
        for (index, line) in lines.enumerated() {
            let fields = line.text.blankSeparatedFields
            // A prompt or a stray message can precede the output: the release starts with a digit.
            guard isUnameLine(fields) else { continue }
            let parsed = uname(from: fields, line: line.number)
            // Output wrapped after the release or inside the build string (a terminal's width,
            // a mail client): the next line carries the rest.
            if parsed.machine == nil, index + 1 < lines.count, !isUnameLine(lines[index + 1].text.blankSeparatedFields) {
                let joined = uname(from: fields + lines[index + 1].text.blankSeparatedFields, line: line.number)
                if joined.machine != nil { return joined }
            }
            return parsed
        }
        // Wrapped before the release: "Linux" or "Linux host" alone on the first line.
        if lines.count >= 2 {
            let fields = lines.prefix(4).flatMap { $0.text.blankSeparatedFields }
            if isUnameLine(fields), let first = lines.first {
                return uname(from: fields, line: first.number)
            }
        }
        guard let firstContent = lines.first else { throw .notCollected("uname output is empty") }
        if NotCollectedText.matches(firstContent.text) {
            throw .notCollected(firstContent.text.trimmingWhitespace())
        }
        throw .malformed(line: firstContent.number, message: "no 'kernel-name hostname release ...' line")
    }

    /// `<kernel name> <host> <release> ...`, the release starting with a digit.
    private static func isUnameLine(_ fields: [Substring]) -> Bool {
        fields.count >= 3 && fields[0].first?.isLetter == true && fields[2].first?.isNumber == true
    }

    private static func uname(from fields: [Substring], line: Int) -> Uname {
        var version: String?
        var machine: String?
        if fields.count > 3 {
            let rest = Array(fields[3...])
            if let yearIndex = buildYearIndex(in: rest) {
                version = rest[...yearIndex].joined(separator: " ")
                if yearIndex + 1 < rest.count { machine = String(rest[yearIndex + 1]) }
            } else if rest.count >= 5, rest.last?.hasPrefix("GNU") == true || rest.last == "Linux" {
                // No recognisable date: fall back to the fixed tail "machine processor platform os".
                machine = String(rest[rest.count - 4])
                version = rest[..<(rest.count - 4)].joined(separator: " ")
            } else {
                version = rest.joined(separator: " ")
            }
        }
        return Uname(
            kernelName: String(fields[0]), hostname: String(fields[1]), release: String(fields[2]),
            version: version, machine: machine, line: line)
    }

    /// Index of the year that closes the build date: a 4-digit token one or two places after an
    /// `HH:MM:SS` token (a time zone may sit between them).
    private static func buildYearIndex(in fields: [Substring]) -> Int? {
        for (index, field) in fields.enumerated() where isClockTime(field) {
            for candidate in (index + 1)...(index + 2) where candidate < fields.count {
                let token = fields[candidate]
                if token.count == 4, token.allSatisfy(\Character.isASCIIDigit) { return candidate }
            }
        }
        return nil
    }

    private static func isClockTime(_ token: Substring) -> Bool {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\Character.isASCIIDigit) }
    }
}
