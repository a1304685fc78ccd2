/// Byte counts for people: binary multiples, labelled the way `/proc` does (`kB` = KiB).
///
/// `4096` -> `4 kB`, `16384` -> `16 kB`, `4194304` -> `4 MB`, `1288490188` -> `1.2 GB`,
/// `512` -> `512 B`. One decimal at most, dropped when it is 0.
public enum ByteFormatter {
    public static func human(_ bytes: Int64) -> String {
        if bytes < 0 {
            // Int64.min has no positive counterpart; one byte less is invisible after rounding.
            return "-" + human(bytes == Int64.min ? Int64.max : -bytes)
        }
        let labels = ["B", "kB", "MB", "GB", "TB"]
        var unit: Int64 = 1
        var index = 0
        while index < labels.count - 1, bytes / unit >= 1024 {
            unit *= 1024
            index += 1
        }
        if index == 0 { return "\(bytes) B" }
        let tenths = (Double(bytes) / Double(unit) * 10).rounded()
        let whole = Int64(tenths / 10)
        let fraction = Int64(tenths.truncatingRemainder(dividingBy: 10))
        return fraction == 0 ? "\(whole) \(labels[index])" : "\(whole).\(fraction) \(labels[index])"
    }
}

extension ByteFormatter {
    /// For values /proc writes in kB: `kibibytes(67584)` is "66 MB".
    public static func kibibytes(_ value: Int) -> String {
        human(Int64(value).multipliedReportingOverflow(by: 1024).overflow ? Int64.max : Int64(value) * 1024)
    }
}
