/// Arithmetic that is total over every value a recording or a crafted /proc tree can hold: a
/// result past the type's range stops at its bound instead of trapping. Formatting and advice use
/// it wherever a count, a limit or a measure from outside is doubled, negated or converted.
extension FixedWidthInteger {
    /// `self × factor`, held at `.max` or `.min` when it overflows.
    public func saturatingMultiplied(by factor: Self) -> Self {
        let (product, overflow) = multipliedReportingOverflow(by: factor)
        guard overflow else { return product }
        return (self < 0) == (factor < 0) ? .max : .min
    }

    /// `self − other`, held at `.max` or `.min` when it overflows.
    public func saturatingSubtracting(_ other: Self) -> Self {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }

    /// `|self|`; the magnitude of a signed type's `.min` (one past `.max`) is held at `.max`.
    public var saturatingMagnitude: Self {
        guard self < 0 else { return self }
        return self == .min ? .max : 0 - self
    }

    /// `value` rounded toward zero, held at `.min` or `.max` when out of range; NaN gives 0.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= Double(Self.max) {
            self = .max
        } else if value <= Double(Self.min) {
            self = .min
        } else {
            self.init(value)
        }
    }
}
