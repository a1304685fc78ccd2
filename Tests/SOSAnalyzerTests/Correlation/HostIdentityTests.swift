import Testing
@testable import SOSAnalyzer

@Suite struct HostIdentityTests {
    static func report(_ host: String?, path: String, machineID: String? = nil, uuid: String? = nil, date: String? = nil) -> Report {
        var report = Report(source: ReportSourceInfo(path: path, format: "tar.xz", topFolder: nil, memberCount: 1))
        report.hostname = host
        report.machineID = machineID
        report.systemUUID = uuid
        report.collectedAt = date
        return report
    }

    @Test func fullHostnameNotShortName() {
        let reports = [Self.report("db1.prod.example.com", path: "/a"), Self.report("db1.test.example.com", path: "/b"),
                       Self.report("DB1.prod.example.com", path: "/c")]
        let hosts = HostIdentity.group(reports)
        #expect(hosts.map(\.reports) == [[0, 2], [1]])
        #expect(hosts.map(\.id) == ["hostname:db1.prod.example.com", "hostname:db1.test.example.com"])
    }

    @Test func machineIDAcrossARename() {
        let id = "f9a1477e7b804398a25d3710d4e796ba"
        let reports = [Self.report("old.example.com", path: "/a", machineID: id, date: "Wed May 15 14:02:10 CEST 2013"),
                       Self.report("new.example.com", path: "/b", machineID: id, date: "Tue May 14 09:12:03 CEST 2013")]
        let hosts = HostIdentity.group(reports)
        #expect(hosts.count == 1)
        #expect(hosts.first?.reports == [1, 0])
        #expect(hosts.first?.hostname == "old.example.com")
        #expect(hosts.first?.id == "machine-id:\(id)")
    }

    @Test func clonedMachineIDWithTwoUUIDsIsTwoHosts() {
        let id = "f9a1477e7b804398a25d3710d4e796ba"
        let reports = [Self.report("vm.example.com", path: "/a", machineID: id, uuid: "f9a1477e-7b80-4398-a25d-3710d4e796ba"),
                       Self.report("vm.example.com", path: "/b", machineID: id, uuid: "0a1477e0-7b80-4398-a25d-3710d4e796ba"),
                       Self.report("vm.example.com", path: "/c")]
        let hosts = HostIdentity.group(reports)
        // The report with neither id cannot tell which of the two it is: a host alone.
        #expect(hosts.map(\.reports) == [[0], [1], [2]])
    }

    /// LXD containers read their host's `product_uuid`; their machine IDs and names differ.
    @Test func containersOfOneMachineAreTwoHosts() {
        let uuid = "f9a1477e-7b80-4398-a25d-3710d4e796ba"
        let reports = [Self.report("juju-04f1e3-0-lxd-5", path: "/a", machineID: "8599f400baa140848117a42ac3003f86", uuid: uuid),
                       Self.report("juju-04f1e3-1-lxd-5", path: "/b", machineID: "028edcb934864221a0abd2d18a86ffa6", uuid: uuid),
                       // reinstalled: a new machine ID, the same name and UUID
                       Self.report("juju-04f1e3-0-lxd-5", path: "/c", machineID: "f9a1477e7b804398a25d3710d4e796ba", uuid: uuid)]
        let hosts = HostIdentity.group(reports)
        #expect(hosts.map(\.reports) == [[0, 2], [1]])
        #expect(hosts.map(\.id) == ["machine-id:8599f400baa140848117a42ac3003f86", "machine-id:028edcb934864221a0abd2d18a86ffa6"])
    }

    @Test func aReportWithoutIDsJoinsTheOneMachineOfItsName() {
        let reports = [Self.report("web07.dmz.example.com", path: "/a", uuid: "dc8e3da1-08f6-ecb1-65ac-fed258e963a4"),
                       Self.report("web07.dmz.example.com", path: "/b")]
        #expect(HostIdentity.group(reports).map(\.reports) == [[0, 1]])
    }
}
