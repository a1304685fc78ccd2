/// The private key of a redaction: original → pseudonym, per kind. Written by `--redact-map`,
/// never part of the shared output.
public struct RedactionMap: Sendable, Codable, Equatable {
    /// Hostnames: short names (`dbnode01` → `host-03`) and full names.
    public var hosts: [String: String] = [:]
    public var domains: [String: String] = [:]
    public var ipv4: [String: String] = [:]
    public var ipv6: [String: String] = [:]
    public var mac: [String: String] = [:]
    /// Machine IDs (`etc/machine-id`) and SMBIOS system UUIDs → `machine-01`...
    public var machines: [String: String] = [:]

    public init() {}

    private enum CodingKeys: String, CodingKey { case hosts, domains, ipv4, ipv6, mac, machines }

    /// Maps written before a kind existed still read (the kind is empty).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hosts = try container.decodeIfPresent([String: String].self, forKey: .hosts) ?? [:]
        domains = try container.decodeIfPresent([String: String].self, forKey: .domains) ?? [:]
        ipv4 = try container.decodeIfPresent([String: String].self, forKey: .ipv4) ?? [:]
        ipv6 = try container.decodeIfPresent([String: String].self, forKey: .ipv6) ?? [:]
        mac = try container.decodeIfPresent([String: String].self, forKey: .mac) ?? [:]
        machines = try container.decodeIfPresent([String: String].self, forKey: .machines) ?? [:]
    }
}
