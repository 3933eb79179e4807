import Foundation

/// The few ways numbers and commands are written in advice text, so every rule says them alike.
enum AdviceText {
    /// `0.934` → `93%` (rounded down, so 89.9% never reads as 90%).
    static func percent(_ ratio: Double) -> String { "\(Int(saturating: (ratio * 100).rounded(.down)))%" }

    /// `2400.0` → `2400/s`; `0.25` → `0.25/s`; one decimal from 1 to 10.
    static func perSecond(_ rate: Double) -> String { number(rate) + "/s" }

    /// A count or measure without needless decimals: `40`, `2.5`, `0.25`.
    static func number(_ value: Double) -> String {
        if value >= 10 || value == value.rounded() { return String(Int(saturating: value.rounded())) }
        return String(format: value >= 1 ? "%.1f" : "%.2f", value)
    }

    /// `~40 s`, `~3 min`.
    static func duration(_ seconds: Double) -> String {
        seconds < 120 ? "~\(Int(saturating: seconds.rounded())) s" : "~\(Int(saturating: (seconds / 60).rounded())) min"
    }

    /// The command that sets a sysctl now: `sysctl -w net.ipv4.tcp_tw_reuse=1`; a value with a
    /// space is quoted. netwatch only shows it; it never runs it.
    static func sysctl(_ name: String, _ value: String) -> String {
        "sysctl -w \(name)=" + (value.contains(" ") ? "\"\(value)\"" : value)
    }

    /// `10.0.0.5:80`, `[2001:db8::1]:443`.
    static func endpoint(_ address: IPAddress, _ port: UInt16) -> String {
        DrillTarget.destination(address: address, port: port).description
    }

    /// `nginx (pid 812)`.
    static func process(_ process: ProcessIdentity) -> String { "\(process.command) (pid \(process.pid))" }
}
