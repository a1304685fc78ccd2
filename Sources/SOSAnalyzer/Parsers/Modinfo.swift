/// The `modinfo` fields of one module that a report uses.
public struct ModinfoRecord: Sendable, Codable, Equatable {
    /// `name:`, or the file name without `.ko[.xz|.gz|.zst]` and with `-` as `_` when modinfo
    /// printed no `name:` line (kmod before ~v25).
    public var name: String?
    /// Path of the `.ko` file, or `(builtin)` for a built-in module.
    public var filename: String?
    public var version: String?
    public var license: String?
    /// Trimmed (the raw value ends with a space, part of the kernel's `VERMAGIC_STRING`).
    public var vermagic: String?
    /// Signing key owner, one string even when modinfo wrapped it.
    public var signer: String?
    public var sigKey: String?
    /// `intree: Y` -> true; `nil` when the line is absent (out-of-tree modules print none).
    public var intree: Bool?
    public var srcversion: String?
    public var description: String?
    /// `retpoline: Y` -> true.
    public var retpoline: Bool?
    /// 1-based first line of the record.
    public var line: Int

    public init(
        name: String? = nil, filename: String? = nil, version: String? = nil, license: String? = nil,
        vermagic: String? = nil, signer: String? = nil, sigKey: String? = nil, intree: Bool? = nil,
        srcversion: String? = nil, description: String? = nil, retpoline: Bool? = nil, line: Int
    ) {
        self.name = name
        self.filename = filename
        self.version = version
        self.license = license
        self.vermagic = vermagic
        self.signer = signer
        self.sigKey = sigKey
        self.intree = intree
        self.srcversion = srcversion
        self.description = description
        self.retpoline = retpoline
        self.line = line
    }
}

/// Everything one modinfo output file says.
public struct ModinfoListing: Sendable, Codable, Equatable, NotedParse {
    public var records: [ModinfoRecord]
    /// Modules modinfo could not find (`modinfo: ERROR: Module X not found.`): usually built-ins
    /// on kernels whose kmod cannot describe them.
    public var notFound: [String]
    public var notes: [ParseNote]

    public init(records: [ModinfoRecord], notFound: [String], notes: [ParseNote]) {
        self.records = records
        self.notFound = notFound
        self.notes = notes
    }
}

/// Reads a file holding `modinfo` of many modules: sos 2.2 `sos_commands/kernel/modinfo_<m1>_<m2>...`,
/// 3.6+ `modinfo_ALL_MODULES`, 4.5+ `sos_commands/<plugin>/modinfo_<module>`.
///
/// sos runs one modinfo command for every module, with stderr in the same file. So a record
/// starts at a new `filename:` line (or at `name:` directly followed by `filename: (builtin)`,
/// kmod's form for built-ins), error lines sit between records, and an error can even be spliced
/// into the middle of a value: the value then resumes on the next line, and is reassembled.
/// Tab-indented lines continue the previous field (`signature:`, long `sig_key:`).
///
/// Real sample (corpus `modinfo-03.txt`, insights-core `test_modinfo.py` MODINFO_VMXNET3, excerpt):
/// ```text
/// filename:       /lib/modules/3.10.0-957.10.1.el7.x86_64/kernel/drivers/net/vmxnet3/vmxnet3.ko.xz
/// version:        1.4.14.0-k
/// license:        GPL v2
/// retpoline:      Y
/// intree:         Y
/// vermagic:       3.10.0-957.10.1.el7.x86_64 SMP mod_unload modversions
/// signer:         Red Hat Enterprise Linux kernel signing key
/// ```
/// yields one record with `name` `"vmxnet3"` (from the file name), `version` `"1.4.14.0-k"`,
/// `license` `"GPL v2"`, `intree` true, `retpoline` true, `line` 1.
public enum ModinfoParser {
    /// - Throws: `.notCollected` when the output holds no record and names no missing module.
    public static func parse(_ text: String) throws(ParseFailure) -> ModinfoListing {
        var notFound: [String] = []
        var notes: [ParseNote] = []
        let fields = fields(in: text, notFound: &notFound, notes: &notes)

        var records: [ModinfoRecord] = []
        var current: ModinfoRecord?
        var currentKeys: [String] = []
        func finish() {
            if var record = current {
                if record.name == nil, let filename = record.filename { record.name = moduleName(fromFilename: filename) }
                records.append(record)
            }
            current = nil
            currentKeys = []
        }
        for (index, field) in fields.enumerated() {
            let startsRecord: Bool
            switch field.key {
            case "filename":
                startsRecord = current == nil || currentKeys != ["name"]
            case "name":
                let nextKey = index + 1 < fields.count ? fields[index + 1].key : nil
                startsRecord = current == nil || current?.name != nil || nextKey == "filename"
            default:
                startsRecord = current == nil
            }
            if startsRecord {
                finish()
                current = ModinfoRecord(line: field.line)
            }
            currentKeys.append(field.key)
            current?.set(field.key, field.value)
        }
        finish()
        guard !records.isEmpty || !notFound.isEmpty else { throw .nothingParsed(notes, otherwise: "modinfo printed nothing") }
        return ModinfoListing(records: records, notFound: notFound, notes: notes)
    }

    /// `/lib/.../nf_conntrack.ko.xz` -> `nf_conntrack`; `(builtin)` -> nil.
    static func moduleName(fromFilename filename: String) -> String? {
        guard filename.hasPrefix("/") || filename.contains(".ko") else { return nil }
        var base = Substring(filename.split(separator: "/").last ?? Substring(filename))
        for suffix in [".xz", ".gz", ".zst"] where base.hasSuffix(suffix) {
            base = base.dropLast(suffix.count)
        }
        if base.hasSuffix(".ko") { base = base.dropLast(3) }
        guard !base.isEmpty else { return nil }
        return String(base.map { $0 == "-" ? "_" : $0 })
    }

    private struct Field {
        var key: String
        var value: String
        var line: Int
    }

    /// The `key: value` fields in order, with stderr taken out and continuation lines joined.
    private static func fields(in text: String, notFound: inout [String], notes: inout [ParseNote]) -> [Field] {
        var fields: [Field] = []
        var spliced: (text: String, line: Int)?
        for physical in TextLines(text) {
            var logical = (text: Substring(physical.text), line: physical.number)
            if let head = spliced {
                // stdout resumed after the stderr line: the value goes on where it stopped.
                logical = (Substring(head.text + physical.text), head.line)
                spliced = nil
            }
            if let marker = logical.text.firstRange(of: "modinfo: ERROR:") {
                recordError(logical.text[marker.lowerBound...], line: physical.number, notFound: &notFound, notes: &notes)
                let head = logical.text[..<marker.lowerBound]
                if !head.trimmedWhitespace.isEmpty { spliced = (String(head), logical.line) }
                continue
            }
            add(logical.text, line: logical.line, to: &fields, notes: &notes)
        }
        if let head = spliced { add(Substring(head.text), line: head.line, to: &fields, notes: &notes) }
        return fields
    }

    private static func add(_ text: Substring, line: Int, to fields: inout [Field], notes: inout [ParseNote]) {
        guard !text.trimmedWhitespace.isEmpty else { return }
        if let first = text.first, first.isBlankOrNewline {
            guard !fields.isEmpty else {
                notes.append(ParseNote(line: line, message: "continuation line before any field"))
                return
            }
            let more = text.trimmingWhitespace()
            let previous = fields[fields.count - 1].value
            // Wrapped hex (signature, sig_key) ends each piece with ':'; wrapped text needs a space.
            fields[fields.count - 1].value = previous.isEmpty || previous.hasSuffix(":") ? previous + more : previous + " " + more
            return
        }
        guard let colon = text.firstIndex(of: ":"),
              case let key = text[..<colon], !key.isEmpty,
              key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else {
            notes.append(ParseNote(line: line, message: "not a modinfo field: \(text.trimmingWhitespace())"))
            return
        }
        fields.append(Field(key: String(key), value: (text[text.index(after: colon)...]).trimmingWhitespace(), line: line))
    }

    private static func recordError(_ error: Substring, line: Int, notFound: inout [String], notes: inout [ParseNote]) {
        var words = error.blankSeparatedFields
        // "modinfo: ERROR: Module <name> not found." or, when modinfo resolved the name as an
        // alias first (kmod in containers without /lib/modules), "Module alias <name> not found."
        if words.count >= 7, words[3] == "alias" { words.remove(at: 3) }
        if words.count >= 6, words[2] == "Module", words[4] == "not", words[5].hasPrefix("found") {
            notFound.append(String(words[3]))
        } else {
            notes.append(ParseNote(line: line, message: error.trimmingWhitespace()))
        }
    }
}

extension ModinfoRecord {
    fileprivate mutating func set(_ key: String, _ value: String) {
        let flag: Bool? = value == "Y" ? true : value == "N" ? false : nil
        // First occurrence wins: a field repeated inside one record is not expected.
        switch key {
        case "name": if name == nil { name = value }
        case "filename": if filename == nil { filename = value }
        case "version": if version == nil { version = value }
        case "license": if license == nil { license = value }
        case "vermagic": if vermagic == nil { vermagic = value }
        case "signer": if signer == nil { signer = value }
        case "sig_key": if sigKey == nil { sigKey = value }
        case "intree": if intree == nil { intree = flag }
        case "srcversion": if srcversion == nil { srcversion = value }
        case "description": if description == nil { description = value }
        case "retpoline": if retpoline == nil { retpoline = flag }
        default: break
        }
    }
}
