/// Host names and domains a report's files name besides its own host name: the other nodes of
/// its cluster (corosync.conf), the names of `/etc/hosts`. Kept in memory only
/// (``NotEncoded``): `Redaction` learns them so that no output repeats them.
public struct NamesInReport: Sendable, Equatable, Defaulted {
    /// Host names, short or fully qualified, in the order the files give them.
    public var hosts: [String] = []

    public init() {}

    public init(hosts: [String]) {
        self.hosts = hosts
    }
}
