/// Byte counts for people: binary multiples (powers of 1024), labelled as such: KiB, MiB, GiB
/// (`/proc` writes `kB` for KiB; the output says what the number is).
///
/// `4096` -> `4 KiB`, `16384` -> `16 KiB`, `4194304` -> `4 MiB`, `1288490188` -> `1.2 GiB`,
/// `512` -> `512 B`. One decimal at most, dropped when it is 0.
public enum ByteFormatter {
    public static func human(_ bytes: Int64) -> String {
        if bytes < 0 {
            // Int64.min has no positive counterpart; one byte less is invisible after rounding.
            return "-" + human(bytes == Int64.min ? Int64.max : -bytes)
        }
        let labels = ["B", "KiB", "MiB", "GiB", "TiB"]
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
    /// For values /proc writes in kB: `kibibytes(67584)` is "66 MiB".
    public static func kibibytes(_ value: Int) -> String {
        human(Int64(value).multipliedReportingOverflow(by: 1024).overflow ? Int64.max : Int64(value) * 1024)
    }
}
