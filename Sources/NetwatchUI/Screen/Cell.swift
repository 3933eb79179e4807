/// One character cell of the screen: a single-column scalar and the role that colours it.
public struct Cell: Equatable, Sendable {
    public var scalar: Unicode.Scalar
    public var role: ColorRole

    public init(_ scalar: Unicode.Scalar, role: ColorRole) {
        self.scalar = scalar
        self.role = role
    }

    public static let blank = Cell(" ", role: .normal)
}
