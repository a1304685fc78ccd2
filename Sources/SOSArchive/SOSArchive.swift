import CArchive

/// The libarchive version this build links against, e.g. "3.6.2".
public var libarchiveVersion: String {
    let text = String(cString: archive_version_string())
    return text.hasPrefix("libarchive ") ? String(text.dropFirst("libarchive ".count)) : text
}
