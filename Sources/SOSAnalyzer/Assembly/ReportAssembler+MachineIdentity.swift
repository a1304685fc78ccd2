import SOSArchive

extension FactCatalog {
    /// systemd's machine ID (RHEL 7 and later, Fedora, Ubuntu 16.04+).
    public static let machineID = FactSpec("machineID", feeds: .machineID, ["etc/machine-id"])
    /// The SMBIOS system UUID as sysfs shows it (sos 3.x+ copies `sys/class/dmi/id`; some
    /// archives keep the link's target under `sys/devices/virtual/dmi/id`).
    public static let systemUUID = FactSpec("systemUUID", feeds: .systemUUID, [
        "sys/class/dmi/id/product_uuid", "sys/devices/virtual/dmi/id/product_uuid",
    ])
}

extension Fact {
    public static let machineID = Fact(rawValue: "machineID")
    public static let systemUUID = Fact(rawValue: "systemUUID")
}

/// What tells one machine from another whatever its name: the machine ID and the system UUID,
/// which ``HostIdentity`` groups reports of one host by.
extension ReportAssembler {
    /// Reads both where collected; a missing one leaves no state (most RHEL 6 reports have neither,
    /// and the hostname stands in).
    mutating func readMachineIdentity(dmidecodeUUID: (uuid: String, member: String, line: Int?)?) {
        if case .found(let found) = lookup.first(FactCatalog.machineID),
           let (id, line) = try? MachineIDParser.parse(found.text) {
            report.machineID = id
            cite(.machineID, found.member, line: line)
        }
        if case .found(let found) = lookup.first(FactCatalog.systemUUID),
           let (uuid, line) = try? SystemUUID.parse(found.text) {
            report.systemUUID = uuid
            cite(.systemUUID, found.member, line: line)
        } else if let dmidecodeUUID {
            report.systemUUID = dmidecodeUUID.uuid
            cite(.systemUUID, dmidecodeUUID.member, line: dmidecodeUUID.line)
        }
    }
}
