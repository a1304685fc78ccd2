import Foundation
import Testing
@testable import SOSAnalyzer

@Suite struct FisherExactTestTests {
    /// The reference fleet: 5 affected, 6 unaffected (Samples/expected-correlation.json).
    let fleet = FisherExactTest(affectedTotal: 5, unaffectedTotal: 6)

    @Test func perfectSeparationOfTheReferenceFleetIsOneIn462() {
        // Only one way in C(11,5) = 462 to draw exactly the 5 affected hosts.
        #expect(Hypergeometric.choose(11, 5) == 462)
        #expect(abs(fleet.pValue(affected: 5, unaffected: 0) - 1.0 / 462) < 1e-15)
    }

    @Test func partialCoverSumsTheUpperTail() {
        // package=cman: 3 affected, 2 unaffected. (C(5,3)C(6,2) + C(5,4)C(6,1) + C(5,5)C(6,0)) / C(11,5) = 181/462.
        #expect(abs(fleet.pValue(affected: 3, unaffected: 2) - 181.0 / 462) < 1e-14)
        // os=RHEL 6.4 alone: 5 affected, 2 unaffected. C(6,2) / C(11,7) = 15/330.
        #expect(abs(fleet.pValue(affected: 5, unaffected: 2) - 15.0 / 330) < 1e-14)
        // taint=P: 2 affected, 1 unaffected.
        #expect(abs(fleet.pValue(affected: 2, unaffected: 1) - Hypergeometric.upperTail(a: 2, u: 1, affected: 5, unaffected: 6)) < 1e-14)
    }

    @Test func matchesTheSchoolbookFormulaOnEveryCellOfAMidSizedTable() {
        let test = FisherExactTest(affectedTotal: 12, unaffectedTotal: 30)
        for a in 0...12 {
            for u in 0...30 where a + u > 0 {
                let expected = Hypergeometric.upperTail(a: a, u: u, affected: 12, unaffected: 30)
                let got = test.pValue(affected: a, unaffected: u)
                #expect(abs(got - expected) <= 1e-12 * max(1, expected), "a=\(a) u=\(u)")
            }
        }
    }

    @Test func staysExactInLogSpaceWhereThePValueUnderflows() {
        // 10,000 reports, 400 affected, a set on exactly the affected: p = 1/C(10000,400), far below 1e-300.
        let test = FisherExactTest(affectedTotal: 400, unaffectedTotal: 9600)
        let logP = test.logPValue(affected: 400, unaffected: 0)
        let logChoose = (0..<400).reduce(0.0) { $0 + log(Double(10000 - $1)) - log(Double($1 + 1)) }
        #expect(abs(logP + logChoose) < 1e-6 * logChoose)
        #expect(test.pValue(affected: 400, unaffected: 0) == 0)
    }

    @Test func countsOutsideTheTableGiveOne() {
        #expect(fleet.pValue(affected: 0, unaffected: 0) == 1)
        #expect(fleet.pValue(affected: 6, unaffected: 0) == 1)
        #expect(fleet.pValue(affected: 0, unaffected: 6) == 1)
        #expect(FisherExactTest(affectedTotal: 0, unaffectedTotal: 0).pValue(affected: 1, unaffected: 0) == 1)
    }
}
