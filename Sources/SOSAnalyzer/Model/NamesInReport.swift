/// Host names and domains a report's files name besides its own host name: the other nodes of
/// its cluster (corosync.conf), the names of `/etc/hosts`. Left out of the report's JSON
/// (``NotEncoded``) and kept in its JSON Lines record (``ReportRecord``, `hostNamesInFiles`):
/// `Redaction` learns them so that no output repeats them, from archives and records alike.
public struct NamesInReport: Sendable, Equatable, Defaulted {
    /// Host names, short or fully qualified, in the order the files give them.
    public var hosts: [String] = []

    public init() {}

    public init(hosts: [String]) {
        self.hosts = hosts
    }
}
