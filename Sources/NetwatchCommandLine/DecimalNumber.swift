/// Numbers on the command line: plain decimal only, so `--interval 0x10` (which Swift's `Double`
/// reads as 16) or `nan` is refused rather than taken for something the user did not write.
public enum DecimalNumber {
    /// `1`, `0.5`, `-2`, `.25`, `1e3`: an optional sign, digits with at most one point, an
    /// optional exponent. Nil for anything else.
    public static func parse(_ text: String) -> Double? {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let mantissa = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        rest = rest.dropFirst(mantissa.count)
        if let e = rest.first, e == "e" || e == "E" {
            rest = rest.dropFirst()
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            rest = ""
        }
        guard rest.isEmpty, mantissa.contains(where: \.isNumber), mantissa.filter({ $0 == "." }).count <= 1 else { return nil }
        return Double(text)
    }
}
