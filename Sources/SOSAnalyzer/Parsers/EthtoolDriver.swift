/// What `ethtool -i <if>` says about a NIC's driver.
///
/// The interface name is not in the output: it comes from the file name (`ethtool_-i_<if>`).
public struct EthtoolDriverInfo: Sendable, Codable, Equatable {
    public var driver: String?
    public var version: String?
    /// nil when `firmware-version:` is empty (virtio, veth, bridges).
    public var firmware: String?
    /// A PCI address for PCI NICs, but also `dprc.1` (DPAA2), `tap`, `N/A` or nil (empty).
    public var busInfo: String?
    public var expansionROM: String?
    /// Line of `driver:`.
    public var line: Int

    public init(driver: String? = nil, version: String? = nil, firmware: String? = nil,
                busInfo: String? = nil, expansionROM: String? = nil, line: Int) {
        self.driver = driver
        self.version = version
        self.firmware = firmware
        self.busInfo = busInfo
        self.expansionROM = expansionROM
        self.line = line
    }
}

/// Reads `sos_commands/networking/ethtool_-i_<if>`.
///
/// Sample (corpus `ethtool-i-01.txt`, GitHub isc-projects/ethq #21):
/// ```
/// driver: mlx4_en
/// version: 4.0-0              
/// firmware-version: 2.42.5000
/// expansion-rom-version: 
/// bus-info: 0000:83:00.0
/// supports-statistics: yes
/// ```
/// yields driver `mlx4_en`, version `4.0-0` (trailing spaces trimmed), firmware `2.42.5000`,
/// expansionROM nil, busInfo `0000:83:00.0`, line 1.
public enum EthtoolDriverParser {
    /// - Throws: `.notCollected` for empty output and ethtool's errors ("Cannot get driver
    ///   information: Operation not supported" for `lo`, "No such device", command not found);
    ///   `.malformed` when there is text but no `driver:` line.
    public static func parse(_ text: String) throws(ParseFailure) -> EthtoolDriverInfo {
        var info = EthtoolDriverInfo(line: 0)
        var sawDriver = false
        var firstContent: (line: Int, text: Substring)?
        for line in TextLines(text) {
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            if firstContent == nil { firstContent = (line.number, content) }
            guard let colon = content.firstIndex(of: ":") else { continue }
            let key = content[..<colon]
            let raw = content[content.index(after: colon)...].trimmedBlanks
            let value: String? = raw.isEmpty ? nil : String(raw)
            switch key {
            case "driver":
                guard !sawDriver else { continue }
                sawDriver = true
                info.driver = value
                info.line = line.number
            case "version": if info.version == nil { info.version = value }
            case "firmware-version": if info.firmware == nil { info.firmware = value }
            case "bus-info": if info.busInfo == nil { info.busInfo = value }
            case "expansion-rom-version": if info.expansionROM == nil { info.expansionROM = value }
            default: continue
            }
        }
        guard let firstContent else { throw .notCollected("ethtool -i output is empty") }
        if sawDriver { return info }
        let first = firstContent.text
        if first.hasPrefix("Cannot get driver information") || first.contains("No such device")
            || first.contains("command not found") || first.contains("Operation not supported") {
            throw .notCollected(String(first))
        }
        throw .malformed(line: firstContent.line, message: "no 'driver:' line in ethtool -i output")
    }
}
