import XCTest
@testable import NetwatchCore
import TestSupport

final class NetwatchConfigTests: XCTestCase {
    private func error(_ text: String) -> String? {
        do {
            _ = try NetwatchConfig.parse(text, source: "cfg.toml")
            return nil
        } catch {
            return error.description
        }
    }

    func testTheShippedSampleParsesToTheDefaults() throws {
        let path = FixturePaths.packageRoot + "/docs/config.sample.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(try NetwatchConfig.parse(text, source: path), NetwatchConfig())
        // Uncommented, every documented key is known and its value is the default.
        let uncommented = text.replacingOccurrences(of: "# ([a-z_0-9]+ = )", with: "$1", options: .regularExpression)
        XCTAssertEqual(try NetwatchConfig.parse(uncommented, source: path), NetwatchConfig())
        let keys = uncommented.split(separator: "\n").filter { $0.contains(#/^[a-z_0-9]+ = /#) }.map { String($0.split(separator: " ")[0]) }
        XCTAssertEqual(keys, AdviceThresholds.settings.map(\.key))
    }

    func testValuesOverrideTheDefaults() throws {
        let config = try NetwatchConfig.parse("""
            # tighter ports
            [advice]
            ports_warning = 0.5   # half
            close_wait_warning = 10
            churn_opens_per_s = 1_000
            spike_factor = 2.5e0
            ports_full_in_warning_s = 300
            """, source: "cfg.toml")
        var expected = AdviceThresholds()
        expected.portsWarning = 0.5
        expected.closeWaitWarning = 10
        expected.churnOpensPerSecond = 1_000
        expected.spikeFactor = 2.5
        expected.portsFullInWarningSeconds = 300
        XCTAssertEqual(config.advice, expected)
    }

    func testErrorsNameTheFileLineAndKey() {
        XCTAssertEqual(error("[advice]\nport_warning = 0.5"),
                       "cfg.toml:2: key 'port_warning': unknown setting in [advice]; did you mean 'ports_warning'?")
        XCTAssertEqual(error("[advice]\ncolour = 1"),
                       "cfg.toml:2: key 'colour': unknown setting in [advice] (expected one of: "
                           + AdviceThresholds.settings.map(\.key).joined(separator: ", ") + ")")
        XCTAssertEqual(error("ports_warning = 0.5"), "cfg.toml:1: key 'ports_warning': unknown setting (settings go in the [advice] table)")
        XCTAssertEqual(error("[colors]"), "cfg.toml:1: unknown table [colors] (expected [advice])")
        XCTAssertEqual(error("[advice]\nports_warning = \"70%\""), "cfg.toml:2: key 'ports_warning': expected a number")
        XCTAssertEqual(error("[advice]\nports_warning = 70"), "cfg.toml:2: key 'ports_warning': expected a ratio above 0 and at most 1 (0.7 = 70%)")
        XCTAssertEqual(error("[advice]\nsyn_sent_warning = -1"), "cfg.toml:2: key 'syn_sent_warning': expected a number of 0 or more")
        XCTAssertEqual(error("[advice]\nsyn_sent_warning = 1.2.3"), "cfg.toml:2: key 'syn_sent_warning': '1.2.3' is not a decimal number")
        XCTAssertEqual(error("[advice]\n\nports_warning = 0.95"),
                       "cfg.toml:3: key 'ports_warning': ports_warning (0.95) is above ports_critical (0.9)")
        XCTAssertEqual(error("[advice]\nports_critical = 0.6"),
                       "cfg.toml:2: key 'ports_critical': ports_warning (0.7) is above ports_critical (0.6)")
        XCTAssertEqual(error("[advice]\nports_full_in_warning_s = 30"),
                       "cfg.toml:2: key 'ports_full_in_warning_s': ports_full_in_warning_s (30) is below ports_full_in_critical_s (60)")
        XCTAssertEqual(error("[advice]\nports_full_in_critical_s = 900"),
                       "cfg.toml:2: key 'ports_full_in_critical_s': ports_full_in_warning_s (600) is below ports_full_in_critical_s (900)")
        XCTAssertEqual(error("[advice]\nports_warning = 0.5\nports_warning = 0.6"),
                       "cfg.toml:3: key 'ports_warning': defined twice (first on line 2)")
    }

    func testEditDistance() {
        XCTAssertEqual(NetwatchConfig.editDistance("ports_warnin", "ports_warning"), 1)
        XCTAssertEqual(NetwatchConfig.editDistance("", "abc"), 3)
        XCTAssertEqual(NetwatchConfig.editDistance("abc", ""), 3)
        XCTAssertEqual(NetwatchConfig.editDistance("kitten", "sitting"), 3)
    }

    func testNumberWords() {
        XCTAssertEqual(LineScanner.number("100"), 100)
        XCTAssertEqual(LineScanner.number("-0.25"), -0.25)
        XCTAssertEqual(LineScanner.number("1_000"), 1_000)
        XCTAssertEqual(LineScanner.number("3e2"), 300)
        XCTAssertNil(LineScanner.number("1__0"))
        XCTAssertNil(LineScanner.number("1."))
        XCTAssertNil(LineScanner.number("0x10"))
        XCTAssertEqual(LineScanner.number("+1_0.2_5e-1"), 1.025)
        XCTAssertEqual(LineScanner.number("7E+2"), 700)
        XCTAssertNil(LineScanner.number(""))
        XCTAssertNil(LineScanner.number("-"))
        XCTAssertNil(LineScanner.number("_1"))
        XCTAssertNil(LineScanner.number("1_"))
        XCTAssertNil(LineScanner.number(".5"))
        XCTAssertNil(LineScanner.number("1._5"))
        XCTAssertNil(LineScanner.number("1e"))
        XCTAssertNil(LineScanner.number("1e1_0"))
        XCTAssertNil(LineScanner.number("+-1"))
    }
}
