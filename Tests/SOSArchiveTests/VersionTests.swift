import Testing
@testable import SOSArchive

@Test func linksAgainstLibarchiveWithXZ() {
    #expect(libarchiveVersion.hasPrefix("3."))
    // A libarchive built without these fails here, in CI, not at a user with a .tar.xz.
    #expect(libarchiveDetails.contains("liblzma"))
    #expect(libarchiveDetails.contains("zlib"))
    #expect(libarchiveDetails.contains("bz2lib"))
}
