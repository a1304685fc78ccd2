import Foundation

/// Licenses the kernel treats as GPL-compatible (`license_is_gpl_compatible()` in
/// include/linux/license.h, unchanged from 2.6.x to 6.x). Any other license string taints the
/// kernel with P when the module loads.
public enum ModuleLicenses {
    public static let gplCompatible: Set<String> = [
        "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL",
    ]

    public static func isGPLCompatible(_ license: String) -> Bool {
        gplCompatible.contains(license.trimmingCharacters(in: .whitespaces))
    }
}
