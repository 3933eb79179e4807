/// Parsers for the values of `/proc/sys` files and of `/proc/sys/fs/file-nr`.
public enum SysctlValue {
    /// A single integer (`tcp_tw_reuse`, `somaxconn`, `file-max` …).
    public static func integer(_ text: String) throws(ParseError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: " \t\n")
        guard let value = Int64(trimmed) else { throw ParseError("not an integer", input: text) }
        return value
    }

    /// `ip_local_port_range`: two integers, low then high, 1 ≤ low ≤ high ≤ 65535.
    public static func portRange(_ text: String) throws(ParseError) -> ClosedRange<UInt16> {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]),
              (1...65535).contains(lo), (1...65535).contains(hi), lo <= hi else {
            throw ParseError("not a port range 'LOW HIGH'", input: text)
        }
        return UInt16(lo)...UInt16(hi)
    }

    /// `ip_local_reserved_ports`: empty, or a comma-separated list of ports and ranges.
    public static func reservedPorts(_ text: String) throws(ParseError) -> [ClosedRange<UInt16>] {
        let trimmed = text.trimmingCharacters(in: " \t\n")
        if trimmed.isEmpty { return [] }
        do {
            return try PortSet.parse(trimmed).ranges
        } catch {
            throw ParseError("not a reserved-port list", input: text)
        }
    }

    /// `file-nr`: allocated, free (always 0 since 2.6), max.
    public static func fileNr(_ text: String) throws(ParseError) -> (allocated: Int64, max: Int64) {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard parts.count == 3, let allocated = Int64(parts[0]), Int64(parts[1]) != nil, let max = Int64(parts[2]) else {
            throw ParseError("not 'allocated free max'", input: text)
        }
        return (allocated, max)
    }
}
