/// The distribution a host ran, from its release files.
public struct OSRelease: Sendable, Codable, Equatable {
    /// Normalised distribution id: `rhel centos fedora oracle rocky alma scientific ubuntu debian
    /// sles opensuse amzn other`. RHEV-H / RHV hypervisor images are `other`; CentOS Stream is
    /// `centos`.
    public var id: String
    /// `X.Y` or `X` as released (`"6.4"`, `"20.04"`, `"9"`); RHEL 4 `Nahant Update N` gives
    /// `"4.N"`. `nil` when the file names no version.
    public var version: String?
    /// The release line as written, whitespace-trimmed: the `redhat-release` line, `PRETTY_NAME`,
    /// or `DISTRIB_DESCRIPTION` / `Description:`.
    public var name: String
    /// A Beta build (`... release 8.0 Beta (Ootpa)`).
    public var beta: Bool
    /// 1-based line of `name`.
    public var line: Int

    public init(id: String, version: String?, name: String, beta: Bool, line: Int) {
        self.id = id
        self.version = version
        self.name = name
        self.beta = beta
        self.line = line
    }
}

/// Reads the three kinds of release file sos collects (sos-layout.md §3, "OS release").
///
/// Real sample (corpus `release-15.txt`, RHEL 4 `etc/redhat-release`, trailing space in the raw line):
/// ```text
/// Red Hat Enterprise Linux AS release 4 (Nahant Update 5)
/// ```
/// `parseRedHatRelease` yields `id` `"rhel"`, `version` `"4.5"`, `name`
/// `"Red Hat Enterprise Linux AS release 4 (Nahant Update 5)"`, `beta` false, `line` 1.
public enum OSReleaseParser {
    /// `etc/redhat-release`, `etc/system-release`, `etc/centos-release`, `etc/fedora-release`, ...:
    /// one line `<product> release <version> [Beta] [(<codename>)]`.
    ///
    /// The `/etc/*release` glob of sos 3.6+ also collects `os-release`, `lsb-release` and SUSE's
    /// `SuSE-release`; content in those shapes is read as such, so a caller that picked the wrong
    /// file still gets the right answer.
    public static func parseRedHatRelease(_ text: String) throws(ParseFailure) -> OSRelease {
        guard let line = firstContentLine(text) else { throw .notCollected("release file is empty") }
        if NotCollectedText.matches(line.text) { throw .notCollected(line.text.trimmingWhitespace()) }
        let first = line.text.trimmedWhitespace
        if first.hasPrefix("DISTRIB_") || first.hasPrefix("LSB Version") || first.hasPrefix("Distributor ID") {
            return try parseLSBRelease(text)
        }
        if let equals = first.firstIndex(of: "="), !first[..<equals].isEmpty,
           first[..<equals].allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber })
        {
            return try parseOSRelease(text)
        }
        let name = String(first)
        var release = OSRelease(
            id: distributionID(forProductName: name), version: version(inReleaseLine: name),
            name: name, beta: namesBeta(name), line: line.number)
        if release.id == "sles" || release.id == "opensuse", let suse = suseVersion(in: text) {
            release.version = suse
        }
        return release
    }

    /// `VERSION = 11` and `PATCHLEVEL = 3` of `etc/SuSE-release` -> `"11.3"`.
    private static func suseVersion(in text: String) -> String? {
        var version: String?
        var patchLevel: String?
        for line in TextLines(text) {
            let parts = line.text.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            switch parts[0].trimmingWhitespace() {
            case "VERSION": version = parts[1].trimmingWhitespace()
            case "PATCHLEVEL": patchLevel = parts[1].trimmingWhitespace()
            default: break
            }
        }
        guard let version else { return nil }
        // Same form as os-release VERSION_ID: "12" for GA, "12.1" for SP1.
        guard let patchLevel, patchLevel != "0", !version.contains(".") else { return version }
        return "\(version).\(patchLevel)"
    }

    /// `etc/os-release` / `usr/lib/os-release` (systemd format, `KEY=value`, values optionally quoted).
    /// `name` is `PRETTY_NAME`, else `NAME` and `VERSION`; `line` is that line.
    public static func parseOSRelease(_ text: String) throws(ParseFailure) -> OSRelease {
        let values = assignments(in: text)
        guard !values.isEmpty else {
            if let line = firstContentLine(text) {
                if NotCollectedText.matches(line.text) { throw .notCollected(line.text.trimmingWhitespace()) }
                throw .malformed(line: line.number, message: "no KEY=value lines")
            }
            throw .notCollected("os-release is empty")
        }
        guard let nameEntry = values["PRETTY_NAME"] ?? values["NAME"] else {
            throw .malformed(line: 1, message: "neither PRETTY_NAME nor NAME is set")
        }
        var name = nameEntry.value
        if values["PRETTY_NAME"] == nil, let version = values["VERSION"]?.value, !version.isEmpty {
            name += " " + version
        }
        let rawID = values["ID"]?.value ?? ""
        var id = distributionID(forOSReleaseID: rawID)
        if id == "other" { id = distributionID(forProductName: name) }
        let versionID = values["VERSION_ID"]?.value
        return OSRelease(
            id: id, version: versionID.map(majorMinor) ?? version(inReleaseLine: name),
            name: name, beta: namesBeta(name) || namesBeta(values["VERSION"]?.value ?? ""),
            line: nameEntry.line)
    }

    /// `etc/lsb-release` (`DISTRIB_ID=`, `DISTRIB_RELEASE=`, `DISTRIB_DESCRIPTION=`) and the output
    /// of `lsb_release -a` (`Distributor ID:`, `Description:`, `Release:`), which sos 2.2 and 3.x
    /// store under `sos_commands/lsbrelease/` or `sos_commands/release/`.
    public static func parseLSBRelease(_ text: String) throws(ParseFailure) -> OSRelease {
        var distributor: String?
        var description: (value: String, line: Int)?
        var release: String?
        var firstLine: TextLines.Line?
        for line in TextLines(text) {
            guard !line.text.trimmedWhitespace.isEmpty else { continue }
            if firstLine == nil { firstLine = line }
            guard let (key, value) = lsbField(line.text) else { continue }
            switch key {
            case "DISTRIB_ID", "Distributor ID": distributor = value
            case "DISTRIB_DESCRIPTION", "Description": description = (value, line.number)
            case "DISTRIB_RELEASE", "Release": release = value
            default: break
            }
        }
        guard let firstLine else { throw .notCollected("lsb-release is empty") }
        guard distributor != nil || description != nil else {
            if NotCollectedText.matches(firstLine.text) { throw .notCollected(firstLine.text.trimmingWhitespace()) }
            throw .malformed(line: firstLine.number, message: "no DISTRIB_ID / Distributor ID or description")
        }
        let name = description?.value ?? distributor ?? ""
        var id = distributionID(forLSBDistributor: distributor ?? "")
        if id == "other" { id = distributionID(forProductName: name) }
        return OSRelease(
            id: id, version: release.map(majorMinor) ?? version(inReleaseLine: name), name: name,
            beta: namesBeta(name), line: description?.line ?? firstLine.number)
    }

    // MARK: - Distribution names

    /// The id for a product name as written in `redhat-release`, `PRETTY_NAME` or an LSB description.
    static func distributionID(forProductName name: String) -> String {
        let lower = name.lowercased()
        // Hypervisor images ship a redhat-release too; they are not a RHEL install.
        if lower.contains("virtualization hypervisor") || lower.contains("rhev hypervisor")
            || lower.contains("virtualization host")
        {
            return "other"
        }
        let products: [(String, String)] = [
            ("red hat enterprise linux", "rhel"), ("centos", "centos"), ("fedora", "fedora"),
            ("oracle linux", "oracle"), ("enterprise linux enterprise linux", "oracle"),
            ("rocky linux", "rocky"), ("almalinux", "alma"), ("scientific linux", "scientific"),
            ("ubuntu", "ubuntu"), ("debian", "debian"), ("opensuse", "opensuse"), ("suse", "sles"),
            ("amazon linux", "amzn"),
        ]
        return products.first { lower.hasPrefix($0.0) || lower.contains($0.0) }?.1 ?? "other"
    }

    static func distributionID(forOSReleaseID id: String) -> String {
        switch id.lowercased() {
        case "rhel": return "rhel"
        case "centos": return "centos"
        case "fedora": return "fedora"
        case "ol", "oracle": return "oracle"
        case "rocky": return "rocky"
        case "almalinux", "alma": return "alma"
        case "scientific": return "scientific"
        case "ubuntu": return "ubuntu"
        case "debian": return "debian"
        case "sles", "sled", "sles_sap": return "sles"
        case "amzn": return "amzn"
        case let other where other.hasPrefix("opensuse"): return "opensuse"
        default: return "other"
        }
    }

    static func distributionID(forLSBDistributor distributor: String) -> String {
        let lower = distributor.lowercased().filter { $0 != " " }
        if lower.hasPrefix("redhatenterprise") { return "rhel" }
        if lower.hasPrefix("centos") { return "centos" }
        if lower.hasPrefix("oracle") || lower == "enterpriseenterpriseserver" { return "oracle" }
        if lower.hasPrefix("scientific") { return "scientific" }
        if lower.hasPrefix("opensuse") { return "opensuse" }
        if lower.hasPrefix("suse") { return "sles" }
        if lower.hasPrefix("amazon") { return "amzn" }
        if lower.hasPrefix("almalinux") { return "alma" }
        if lower.hasPrefix("rocky") { return "rocky" }
        return distributionID(forOSReleaseID: lower)
    }

    // MARK: - Versions

    /// `X.Y` or `X` from a release line: the number after the word `release`, else the first
    /// number. RHEL 3/4 write only the major and give the minor as `(Taroon|Nahant Update N)`.
    static func version(inReleaseLine line: String) -> String? {
        let words = line.split(separator: " ")
        var number: Substring?
        if let index = words.firstIndex(where: { $0.lowercased() == "release" }), index + 1 < words.count {
            number = leadingVersion(words[index + 1])
        }
        if number == nil {
            number = words.lazy.compactMap(leadingVersion).first
        }
        guard let number else { return nil }
        if !number.contains("."), let update = line.firstRange(of: "Update ") {
            let digits = line[update.upperBound...].prefix(while: \Character.isASCIIDigit)
            if !digits.isEmpty { return "\(number).\(digits)" }
        }
        return String(number)
    }

    /// `"7.5-0.14"` -> `"7.5"`, `"6.10(Santiago)"` -> `"6.10"`, `"7.9.2009"` -> `"7.9"`, `"23"` -> `"23"`.
    private static func leadingVersion(_ word: Substring) -> Substring? {
        let major = word.prefix(while: \Character.isASCIIDigit)
        guard !major.isEmpty else { return nil }
        let rest = word[major.endIndex...]
        guard rest.first == "." else { return major }
        let minor = rest.dropFirst().prefix(while: \Character.isASCIIDigit)
        return minor.isEmpty ? major : word[major.startIndex..<minor.endIndex]
    }

    private static func majorMinor(_ value: String) -> String {
        leadingVersion(Substring(value)).map(String.init) ?? value
    }

    private static func namesBeta(_ name: String) -> Bool {
        name.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
            .contains { $0.lowercased() == "beta" }
    }

    // MARK: - Lines

    private static func firstContentLine(_ text: String) -> TextLines.Line? {
        TextLines(text).first { !($0.text).trimmedWhitespace.isEmpty }
    }

    /// `KEY=value` assignments of an os-release file, unquoted; first occurrence wins.
    private static func assignments(in text: String) -> [String: (value: String, line: Int)] {
        var result: [String: (value: String, line: Int)] = [:]
        for line in TextLines(text) {
            let trimmed = line.text.trimmedWhitespace
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = String(trimmed[..<equals])
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            if result[key] == nil {
                result[key] = (unquote(trimmed[trimmed.index(after: equals)...]), line.number)
            }
        }
        return result
    }

    private static func unquote(_ value: Substring) -> String {
        var slice = value.trimmedWhitespace
        if slice.count >= 2, let first = slice.first, first == "\"" || first == "'", slice.last == first {
            slice = slice.dropFirst().dropLast()
        }
        return slice.trimmingWhitespace()
    }

    /// One field of `etc/lsb-release` (`KEY=value`) or of `lsb_release -a` (`Key:<TAB>value`).
    private static func lsbField(_ line: Substring) -> (String, String)? {
        let trimmed = line.trimmedWhitespace
        if trimmed.hasPrefix("DISTRIB_"), let equals = trimmed.firstIndex(of: "=") {
            return (String(trimmed[..<equals]), unquote(trimmed[trimmed.index(after: equals)...]))
        }
        if let colon = trimmed.firstIndex(of: ":") {
            return ((trimmed[..<colon]).trimmingWhitespace(), (trimmed[trimmed.index(after: colon)...]).trimmingWhitespace())
        }
        return nil
    }
}
