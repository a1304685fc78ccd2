/// Wall-clock times of seconds-since-boot stamps: the boot began at `collectedAt` minus the
/// uptime, and a `[ 1530.811848]` stamp of the running boot is that many seconds later.
///
/// Real case (`sosreport-juju-110cc2-k8stest-4`): `date` says `Fri Feb 11 19:23:39 UTC 2022`,
/// `uptime` says `up 25 min`, so the boot began at 2022-02-11T18:58:39 and the ring buffer's
/// `[ 1530.811848]` is 2022-02-11T19:24:09; the same line in `kern.log` is stamped `Feb 11
/// 19:23:37`: `uptime` prints minutes, so the time is good to about a minute. Stamps the kernel
/// counts while the host was suspended are not counted, which a laptop's log may show.
enum BootClock {
    /// The logs of the boot that was running when sos ran, whose seconds-since-boot stamps the
    /// boot time dates: the ring buffer sos copied, and `var/log/dmesg` that the boot wrote.
    /// Not a crash log (an earlier boot), nor the stamps inside `messages` (a rotation may be
    /// from any boot).
    static func isRunningBootLog(_ member: String) -> Bool {
        member == "var/log/dmesg" || member.hasPrefix("sos_commands/kernel/dmesg") || member.hasPrefix("sos_commands/general/dmesg")
    }

    /// "2022-02-11T18:58:39", or nil when the date cannot be read.
    static func bootTime(collectedAt: String, uptimeSeconds: Int) -> String? {
        let year = KernelEventTime.year(inCollectionDate: collectedAt)
        guard let collected = KernelEventTime.iso8601(collectedAt, collectionYear: year),
              let seconds = seconds(fromISO: collected) else { return nil }
        return iso(fromSeconds: seconds - uptimeSeconds)
    }

    /// `stamp` as the event JSON writes seconds since boot ("1530.811848s after boot"), dated
    /// from the boot time; nil for any other stamp.
    static func iso8601(afterBoot stamp: String, bootedAt: String) -> String? {
        guard stamp.hasSuffix("s after boot"), let secs = Double(stamp.dropLast("s after boot".count)),
              secs.isFinite, secs >= 0, secs < 1e10, let boot = seconds(fromISO: bootedAt) else { return nil }
        return iso(fromSeconds: boot + Int(secs))
    }

    /// Seconds since 1970-01-01T00:00:00 of "YYYY-MM-DDTHH:MM:SS" (no zone: the log's local time).
    static func seconds(fromISO text: String) -> Int? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" }).map { Int($0) }
        guard parts.count == 6, let y = parts[0], let m = parts[1], let d = parts[2],
              let hh = parts[3], let mm = parts[4], let ss = parts[5], (1...12).contains(m), (1...31).contains(d) else { return nil }
        return daysFromCivil(y, m, d) * 86_400 + hh * 3_600 + mm * 60 + ss
    }

    static func iso(fromSeconds seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (y, m, d) = civilFromDays(days)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(pad(m))-\(pad(d))T\(pad(rest / 3_600)):\(pad(rest % 3_600 / 60)):\(pad(rest % 60))"
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
