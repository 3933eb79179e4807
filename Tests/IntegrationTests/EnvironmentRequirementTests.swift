import TestSupport
import XCTest

/// A root-only or tool-dependent test skips off CI and fails under CI.
final class EnvironmentRequirementTests: XCTestCase {
    func testUnmetNeedSkipsOffCI() {
        for environment in [[:], ["CI": ""], ["CI": "false"], ["CI": "0"]] {
            let error = EnvironmentRequirement.unmet("needs root", environment: environment)
            XCTAssertTrue(error is XCTSkip, "\(environment): \(error)")
        }
    }

    func testUnmetNeedFailsUnderCI() {
        for environment in [["CI": "true"], ["CI": "1"], ["CI": "TRUE"]] {
            let error = EnvironmentRequirement.unmet("needs root", environment: environment)
            XCTAssertEqual((error as? RequirementUnmetUnderCI)?.description,
                           "CI=true, so this test may not skip: needs root", "\(environment)")
        }
    }
}
