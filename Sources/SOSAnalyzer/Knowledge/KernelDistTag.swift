/// The distribution a kernel release was built for, from its dist tag: `.el8`, `.el7_4`
/// (Enterprise Linux 8, 7), `.fc27` (Fedora 27). The last resort for the OS: a RHEL kernel also
/// runs on CentOS, Alma or Rocky, so an `el` tag names the family, not the vendor.
///
/// Real sample: `4.18.0-147.rt24.93.el8.x86_64` (the RHEL CoreOS worker's kernel in
/// Fixtures/field/proc-cmdline-rhcos.txt) yields id `el`, version `8`.
public enum KernelDistTag {
    public static func os(forKernel release: String) -> OSInfo? {
        for part in release.split(separator: ".").reversed() {
            for (prefix, id) in [("el", "el"), ("fc", "fedora")] where part.hasPrefix(prefix) {
                let number = part.dropFirst(prefix.count).prefix(while: \.isASCIIDigit)
                guard !number.isEmpty else { continue }
                var version = String(number)
                // RHEL's own table knows the minor release a build shipped with.
                if id == "el", let shipped = RHELKernelReleases.distroRelease(forKernel: release),
                   shipped.hasPrefix(version + ".") {
                    version = shipped
                }
                return OSInfo(id: id, version: version, name: "kernel dist tag .\(part) of \(release)")
            }
        }
        return nil
    }
}
