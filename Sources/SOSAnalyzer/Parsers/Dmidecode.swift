/// Who made the machine, from dmidecode's "System Information" (SMBIOS type 1) block.
public struct HardwareIdentity: Sendable, Codable, Equatable {
    /// `Manufacturer:`.
    public var vendor: String?
    /// `Product Name:`.
    public var model: String?
    /// `Serial Number:`.
    public var serial: String?
    /// `UUID:`, lower case; nil for dmidecode's `Not Settable` / `Not Present` and for the
    /// all-zero or all-F placeholders firmware leaves unset.
    public var uuid: String?
    /// Line of the `UUID:` field.
    public var uuidLine: Int?
    /// Line of the `System Information` header.
    public var line: Int?

    public init(vendor: String? = nil, model: String? = nil, serial: String? = nil, line: Int? = nil,
                uuid: String? = nil, uuidLine: Int? = nil) {
        self.vendor = vendor
        self.model = model
        self.serial = serial
        self.line = line
        self.uuid = uuid
        self.uuidLine = uuidLine
    }
}

/// Reads `sos_commands/hardware/dmidecode` (or the top-level `dmidecode` link).
///
/// Sample (real sos 4.2 archive `juju-110cc2-k8stest-4`, an OpenStack guest):
/// ```
/// Handle 0x0100, DMI type 1, 27 bytes
/// System Information
/// 	Manufacturer: OpenStack Foundation
/// 	Product Name: OpenStack Nova
/// 	Version: 19.3.2
/// 	Serial Number: f9a1477e-7b80-4398-a25d-3710d4e796ba
/// 	UUID: f9a1477e-7b80-4398-a25d-3710d4e796ba
/// ```
/// yields vendor `OpenStack Foundation`, model `OpenStack Nova`, serial and uuid
/// `f9a1477e-7b80-4398-a25d-3710d4e796ba`, line 21 (the UUID on line 26). dmidecode's placeholder `Not Specified`
/// becomes nil; vendor strings such as `To Be Filled By O.E.M.` are kept as written.
public enum DmidecodeParser {
    /// - Throws: `.commandFailed` with dmidecode's first error line when there is no System
    ///   Information block and dmidecode said why (containers: "Permission denied", "/dev/mem: No
    ///   such file or directory"; "command not found"); `.notCollected` for an empty file or one
    ///   that names no cause.
    public static func parse(_ text: String) throws(ParseFailure) -> HardwareIdentity {
        var identity: HardwareIdentity?
        // The first error is the cause: dmidecode then falls back to /dev/mem, which fails too.
        var firstError: (line: Int, text: Substring)?
        var sawContent = false
        for line in TextLines(text) {
            let content = line.text.trimmedBlanks
            if content.isEmpty {
                if identity != nil { break }
                continue
            }
            sawContent = true
            if var current = identity {
                // The block's fields are indented; the next header is not.
                guard let head = line.text.first, head == "\t" || head == " " else { break }
                guard let colon = content.firstIndex(of: ":") else { continue }
                let raw = content[content.index(after: colon)...].trimmedBlanks
                let value: String? = raw.isEmpty || raw == "Not Specified" ? nil : String(raw)
                switch content[..<colon] {
                case "Manufacturer": current.vendor = value
                case "Product Name": current.model = value
                case "Serial Number": current.serial = value
                case "UUID":
                    current.uuid = value.flatMap(SystemUUID.normalized)
                    current.uuidLine = current.uuid == nil ? nil : line.number
                default: break
                }
                identity = current
            } else if content == "System Information" {
                identity = HardwareIdentity(line: line.number)
            } else if content.contains("denied") || content.contains("No such file")
                        || content.contains("not found") || content.contains("No SMBIOS") {
                if firstError == nil { firstError = (line.number, content) }
            }
        }
        if let identity { return identity }
        guard sawContent else { throw .notCollected("dmidecode output is empty") }
        guard let firstError else { throw .notCollected("no System Information block in dmidecode output") }
        throw .commandFailed(line: firstError.line, message: String(firstError.text))
    }
}
