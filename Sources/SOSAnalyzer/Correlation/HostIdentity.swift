/// Reports grouped into hosts: several reports of one machine (before and after a reboot, a
/// day apart) are one host, so that the correlation counts machines, not archives.
///
/// Two reports are of one host when they share the SMBIOS system UUID (and, where their machine
/// IDs differ, the full hostname: containers see their host's UUID); else, when neither names
/// another UUID, when they share systemd's machine ID; a report with neither joins the reports of
/// the same full hostname (compared whole, any case: `db1.prod.example.com` and
/// `db1.test.example.com` are two hosts). A report with no hostname either is a host alone.
///
/// In `Samples/` every report is its own host: the nine RHEL 6 reports have distinct dmidecode
/// UUIDs (dbnode01's `60D562B4-118F-28F2-4BB3-141FB26DDC98`), the RHEL 7 and 9 reports no UUID and
/// no machine ID, so their full hostnames tell them apart.
public struct HostGroup: Sendable, Equatable {
    /// What the reports were grouped by: `system-uuid:<uuid>`, `machine-id:<id>`,
    /// `hostname:<full name, lower case>` or, with none of these, `source:<path>`.
    public var id: String
    /// The hostname of the host's latest report that names one.
    public var hostname: String?
    /// Positions of its reports in the batch, oldest first (by the collection date; undated
    /// reports last, then in batch order).
    public var reports: [Int]
}

public enum HostIdentity {
    public static func group(_ reports: [Report]) -> [HostGroup] {
        var parent = Array(reports.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        func union(_ lhs: Int, _ rhs: Int) {
            let left = root(lhs), right = root(rhs)
            if left != right { parent[max(left, right)] = min(left, right) }
        }
        func buckets(_ key: (Report) -> String?) -> [[Int]] {
            var found: [String: [Int]] = [:]
            var order: [String] = []
            for (index, report) in reports.enumerated() {
                guard let value = key(report) else { continue }
                if found[value] == nil { order.append(value) }
                found[value, default: []].append(index)
            }
            return order.compactMap { found[$0] }
        }
        for bucket in buckets(\.systemUUID) {
            // Containers see their host's UUID: several machine IDs under one UUID are one machine
            // only where the machine ID or the full hostname also agree (a reinstall keeps the name).
            let machineIDs = Set(bucket.compactMap { reports[$0].machineID })
            if machineIDs.count <= 1 {
                for index in bucket.dropFirst() { union(bucket[0], index) }
                continue
            }
            var firstOfID: [String: Int] = [:], firstOfName: [String: Int] = [:]
            for index in bucket {
                if let id = reports[index].machineID {
                    if let first = firstOfID[id] { union(first, index) } else { firstOfID[id] = index }
                }
                if let name = reports[index].hostname?.lowercased() {
                    if let first = firstOfName[name] { union(first, index) } else { firstOfName[name] = index }
                }
            }
        }
        for bucket in buckets(\.machineID) {
            // One machine ID on two machines (a cloned image) is two hosts: the UUIDs say so.
            let uuids = Set(bucket.compactMap { reports[$0].systemUUID })
            let joined = uuids.count <= 1 ? bucket : bucket.filter { reports[$0].systemUUID == nil }
            for index in joined.dropFirst() { union(joined[0], index) }
        }
        for bucket in buckets({ $0.hostname?.lowercased() }) {
            let anonymous = bucket.filter { reports[$0].systemUUID == nil && reports[$0].machineID == nil }
            guard let first = anonymous.first else { continue }
            for index in anonymous.dropFirst() { union(first, index) }
            // The named reports of this hostname, if they are one machine, are that machine.
            let machines = Set(bucket.filter { reports[$0].systemUUID != nil || reports[$0].machineID != nil }.map(root))
            if machines.count == 1, let machine = machines.first { union(machine, first) }
        }

        var members: [Int: [Int]] = [:]
        var roots: [Int] = []
        for index in reports.indices {
            let group = root(index)
            if members[group] == nil { roots.append(group) }
            members[group, default: []].append(index)
        }
        var hosts = roots.map { group in
            let series = timeOrder(members[group] ?? [], reports)
            let id: String
            if let uuid = series.lazy.compactMap({ reports[$0].systemUUID }).first {
                id = "system-uuid:\(uuid)"
            } else if let machine = series.lazy.compactMap({ reports[$0].machineID }).first {
                id = "machine-id:\(machine)"
            } else if let name = series.lazy.compactMap({ reports[$0].hostname }).first {
                id = "hostname:\(name.lowercased())"
            } else {
                id = "source:\(series.first.map { reports[$0].source.path } ?? "")"
            }
            return HostGroup(id: id, hostname: series.reversed().lazy.compactMap { reports[$0].hostname }.first,
                             reports: series)
        }
        // Two hosts under one UUID (containers) are named by their machine ID, else their first report.
        var uses: [String: Int] = [:]
        for host in hosts { uses[host.id, default: 0] += 1 }
        for index in hosts.indices where (uses[hosts[index].id] ?? 0) > 1 {
            let series = hosts[index].reports
            if let machine = series.lazy.compactMap({ reports[$0].machineID }).first {
                hosts[index].id = "machine-id:\(machine)"
            } else if let first = series.first {
                hosts[index].id += " source:\(reports[first].source.path)"
            }
        }
        return hosts
    }

    /// Oldest first by ``CollectionDate``; undated reports after the dated ones; ties in batch order.
    static func timeOrder(_ indices: [Int], _ reports: [Report]) -> [Int] {
        let keys = Dictionary(uniqueKeysWithValues: indices.map { ($0, CollectionDate.sortKey(reports[$0].collectedAt)) })
        return indices.sorted { lhs, rhs in
            switch (keys[lhs] ?? nil, keys[rhs] ?? nil) {
            case let (left?, right?) where left != right: return left < right
            case (.some, nil): return true
            case (nil, .some): return false
            default: return lhs < rhs
            }
        }
    }
}
