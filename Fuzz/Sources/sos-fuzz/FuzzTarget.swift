import Foundation
import SOSAnalyzer
import SOSArchive

/// The functions under test: every parser of `Sources/SOSAnalyzer/Parsers/`, the kernel log
/// scanners, and the archive reader with the whole report pipeline behind it.
///
/// Each case turns the fuzzer's bytes into the input its function gets in production: text is
/// decoded with replacement characters as `MemberData.text` does, log lines are fed one by one
/// as `KernelLogScan` does, archives are read from a file as `ReportReader` does.
enum FuzzTarget: String, CaseIterable {
    case allocfail, banner, buddyinfo, dmidecode, ethtool, gfp, kernlog, lsbRelease = "lsb-release"
    case lsmod, meminfo, modinfo, osRelease = "os-release", pagetypeinfo, redhatRelease = "redhat-release"
    case rpm, dpkg, sosversion, sysctl, sysModuleTaint = "sys-module-taint", tainted, taintmsg, uname
    case zoneinfo, archive

    /// Runs the function on one input. Results are consumed so the optimizer cannot drop the call;
    /// a crash, trap or sanitizer report is the only failure.
    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .allocfail:
            var scanner = AllocationFailureScanner()
            forEachLine(bytes) { line, number in scanner.feed(Substring(line), number: number) }
            consume(scanner.finish())
            consume(scanner.lastMemInfo)
            consume(AllocationFailureParser.parse(text))
        case .banner:
            consume(LinuxVersionBannerParser.firstBanner(in: text))
            forEachLine(bytes) { line, _ in consume(LinuxVersionBannerParser.release(inLine: Substring(line))) }
        case .buddyinfo: consume(try? BuddyInfoParser.parse(text))
        case .dmidecode: consume(try? DmidecodeParser.parse(text))
        case .ethtool: consume(try? EthtoolDriverParser.parse(text))
        case .gfp:
            // The mask as the scanner hands it over: parsed from the header's hex text.
            var mask: UInt64 = 0
            for byte in bytes.prefix(8) { mask = mask << 8 | UInt64(byte) }
            let release = String(decoding: bytes.dropFirst(8), as: UTF8.self)
            if let table = GFPDecoder.table(forKernel: release) {
                consume(GFPDecoder.flags(mask, table: table))
                consume(GFPDecoder.describe(mask, table: table))
            }
            for table in GFPTable.allCases { consume(GFPDecoder.describe(mask, table: table)) }
        case .kernlog:
            forEachLine(bytes) { line, _ in
                let parsed = KernelLogLineParser.parse(Substring(line))
                consume(parsed.message.count)
                consume(parsed.isKernel)
            }
        case .lsbRelease: consume(try? OSReleaseParser.parseLSBRelease(text))
        case .lsmod:
            consume(try? LsmodParser.parse(text))
            consume(LsmodParser.table(text))
        case .meminfo: consume(try? MemInfoParser.parse(text))
        case .modinfo: consume(try? ModinfoParser.parse(text))
        case .osRelease: consume(try? OSReleaseParser.parseOSRelease(text))
        case .pagetypeinfo: consume(try? PageTypeInfoParser.parse(text))
        case .redhatRelease: consume(try? OSReleaseParser.parseRedHatRelease(text))
        case .rpm: consume((try? InstalledPackagesParser.parseRPMList(text))?.packages)
        case .dpkg: consume((try? InstalledPackagesParser.parseDpkgList(text))?.packages)
        case .sosversion: consume(try? SosVersionFileParser.parse(text))
        case .sysctl:
            consume((try? SysctlParser.parse(text))?.entries)
            consume(try? SysctlParser.parseInteger(text))
        case .sysModuleTaint: consume(try? SysModuleTaintParser.parse(text))
        case .tainted:
            if let (value, _) = try? TaintedParser.parse(text) {
                for release in [nil, "2.6.32-504.el6.x86_64", "3.10.0-1160.el7.x86_64", "6.8.0-45-generic"] {
                    consume(TaintDecoder.decode(value, layout: TaintDecoder.layout(forKernel: release)))
                }
            }
            consume(TaintDecoder.layout(forKernel: text))
        case .taintmsg:
            consume(ModuleTaintMessageParser.messages(in: text))
            forEachLine(bytes) { line, number in consume(ModuleTaintMessageParser.message(inLine: Substring(line), number: number)) }
        case .uname: consume(try? UnameParser.parse(text))
        case .zoneinfo: consume(try? ZoneInfoParser.parse(text))
        case .archive: ArchiveInput.run(bytes)
        }
    }

    /// Lines as `MemberCursor.forEachLine` hands them to `KernelLogScan`: split on \n, a trailing \r
    /// dropped, bytes decoded with replacement characters.
    private func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (String, Int) -> Void) {
        var number = 0
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            if index == bytes.count && start == index { break }
            number += 1
            var line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if line.utf8.last == UInt8(ascii: "\r") { line.removeLast() }
            body(line, number)
            start = index + 1
        }
    }
}

/// Keeps a value alive past the optimizer without printing it.
@inline(never)
func consume<Value>(_ value: Value) {
    withExtendedLifetime(value) {}
}
