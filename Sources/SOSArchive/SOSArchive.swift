import CArchive

/// The libarchive version this build links against, e.g. "3.6.2".
public var libarchiveVersion: String {
    let number = Int(archive_version_number())
    return "\(number / 1_000_000).\(number / 1_000 % 1_000).\(number % 1_000)"
}

/// libarchive's own build details, e.g. "libarchive 3.6.2 zlib/1.2.13 liblzma/5.4.1 bz2lib/1.0.8 libzstd/1.5.4".
var libarchiveDetails: String {
    String(cString: archive_version_details())
}
