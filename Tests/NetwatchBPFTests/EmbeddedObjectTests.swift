import XCTest
@testable import NetwatchBPF

/// The base64 the BPFObject plugin embeds, decoded without FoundationEssentials.
final class EmbeddedObjectTests: XCTestCase {
    func testRFC4648VectorsDecode() {
        let vectors = ["": "", "Zg==": "f", "Zm8=": "fo", "Zm9v": "foo", "Zm9vYg==": "foob", "Zm9vYmE=": "fooba", "Zm9vYmFy": "foobar"]
        for (encoded, plain) in vectors {
            XCTAssertEqual(EmbeddedObject.decode(encoded), Array(plain.utf8), encoded)
        }
        XCTAssertEqual(EmbeddedObject.decode("/+8A"), [0xFF, 0xEF, 0x00])
    }

    func testAnythingElseIsRefused() {
        for text in ["Zg=", "Zg", "Z===", "Zm9v\n", "Zm 9", "Zm9-", "=Zm9"] {
            XCTAssertNil(EmbeddedObject.decode(text), text)
        }
    }

    func testTheEmbeddedObjectIsAnELFFile() throws {
        let bytes = try XCTUnwrap(EmbeddedObject.connectors)
        XCTAssertEqual(Array(bytes.prefix(4)), [0x7F, 0x45, 0x4C, 0x46])
    }
}
