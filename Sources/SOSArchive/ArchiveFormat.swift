/// The container a report arrives in, decided from content (see ``FormatSniffer``), never from the name.
public enum ArchiveFormat: String, Sendable, Codable, Hashable {
    case tarXZ = "tar.xz", tarGZ = "tar.gz", tarBZ2 = "tar.bz2", tarZST = "tar.zst", tar = "tar", directory = "directory"
}
