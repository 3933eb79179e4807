import Foundation
import XCTest

/// What a test needs from the machine (root, tmux, capsh …). Off CI a test whose need is not met
/// skips with the reason; under CI (`CI=true`, where `.ci/run` runs as root after
/// `scripts/setup`) the same need unmet is a failure, so a runner without root or without a tool
/// cannot turn the end-to-end tests into silent skips.
public enum EnvironmentRequirement {
    /// The error to throw when `reason` says what is missing: an `XCTSkip` off CI, a failure under CI.
    public static func unmet(_ reason: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Error {
        if isCI(environment) {
            return RequirementUnmetUnderCI(reason: reason)
        }
        return XCTSkip(reason)
    }

    /// Throws ``unmet(_:environment:)`` unless `condition` holds.
    public static func require(_ condition: Bool, _ reason: @autoclosure () -> String) throws {
        if !condition { throw unmet(reason()) }
    }

    /// `CI` set to anything but empty, `0` or `false` (GitHub, GitLab and our own runner set `true`).
    public static func isCI(_ environment: [String: String]) -> Bool {
        guard let value = environment["CI"]?.lowercased() else { return false }
        return !["", "0", "false", "no"].contains(value)
    }
}

/// A test that must run under CI found its need unmet.
public struct RequirementUnmetUnderCI: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "CI=true, so this test may not skip: \(reason)" }
}
