/// A set of TCP ports as 65536 bits (8 KiB): which local ports connections toward one destination
/// used, to count the TIME_WAIT entries that really exist.
struct PortBitmap {
    private var words = [UInt64](repeating: 0, count: 1024)
    /// Ports in the set.
    private(set) var count = 0

    /// Adds `port`; returns false if it was already there (the kernel reused the port).
    @discardableResult
    mutating func insert(_ port: UInt16) -> Bool {
        let (word, bit) = (Int(port >> 6), UInt64(1) << UInt64(port & 63))
        guard words[word] & bit == 0 else { return false }
        words[word] |= bit
        count += 1
        return true
    }
}
