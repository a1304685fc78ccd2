import SOSArchive

/// The machine: NICs and their drivers, vendor and model.
extension ReportAssembler {
    mutating func readNICs() {
        var nics: [NICInfo] = []
        for found in lookup.all(FactCatalog.ethtoolDriver) {
            guard let name = EthtoolFileName(found.requested) else { continue }
            guard let info = try? EthtoolDriverParser.parse(found.text) else { continue }
            nics.append(NICInfo(
                interface: name.interface, driver: info.driver, version: info.version, firmware: info.firmware,
                busInfo: info.busInfo, namespace: name.namespace,
                source: Evidence(member: found.member, line: info.line)))
        }
        // Interfaces whose `ethtool -i` file sos wrote but left empty, and with no file at all
        // every interface the fallbacks name.
        let named = Set(nics.map(\.interface))
        let emptied = Set(lookup.all(FactCatalog.ethtoolDriver).compactMap { EthtoolFileName($0.requested)?.interface })
            .union(FactLookup.candidatePaths(FactCatalog.ethtoolDriver, in: index).compactMap { EthtoolFileName($0)?.interface })
            .subtracting(named)
        nics += fallbackNICs(for: emptied, discover: nics.isEmpty).filter { !named.contains($0.interface) }
        report.nics = nics.sorted { ($0.namespace ?? "", $0.interface) < ($1.namespace ?? "", $1.interface) }
        if nics.isEmpty {
            // An `ethtool -i` file that sos wrote but left empty was collected: say "empty",
            // and keep "not collected" for reports that hold no such file at all.
            if case .missing(.empty, _) = lookup.first(FactCatalog.ethtoolDriver) {
                report[state: .nics] = .empty
            } else {
                report[state: .nics] = .notCollected
            }
        }
    }

    mutating func readHardware() {
        let dmidecode = parse(FactCatalog.dmidecode, DmidecodeParser.parse)
        readMachineIdentity(dmidecodeUUID: dmidecode.flatMap { identity, found in identity.uuid.map { ($0, found.member, identity.uuidLine) } })
        if let (identity, found) = dmidecode, identity.vendor != nil || identity.model != nil {
            report.hardware = HardwareInfo(vendor: identity.vendor, model: identity.model)
            cite(.hardware, found.member, line: identity.line)
            return
        }
        let vendor = firstLine(FactCatalog.dmiVendor)
        let model = firstLine(FactCatalog.dmiProduct)
        if vendor != nil || model != nil {
            report.hardware = HardwareInfo(vendor: vendor?.text, model: model?.text)
            report[state: .hardware] = nil
            if let source = vendor ?? model { cite(.hardware, source.member, line: 1) }
            return
        }
        // The boot log names the machine too: `DMI: <vendor> <product>, BIOS <version> <date>`.
        if let line = bootLines.dmi, let dmi = DMIBootLineParser.parse(message: Substring(line.message)) {
            var hardware = HardwareInfo(vendor: dmi.vendor, model: dmi.model)
            hardware.bios = dmi.bios
            report.hardware = hardware
            report[state: .hardware] = nil
            cite(.hardware, line.member, line: line.number)
        }
    }

    func firstLine(_ spec: FactSpec) -> (text: String, member: String)? {
        guard case .found(let found) = lookup.first(spec),
              let line = TextLines(found.text).first(where: { !$0.text.allSatisfy(\.isWhitespace) })
        else { return nil }
        return (line.text.trimmingWhitespace(), found.member)
    }
}
