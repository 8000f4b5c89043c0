import LwkdReaders
import Testing

/// Bytes are checked before any reader sees them.
@Suite struct SourceDecoderTests {
    @Test func invalidUTF8NamesTheLine() {
        #expect(throws: ReadError.invalidUTF8(path: "p.md", line: 3)) {
            try SourceDecoder.decode(
                Array("a\nb\n".utf8) + [0xC3, 0x28] + Array("\n".utf8), path: "p.md")
        }
    }

    @Test func binaryIsRefused() {
        #expect(throws: ReadError.binary(path: "p.png")) {
            try SourceDecoder.decode([0x89, 0x50, 0x00, 0x01], path: "p.png")
        }
    }

    @Test func byteOrderMarkIsDropped() throws {
        #expect(try SourceDecoder.decode([0xEF, 0xBB, 0xBF] + Array("x".utf8), path: "p") == "x")
    }

    @Test func formatIsDetectedByContent() {
        #expect(FormatDetector.detect("---\ntitle: x\n---\n") == "markdown")
        #expect(FormatDetector.detect("## Heading\n\ntext\n") == "markdown")
        #expect(FormatDetector.detect("{\n  \"blocks\" : []\n}") == "json")
        #expect(
            FormatDetector.detect(
                "LWKD: Week Ending February 6, 2022\nDeveloper News\nSome text.\n") == "plain")
    }
}
