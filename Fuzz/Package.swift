// swift-tools-version:6.1
// libFuzzer targets for sosreport-analyzer. A package of its own, so the root package's normal
// builds never see the fuzzer flags. Build and run with `bash Fuzz/run.sh` (see the script).
import PackageDescription

let package = Package(
    name: "sosreport-analyzer-fuzz",
    dependencies: [
        .package(name: "sosreport-analyzer", path: ".."),
    ],
    targets: [
        // One binary, one libFuzzer entry point; `SOS_FUZZ_TARGET` picks the function under test,
        // so a single instrumented build serves every target.
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "sos-fuzz",
            dependencies: ["FuzzDriver", .product(name: "SOSAnalyzer", package: "sosreport-analyzer"),
                           .product(name: "SOSArchive", package: "sosreport-analyzer")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
