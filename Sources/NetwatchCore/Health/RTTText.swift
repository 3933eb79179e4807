/// How an RTT is written, in the advice and on the screen alike.
public enum RTTText {
    /// Microseconds as milliseconds: `38 ms` from 10 ms up, `2.5 ms` from 1 ms, else up to three
    /// decimals as ss writes them (`0.4 ms`, `0.008 ms`).
    public static func milliseconds(_ microseconds: UInt32) -> String {
        if microseconds >= 10_000 { return "\((microseconds + 500) / 1000) ms" }
        if microseconds >= 1000 {
            let tenths = (microseconds + 50) / 100
            return "\(tenths / 10)" + (tenths % 10 == 0 ? "" : ".\(tenths % 10)") + " ms"
        }
        var decimals = String(microseconds + 1000).dropFirst()
        while decimals.last == "0" { decimals.removeLast() }
        return decimals.isEmpty ? "0 ms" : "0.\(decimals) ms"
    }
}
