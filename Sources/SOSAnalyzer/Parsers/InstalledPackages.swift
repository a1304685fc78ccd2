/// One installed package, from an rpm list or `dpkg -l`.
public struct InstalledPackage: Sendable, Codable, Equatable {
    public var name: String
    /// rpm: VERSION (with `E:` when the list printed an epoch). dpkg: the whole Debian version
    /// (`[epoch:]upstream[-revision]`), unsplit.
    public var version: String?
    /// rpm RELEASE; nil for dpkg.
    public var release: String?
    /// nil when the rpm list printed none (`rpm -qa` with a custom format, gpg-pubkey).
    public var arch: String?
    /// As written (`Wed May 18 14:17:17 2016`); nil for dpkg and bare `rpm -qa`.
    public var installTime: String?
    public var line: Int

    public init(name: String, version: String? = nil, release: String? = nil, arch: String? = nil,
                installTime: String? = nil, line: Int) {
        self.name = name
        self.version = version
        self.release = release
        self.arch = arch
        self.installTime = installTime
        self.line = line
    }

    /// `name-version-release.arch` ("kernel-2.6.32-358.el6.x86_64"), leaving out absent parts.
    public var nvra: String {
        var text = name
        if let version { text += "-" + version }
        if let release { text += "-" + release }
        if let arch { text += "." + arch }
        return text
    }
}

/// The packages of one list, and the lines that were not packages.
public struct PackageList: Sendable, Codable, Equatable, NotedParse {
    public var packages: [InstalledPackage]
    public var notes: [ParseNote]

    public init(packages: [InstalledPackage], notes: [ParseNote]) {
        self.packages = packages
        self.notes = notes
    }
}

/// Reads package lists: `installed-rpms`, `sos_commands/rpm/package-data`, `installed-debs`.
///
/// rpm sample (lines from insights-core `test_installed_rpms.py`, as sos 2.2-3.2 wrote them):
/// ```
/// BESAgent-9.2.5.130-rhe5.x86_64                              Wed Jan 27 09:18:52 2016	1453904332	IBM Corp.	rhel5x64bs	(none)	(none)
/// kernel-2.6.32-573.el6.x86_64                                Wed May 18 14:17:17 2016
/// tftp-server-5.2-12.el7.x86_64
/// ```
/// yields `kernel` `2.6.32` `573.el6` `x86_64` installed `Wed May 18 14:17:17 2016` (line 2), and
/// `BESAgent` with installTime `Wed Jan 27 09:18:52 2016` (the 3.0 TAB columns are dropped).
///
/// dpkg sample (real sos 4.2 `installed-debs`):
/// ```
/// ||/ Name                           Version                               Architecture Description
/// +++-==============================-=====================================-============-======…
/// ii  accountsservice                0.6.55-0ubuntu12~20.04.5              amd64        query and manipulate user account information
/// hi  containerd                     1.5.5-0ubuntu3~20.04.1                amd64        daemon to control runC
/// ```
/// yields `accountsservice` `0.6.55-0ubuntu12~20.04.5` `amd64` and the held `containerd`.
///
/// rpm and dpkg print one package a line however long. Pasted from a terminal, a line longer
/// than its width is wrapped and its rest opens the next line: the rest of an rpm install date
/// (`2016` after `kernel-2.6.32-573.el6.x86_64 ... Wed May 18 14:17:17` at 80 columns, the
/// sample above) is joined to that date,
/// the rest of a dpkg row (its description) is passed over. Only a line above as long as the
/// narrowest terminal (80 columns) can have been wrapped; any other such line is still a note.
public enum InstalledPackagesParser {
    /// The narrowest terminal width text is pasted from: shorter lines were not wrapped.
    static let wrapWidth = 80

    /// Whether a line is as wide as a terminal that wraps it: characters counted only when its
    /// bytes are that many (a count of characters walks the line; most lines are shorter).
    static func reachesWrapWidth(_ line: Substring) -> Bool {
        line.utf8.count >= wrapWidth && line.count >= wrapWidth
    }

    /// Architectures rpm builds for. A suffix outside this list is part of the release
    /// (`glibc-2.5-81`, `gpg-pubkey-0608b895-4bd22942`), so such lines get no arch.
    static let rpmArchitectures: Set<Substring> = [
        "noarch", "x86_64", "i386", "i486", "i586", "i686", "athlon", "geode", "ia32e", "amd64",
        "ia64", "aarch64", "arm64", "armv5tel", "armv6hl", "armv7l", "armv7hl", "armv7hnl", "armhfp",
        "ppc", "ppc64", "ppc64le", "ppc64p7", "ppc64iseries", "ppc64pseries", "s390", "s390x",
        "sparc", "sparcv9", "sparc64", "alpha", "mips", "mipsel", "mips64", "mips64el",
        "riscv64", "loongarch64", "x86_64_v2", "x86_64_v3", "x86_64_v4", "src", "nosrc", "(none)",
    ]

    /// installed-rpms (2.2 `%-59s date`, 3.0/3.2 extra TAB columns, 3.3+, 4.3+), `package-data` (TAB separated), plain `rpm -qa`.
    private static let commandNotFound = ByteNeedle("command not found")

    /// - Throws: `.notCollected` when no line is a package (empty, or only rpm's complaints).
    public static func parseRPMList(_ text: String) throws(ParseFailure) -> PackageList {
        var packages: [InstalledPackage] = []
        var notes: [ParseNote] = []
        var previous: (number: Int, text: Substring)?
        for line in TextLines(text) {
            defer { previous = (line.number, line.text) }
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            // the rest of the install date of the package above, wrapped by a terminal
            if let previous, previous.number == line.number - 1, mayOpenDateRest(content), reachesWrapWidth(previous.text),
               let last = packages.last, last.line == previous.number, let time = last.installTime,
               let rest = content.split(separator: "\t").first, isDateRest(rest) {
                // a word cut in two is glued back; sos 3.0's TAB columns after the date are dropped
                let split = previous.text.last.map { !$0.isWhitespace } == true && line.text.first.map { !$0.isWhitespace } == true
                packages[packages.count - 1].installTime = time + (split ? "" : " ") + rest.trimmedBlanks
                continue
            }
            // rpm's own complaints (corrupt rpmdb, signature warnings) and "command not found".
            // (A byte search: Foundation's `contains` per line was most of the cost of a long list.)
            if content.hasPrefix("error:") || content.hasPrefix("warning:")
                || content.utf8.withContiguousStorageIfAvailable({ commandNotFound.occurs(in: $0) })
                    ?? content.contains("command not found") {
                notes.append(ParseNote(line: line.number, message: String(content)))
                continue
            }
            let columns = content.tabSeparatedColumns
            let head = columns[0].trimmedBlanks
            let headFields = head.blankSeparatedFields
            guard let nvraField = headFields.first else {
                notes.append(ParseNote(line: line.number, message: "no package name"))
                continue
            }
            var installTime: Substring? = nil
            if headFields.count > 1 {
                installTime = head[nvraField.endIndex...].trimmedBlanks
            } else if columns.count > 1 {
                // package-data: NVRA<TAB>date<TAB>epoch…; a bare epoch is not a date.
                let second = columns[1].trimmedBlanks
                if !second.isEmpty, !second.allSatisfy(\.isASCIIDigit) { installTime = second }
            }
            guard var package = splitNVRA(nvraField, line: line.number) else {
                notes.append(ParseNote(line: line.number, message: "not a name-version-release: \"\(nvraField)\""))
                continue
            }
            package.installTime = installTime.map(String.init)
            packages.append(package)
        }
        guard !packages.isEmpty else { throw .nothingParsed(notes, otherwise: "no installed package listed") }
        return PackageList(packages: packages, notes: notes)
    }

    /// A `dpkg -l` row opens with a status of two or three letters, then name and version.
    private static func isDpkgRow(_ fields: [Substring]) -> Bool {
        fields.count >= 3 && fields[0].count >= 2 && fields[0].count <= 3
    }

    private static let dateWords: Set<Substring> = [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "AM", "PM",
    ]

    /// `2016`, `14:17:17 2016`, `PM UTC`: words an `%{INSTALLTIME:date}` is made of (numbers,
    /// times, day and month names, AM/PM, a zone abbreviation), and nothing else.
    /// False only when the first word of `content` can be no word of ``isDateRest(_:)``: it is ASCII
    /// and longer than five bytes without being all digits and colons (an NVRA, as on every line of
    /// a package list). Tested on bytes before anything else, since it fails on nearly every line.
    static func mayOpenDateRest(_ content: Substring) -> Bool {
        var length = 0
        var clock = true
        for byte in content.utf8 {
            if byte == 0x20 || byte == 0x09 { break }
            if byte >= 0x80 { return true }
            if !(byte >= 0x30 && byte <= 0x3A) { clock = false }
            length += 1
            if length > 5 && !clock { return false }
        }
        return true
    }

    static func isDateRest(_ content: Substring) -> Bool {
        let words = content.blankSeparatedFields
        return !words.isEmpty && words.allSatisfy { word in
            dateWords.contains(word) || word.allSatisfy { $0.isASCIIDigit || $0 == ":" }
                || ((2...5).contains(word.count) && word.allSatisfy { $0.isASCII && $0.isUppercase })
        }
    }

    /// NVRA split: arch = after last "." when it is a known architecture; release = after last
    /// "-" of the rest; version = after the previous "-"; name = the rest (names contain dashes).
    static func splitNVRA(_ nvra: Substring, line: Int) -> InstalledPackage? {
        // What an NVRA may hold (printable ASCII, no blanks, none of rpm's macro signs) is tested
        // first, on bytes: then every byte is a Character and the split below is a byte split.
        guard nvra.utf8.allSatisfy(isNVRAByte) else { return nil }
        let bytes = nvra.utf8
        var nvr = nvra
        var arch: Substring?
        if let dot = bytes.lastIndex(of: UInt8(ascii: ".")), rpmArchitectures.contains(nvra[bytes.index(after: dot)...]) {
            arch = nvra[bytes.index(after: dot)...]
            nvr = nvra[..<dot]
        }
        guard let releaseDash = nvr.utf8.lastIndex(of: UInt8(ascii: "-")) else { return nil }
        let release = nvr[nvr.utf8.index(after: releaseDash)...]
        let nv = nvr[..<releaseDash]
        guard let versionDash = nv.utf8.lastIndex(of: UInt8(ascii: "-")) else { return nil }
        let version = nv[nv.utf8.index(after: versionDash)...]
        let name = nv[..<versionDash]
        guard !name.isEmpty, !version.isEmpty, !release.isEmpty else { return nil }
        return InstalledPackage(name: String(name), version: String(version), release: String(release),
                                arch: arch.map(String.init), line: line)
    }

    /// ASCII, not white space (tab ... carriage return, space), not `#`, `$`, `%` or `^`.
    private static func isNVRAByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x20, UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "^"), 0x80...: return false
        default: return true
        }
    }

    /// `dpkg -l` (installed-debs / sos_commands/dpkg/dpkg_-l): only rows whose status starts with "ii" (or "hi"...: installed states)
    ///
    /// A row counts when its second status letter is `i` (installed: `ii`, `hi` held, `ri`/`pi`
    /// marked for removal but still there). `rc` (config files only), `un`, `iU`, `iF` are skipped.
    /// Multiarch names (`libc6:amd64`) lose the `:arch` suffix. Old dpkg without the
    /// Architecture column (no "Architecture" in the `||/` header) gives arch nil.
    /// - Throws: `.notCollected` when no row is an installed package.
    public static func parseDpkgList(_ text: String) throws(ParseFailure) -> PackageList {
        var packages: [InstalledPackage] = []
        var notes: [ParseNote] = []
        var hasArchitectureColumn = true
        var inTable = false
        var previous: (number: Int, isRow: Bool, wide: Bool)?
        var rowLine: Int?
        for line in TextLines(text) {
            defer { previous = (line.number, rowLine == line.number, reachesWrapWidth(line.text)) }
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            // the rest of the header, rule or row above, wrapped by a terminal
            if let previous, previous.number == line.number - 1, previous.isRow, previous.wide,
               !content.hasPrefix("+++-"), !(content.hasPrefix("||/")) {
                if content.hasPrefix("|") || !inTable || content.allSatisfy({ $0 == "=" || $0 == "-" })
                    || !isDpkgRow(content.blankSeparatedFields) {
                    rowLine = line.number  // a line cut in three: the next piece follows this one
                    continue
                }
            }
            if content.hasPrefix("||/") {
                hasArchitectureColumn = content.contains("Arch")
                rowLine = line.number
                continue
            }
            if content.hasPrefix("+++-") { inTable = true; rowLine = line.number; continue }
            if !inTable {
                // The legend above the table; anything else there is an error message.
                if !(content.hasPrefix("Desired=") || content.hasPrefix("|")) {
                    notes.append(ParseNote(line: line.number, message: String(content)))
                }
                continue
            }
            let fields = content.blankSeparatedFields
            guard isDpkgRow(fields) else {
                notes.append(ParseNote(line: line.number, message: "not a dpkg -l row: \"\(content)\""))
                continue
            }
            rowLine = line.number
            let status = fields[0]
            guard status[status.index(after: status.startIndex)] == "i" else { continue }
            var name = fields[1]
            var arch: Substring? = hasArchitectureColumn && fields.count >= 4 ? fields[3] : nil
            if let colon = name.firstIndex(of: ":") {
                if arch == nil { arch = name[name.index(after: colon)...] }
                name = name[..<colon]
            }
            packages.append(InstalledPackage(name: String(name), version: String(fields[2]),
                                             arch: arch.map(String.init), line: line.number))
        }
        guard !packages.isEmpty else { throw .nothingParsed(notes, otherwise: "no installed package listed") }
        return PackageList(packages: packages, notes: notes)
    }
}
