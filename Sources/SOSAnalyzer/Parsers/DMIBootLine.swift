/// The machine the kernel names at boot, `DMI: <vendor> <product>[/<board>], BIOS <version> <date>`
/// (`dmi_format_product()`); read when `dmidecode` was not collected.
///
/// Real sample (a KVM guest's dmesg, Fixtures/field/dmesg-kvm-e1000-excerpt.txt):
/// ```text
/// [    0.000000] DMI: QEMU Standard PC (i440FX + PIIX, 1996), BIOS rel-1.16.3-0-ga6ed6b701f0a-prebuilt.qemu.org 04/01/2014
/// ```
/// yields vendor `QEMU`, model `Standard PC (i440FX + PIIX, 1996)`, BIOS
/// `rel-1.16.3-0-ga6ed6b701f0a-prebuilt.qemu.org 04/01/2014`.
public struct DMIBootLine: Sendable, Equatable {
    public var vendor: String?
    public var model: String?
    public var bios: String?
}

public enum DMIBootLineParser {
    /// Vendors whose name holds a blank, so the first word alone would cut it.
    static let vendors = [
        "Dell Inc.", "VMware, Inc.", "Microsoft Corporation", "Red Hat", "Amazon EC2", "Google Google Compute Engine",
        "innotek GmbH", "Cisco Systems Inc", "Intel Corporation", "Hewlett-Packard", "HP", "HPE", "IBM",
        "Supermicro", "Super Micro Computer Inc.", "Xen", "OpenStack Foundation", "Nutanix", "Apple Inc.",
        "ASUSTeK COMPUTER INC.", "Gigabyte Technology Co., Ltd.", "LENOVO", "Lenovo", "FUJITSU", "Huawei",
        "Alibaba Cloud", "oVirt", "QEMU", "Parallels Software International Inc.",
        // Firmware placeholders of boards the maker never filled in.
        "Default string", "To be filled by O.E.M.", "System manufacturer",
    ]

    /// nil when `message` (timestamp and syslog prefix removed) is not the DMI product line;
    /// `DMI: Memory slots populated: 1/1` and other `DMI:` lines are not it.
    public static func parse(message: Substring) -> DMIBootLine? {
        guard message.hasPrefix("DMI: ") else { return nil }
        var rest = message.dropFirst(5).trimmingWhitespace()
        var bios: String?
        if let range = rest.ranges(of: ", BIOS ").last {
            bios = String(rest[range.upperBound...]).trimmingWhitespace()
            rest = String(rest[..<range.lowerBound])
        } else {
            return nil
        }
        // "<product>/<board>": the board after the last slash, unless it is inside parentheses.
        if let slash = rest.lastIndex(of: "/"), !rest[slash...].contains(")") {
            rest = String(rest[..<slash])
        }
        let vendor = vendors.first { rest.hasPrefix($0 + " ") || rest == $0 }
            ?? rest.split(separator: " ").first.map(String.init)
        guard let vendor else { return nil }
        let model = rest.dropFirst(vendor.count).trimmingWhitespace()
        return DMIBootLine(vendor: vendor, model: model.isEmpty ? nil : model, bios: bios)
    }
}
