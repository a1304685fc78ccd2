// swift-tools-version:6.1
import PackageDescription

// An example of using SOSAnalyzer from another package: prints the one-line verdict of a batch.
let package = Package(
    name: "verdict",
    dependencies: [.package(name: "sosreport-analyzer", path: "../..")],
    targets: [
        .executableTarget(
            name: "verdict",
            dependencies: [.product(name: "SOSAnalyzer", package: "sosreport-analyzer")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
