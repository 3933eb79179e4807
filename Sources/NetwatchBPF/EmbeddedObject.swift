/// The compiled BPF object the BPFObject plugin embeds as base64 (`connectorsObjectBase64`),
/// decoded to the ELF bytes libbpf opens. Decoded here rather than with FoundationEssentials'
/// Data, which would link 7 MB into the binary for this alone (issue 17).
enum EmbeddedObject {
    /// The object's bytes, or `nil` when the embedded text is not base64 (a broken build).
    static var connectors: [UInt8]? { decode(connectorsObjectBase64) }

    /// Standard base64 (RFC 4648, `=` padding, no line breaks) to bytes; `nil` on any other text.
    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 4 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(characters.count / 4 * 3)
        var index = 0
        while index < characters.count {
            let padding = index + 4 == characters.count ? characters[index...].reversed().prefix { $0 == UInt8(ascii: "=") }.count : 0
            guard padding <= 2 else { return nil }
            var group: UInt32 = 0
            for offset in 0..<4 {
                let character = characters[index + offset]
                let value: UInt32
                if offset >= 4 - padding {
                    value = 0
                } else if let sextet = sextet(character) {
                    value = sextet
                } else {
                    return nil
                }
                group = group << 6 | value
            }
            bytes.append(UInt8(truncatingIfNeeded: group >> 16))
            if padding < 2 { bytes.append(UInt8(truncatingIfNeeded: group >> 8)) }
            if padding < 1 { bytes.append(UInt8(truncatingIfNeeded: group)) }
            index += 4
        }
        return bytes
    }

    private static func sextet(_ character: UInt8) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
