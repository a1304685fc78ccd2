/// Wall-clock times for log stamps, ISO 8601 without a zone (the log's local time).
///
/// Syslog stamps (`Dec  1 06:57:51`) have no year: it is the collection date's (`Fri May 17
/// 09:05:37 CEST 2013`, from sos's `date`), one less for a month after the collection month (a
/// log that crossed New Year). `dmesg -T` stamps (`Mon Apr 20 15:08:07 2020`) carry their year.
/// Seconds since boot give no time here.
enum KernelEventTime {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func year(inCollectionDate text: String) -> (year: Int, month: Int?)? {
        let words = text.split(separator: " ")
        guard let year = words.last(where: { $0.count == 4 && Int($0) != nil }).flatMap({ Int($0) }) else { return nil }
        let month = words.lazy.compactMap { months.firstIndex(of: String($0)) }.first.map { $0 + 1 }
        return (year, month)
    }

    /// "2013-12-01T06:57:51", or nil when the stamp is not a wall clock this reads.
    static func iso8601(_ stamp: String, collectionYear: (year: Int, month: Int?)?) -> String? {
        let words = stamp.split(separator: " ")
        if let first = words.first, first.count >= 19, first.dropFirst(4).first == "-" {
            return String(first.prefix(19))  // journal short-iso: already ISO
        }
        guard let monthIndex = words.firstIndex(where: { months.contains(String($0)) }),
              let month = months.firstIndex(of: String(words[monthIndex])).map({ $0 + 1 }),
              monthIndex + 2 < words.count, let day = Int(words[monthIndex + 1]) else { return nil }
        let time = words[monthIndex + 2]
        guard time.count == 8 || time.count > 8 && time.dropFirst(8).first == "." else { return nil }
        let hms = time.prefix(8)
        var year = words.dropFirst(monthIndex + 3).first.flatMap { $0.count == 4 ? Int($0) : nil }
        if year == nil, let collection = collectionYear {
            year = collection.year - ((collection.month.map { month > $0 } ?? false) ? 1 : 0)
        }
        guard let year else { return nil }
        return "\(year)-\(pad(month))-\(pad(day))T\(hms)"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
