/// Decides whether a loaded module comes from outside the distribution's kernel build, and says why.
///
/// Each clue alone is enough, and every clue that holds is listed, so an engineer sees both
/// "license 'Proprietary'" and "installed under extra/" for a vendor file-system driver.
struct ThirdPartyModuleRule {
    /// True when some module in the modinfo listing carries `intree: Y`: then a module without
    /// it was built outside the tree (older kernels print no `intree` field at all).
    let kernelMarksInTree: Bool
    /// True when some module carries a signer: then an unsigned module is not the distribution's.
    let kernelSignsModules: Bool

    func reasons(
        module: String, record: ModinfoRecord?, taintFlags: [String],
        taintFlagsSource: Evidence?, logMessages: [(ModuleTaintMessage, Evidence)]
    ) -> [String] {
        var reasons: [String] = []
        let flagWords = ["O": "out-of-tree", "P": "proprietary", "E": "unsigned"]
        for flag in taintFlags {
            if let word = flagWords[flag] {
                reasons.append("taint flag \(flag) (\(word))" + (taintFlagsSource.map { " in \($0)" } ?? ""))
            }
        }
        if let record {
            if let license = record.license, !ModuleLicenses.isGPLCompatible(license) {
                reasons.append("license '\(license)' is not GPL-compatible (modinfo)")
            }
            if kernelMarksInTree, record.intree != true {
                reasons.append("modinfo shows no 'intree: Y' while the distribution's modules do")
            }
            if kernelSignsModules, record.signer == nil {
                reasons.append("unsigned: modinfo shows no signer while the distribution's modules are signed")
            }
            if let filename = record.filename {
                for directory in ["/extra/", "/weak-updates/", "/updates/"] where filename.contains(directory) {
                    reasons.append("installed under \(directory.dropFirst()) (\(filename))")
                }
            }
        }
        for (message, evidence) in logMessages {
            reasons.append("kernel log: \"\(message.message)\" (\(evidence))")
        }
        return reasons
    }
}
