// Prints the verdict of a batch of sosreports in one line:
//   swift run --package-path Examples/verdict verdict Samples/
//   5 of 11 hosts are affected: 17 page allocation failures of order 2–3 (16 kB–32 kB blocks), ...
import Foundation
import SOSAnalyzer

let paths = Array(CommandLine.arguments.dropFirst())
guard !paths.isEmpty else {
    print("usage: verdict PATH...")
    exit(64)
}
let outcome = await BatchReader.read(paths: paths, jobs: 4)
print(FleetVerdict(outcome).sentence)
exit(outcome.exitStatus)
