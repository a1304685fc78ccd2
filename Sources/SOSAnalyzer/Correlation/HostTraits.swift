/// The traits of one report, as `key=value` strings: what a host *is*, never what it suffers.
///
/// Allocation failures, exhausted orders and findings are symptoms; they decide who is affected
/// and are never traits, or the correlator would "discover" the symptom itself. Kernel events
/// (`event=oom-kill`, `event=netdev-watchdog:e1000e`) are traits, except the kind the criterion
/// itself picks hosts by (`Correlator` drops it then).
///
/// For the reference host `dbnode01` (Samples, sos 2.2, RHEL 6.4) this gives, among others:
/// `os=RHEL 6.4`, `kernel.stream=RHEL 6.4`, `kernel=2.6.32-358.el6.x86_64`, `nic.driver=mlx4_en`,
/// `nic.firmware=mlx4_en 2.11.500`, `hardware=HP ProLiant DL380p Gen8`, `package=cman`,
/// `package=VRTSvxfs`, `thirdParty=vxfs`, `taint=P`, `module=mlx4_en`, `memory=64-128 GiB`,
/// `sysctl.vm.min_free_kbytes=64-128 MiB`, `sysctl.vm.zone_reclaim_mode=0`.
public enum HostTraits {
    /// Sorted in `TraitOrder`, without duplicates.
    public static func traits(of report: Report) -> [String] {
        var traits: Set<String> = []
        if let os = report.os {
            traits.insert("os=\(os.displayName)")
        }
        if let kernel = report.kernel {
            traits.insert("kernel=\(kernel.release)")
            if let shipped = kernel.distroRelease {
                // The release line that shipped the kernel, named like `os` so the two can be compared.
                let id = report.os?.id ?? "rhel"
                traits.insert("kernel.stream=\(OSInfo(id: id, version: shipped, name: "").displayName)")
            }
        }
        for module in report.modules {
            traits.insert("module=\(module.name)")
            if module.thirdParty { traits.insert("thirdParty=\(module.name)") }
        }
        for nic in report.nics {
            guard let driver = nic.driver?.trimmingWhitespace(), !driver.isEmpty else { continue }
            traits.insert("nic.driver=\(driver)")
            if let firmware = nic.firmware?.trimmingWhitespace(), !firmware.isEmpty, firmware != "N/A" {
                traits.insert("nic.firmware=\(driver) \(firmware)")
            }
        }
        for letter in report.taint?.flags ?? [] {
            traits.insert("taint=\(letter)")
        }
        if let packages = report.packages {
            for name in packages.clusterStack + packages.thirdPartyKernelPackages + packages.notable {
                traits.insert("package=\(name)")
            }
        }
        if let hardware = report.hardware {
            let words = [hardware.vendor, hardware.model].compactMap { $0?.trimmingWhitespace() }.filter { !$0.isEmpty }
            if !words.isEmpty { traits.insert("hardware=\(words.joined(separator: " "))") }
        }
        if let total = report.memory?.memTotalKiB, total > 0 {
            traits.insert("memory=\(memoryBand(kib: total))")
        }
        if let minFree = report.sysctl["vm.min_free_kbytes"], minFree >= 0 {
            traits.insert("sysctl.vm.min_free_kbytes=\(minFreeBand(kib: minFree))")
        }
        for event in report.kernelEvents {
            traits.insert("event=\(event.kind.rawValue)")
            if let module = event.module { traits.insert("event=\(event.kind.rawValue):\(module)") }
        }
        if let mode = report.sysctl["vm.zone_reclaim_mode"] {
            traits.insert("sysctl.vm.zone_reclaim_mode=\(mode)")
        }
        traits.formUnion(networkTraits(of: report))
        return traits.sorted(by: TraitOrder.precedes)
    }

    /// Power-of-two band of MemTotal: 126.8 GiB (132968080 KiB) is "64-128 GiB"; under 1 GiB is "<1 GiB".
    /// Bands, not sizes: two hosts of "128 GB" differ by a few MiB of firmware reservations.
    public static func memoryBand(kib: Int) -> String {
        band(value: kib, unit: 1 << 20, unitName: "GiB")
    }

    /// Power-of-two band of vm.min_free_kbytes in MiB: the RHEL 6 default 67584 (66 MiB) is
    /// "64-128 MiB", the workaround 524288 is "512-1024 MiB".
    public static func minFreeBand(kib: Int) -> String {
        band(value: kib, unit: 1 << 10, unitName: "MiB")
    }

    private static func band(value: Int, unit: Int, unitName: String) -> String {
        let units = value / unit
        guard units >= 1 else { return "<1 \(unitName)" }
        var low = 1
        while low <= units / 2 { low *= 2 }
        return "\(low)-\(low * 2) \(unitName)"
    }
}
