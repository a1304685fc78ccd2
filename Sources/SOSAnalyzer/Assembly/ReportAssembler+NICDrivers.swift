import SOSArchive

/// A NIC's driver when `ethtool -i` is missing (sos 3.2 never ran it on some hosts) or empty
/// (Fedora 27 and RHEL CoreOS VMs): each fallback cites the member it read.
extension ReportAssembler {
    /// Drivers for `interfaces` (those `ethtool -i` left without one), best source first:
    /// the `sys/class/net/<if>` link (a virtio or VMBus device names its driver; a PCI address
    /// is looked up in `lspci -k`), `ip -d` link kinds for virtual interfaces, the boot log's
    /// driver lines, then the loaded modules (only when they name one network driver and one
    /// NIC is left). With `discover`, interfaces these sources name are added too.
    func fallbackNICs(for interfaces: Set<String>, discover: Bool) -> [NICInfo] {
        var bindings: [String: LspciDriversParser.Binding] = [:]
        var lspciMember: String?
        if case .found(let found) = lookup.first(FactCatalog.lspci), let parsed = try? LspciDriversParser.parse(found.text) {
            lspciMember = found.member
            for binding in parsed where bindings[binding.slot] == nil { bindings[binding.slot] = binding }
        }
        var kinds: [String: (IPLinkKindsParser.Kind, String)] = [:]
        if case .found(let found) = lookup.first(FactCatalog.ipDetails), let parsed = try? IPLinkKindsParser.parse(found.text) {
            for kind in parsed where kinds[kind.interface] == nil { kinds[kind.interface] = (kind, found.member) }
        }
        var logged: [String: (NetDeviceLogLine, BootLogLines.Line)] = [:]
        var renamedAway = Set<String>()
        for line in bootLines.netDevice {
            guard let parsed = NetDeviceLogLineParser.parse(message: Substring(line.message)) else { continue }
            if let old = parsed.renamedFrom { renamedAway.insert(old); logged[old] = nil }
            if logged[parsed.interface] == nil, !renamedAway.contains(parsed.interface) {
                logged[parsed.interface] = (parsed, line)
            }
        }
        var links: [String: String] = [:]
        for path in index.paths(matching: "sys/class/net/*") {
            guard let member = index.member(at: path), let target = member.linkTarget else { continue }
            links[String(path.dropFirst("sys/class/net/".count))] = target
        }

        var wanted = interfaces
        if discover {
            wanted.formUnion(links.filter { !$0.value.contains("/virtual/") }.keys)
            wanted.formUnion(logged.keys)
        }
        var nics: [NICInfo] = []
        for interface in wanted.sorted() {
            if let target = links[interface], let nic = nicFromLink(interface, target: target, bindings: bindings, lspciMember: lspciMember) {
                nics.append(nic)
            } else if let (kind, member) = kinds[interface] {
                nics.append(NICInfo(interface: interface, driver: kind.driver, version: nil, firmware: nil, busInfo: nil,
                                    namespace: nil, source: Evidence(member: member, line: kind.line)))
            } else if let (parsed, line) = logged[interface] {
                let bus = parsed.device.contains(":") ? parsed.device : nil
                nics.append(NICInfo(interface: interface, driver: parsed.driver, version: nil, firmware: nil, busInfo: bus,
                                    namespace: nil, source: Evidence(member: line.member, line: line.number)))
            }
        }
        // Last: the loaded modules, when they name one network driver and one NIC is left
        // without one (an empty `ethtool -i` on a VM: virtio_net, hv_netvsc, vmxnet3, ena).
        let left = interfaces.subtracting(nics.map(\.interface)).filter { !NICDriverModules.isVirtual($0) }
        var loaded: [String: ModuleInfo] = [:]
        for module in report.modules where NICDriverModules.names.contains(ModuleName.normalized(module.name)) {
            loaded[ModuleName.normalized(module.name)] = loaded[ModuleName.normalized(module.name)] ?? module
        }
        if left.count == 1, loaded.count == 1, let interface = left.first, let (driver, module) = loaded.first {
            nics.append(NICInfo(interface: interface, driver: driver, version: nil, firmware: nil, busInfo: nil,
                                namespace: nil, source: module.source))
        }
        return nics
    }

    /// `../../devices/pci0000:00/0000:00:03.0/virtio0/net/ens3`: the device chain of the interface.
    private func nicFromLink(_ interface: String, target: String, bindings: [String: LspciDriversParser.Binding],
                             lspciMember: String?) -> NICInfo? {
        let parts = target.split(separator: "/")
        let pci = parts.last { part in
            part.filter { $0 == ":" }.count == 2 && part.contains(".") && part.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }.map(String.init)
        let linkEvidence = Evidence(member: "sys/class/net/\(interface)")
        // The device right above `net/` is what the network driver binds: virtio0 is a
        // virtio_net device (its PCI parent is bound by virtio-pci), a VMBus GUID a netvsc one.
        if parts.contains(where: { $0.hasPrefix("virtio") && $0.dropFirst(6).allSatisfy(\.isASCIIDigit) && $0.count > 6 }) {
            return NICInfo(interface: interface, driver: "virtio_net", version: nil, firmware: nil, busInfo: pci,
                           namespace: nil, source: linkEvidence)
        }
        if parts.contains(where: { $0.lowercased().contains("vmbus") }) {
            return NICInfo(interface: interface, driver: "hv_netvsc", version: nil, firmware: nil, busInfo: nil,
                           namespace: nil, source: linkEvidence)
        }
        if let pci, let binding = bindings[pci], let lspciMember {
            return NICInfo(interface: interface, driver: binding.driver, version: nil, firmware: nil, busInfo: pci,
                           namespace: nil, source: Evidence(member: lspciMember, line: binding.line))
        }
        return nil
    }
}
