/// Why a fact has its state, in the words of the member sos wrote: the error a command printed
/// on the host instead of its output.
///
/// A container's `sos_commands/hardware/dmidecode` (real sos 4.2 archive `juju-04f1e3-0-lxd-5`):
/// ```text
/// # dmidecode 3.2
/// /sys/firmware/dmi/tables/smbios_entry_point: Permission denied
/// Scanning /dev/mem for entry point.
/// /dev/mem: No such file or directory
/// ```
/// leaves `hardware` "not collected", with the reason
/// `/sys/firmware/dmi/tables/smbios_entry_point: Permission denied` from
/// `sos_commands/hardware/dmidecode:2`.
public struct FactStateReason: Sendable, Codable, Equatable {
    /// The line as the member holds it, blanks trimmed.
    public var message: String
    /// The member and line.
    public var source: Evidence

    public init(message: String, source: Evidence) {
        self.message = message
        self.source = source
    }
}
