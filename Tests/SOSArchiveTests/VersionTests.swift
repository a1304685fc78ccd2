import Testing
@testable import SOSArchive

@Test func linksAgainstLibarchiveWithXZ() {
    #expect(libarchiveVersion.hasPrefix("3."))
}
