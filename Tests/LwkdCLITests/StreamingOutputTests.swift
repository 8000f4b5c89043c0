import Foundation
import LwkdTestSupport
import Testing

/// The JSON and EML writers hand their output on a mebibyte at a time (issue 15: the whole
/// output was held, and copied, next to the model). Posts here are big enough for several
/// chunks; nothing may be lost, doubled or reordered at a chunk's edge, on `-o` or standard
/// output, and a failure part-way leaves nothing behind.
@Suite struct StreamingOutputTests {
    static let resourcePath = Repository.root().appendingPathComponent("samples").path

    /// A post of about `bytes` bytes in a new folder: its file name there.
    static func bigPost(_ bytes: Int, in directory: TemporaryDirectory) throws -> String {
        _ = try directory.write("2026-08-20-update.md", try MemoryBoundTests.bigPost(bytes: bytes))
        return "2026-08-20-update.md"
    }

    static func convert(_ post: String, _ format: String, _ extra: [String], in directory: String)
        -> CLIRun
    {
        CLIRun.run(
            [post, "--to", format, "--resource-path", resourcePath, "--quiet"] + extra,
            directory: directory)
    }

    @Test(arguments: ["json", "eml"])
    func fileAndStandardOutputGetTheSameBytes(format: String) throws {
        let directory = try TemporaryDirectory()
        let post = try Self.bigPost(400_000, in: directory)
        let toFile = Self.convert(post, format, ["-o", "out"], in: directory.path)
        #expect(toFile.code == 0, "\(toFile.stderr)")
        let toStdout = Self.convert(post, format, [], in: directory.path)
        #expect(toStdout.code == 0, "\(toStdout.stderr)")
        let file = try #require(FileManager.default.contents(atPath: directory.path + "/out"))
        #expect(file.count > 3 << 19, "only \(file.count) bytes: not several chunks")
        #expect(String(decoding: file, as: UTF8.self) == toStdout.stdout)
    }

    @Test func theStreamedJSONIsTheWholeDocument() throws {
        let directory = try TemporaryDirectory()
        let post = try Self.bigPost(400_000, in: directory)
        let run = Self.convert(post, "json", ["-o", "out.json"], in: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        let data = try #require(FileManager.default.contents(atPath: directory.path + "/out.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let blocks = try #require(object["blocks"] as? [Any])
        // Read back, it is the post again: the Markdown of the JSON is the Markdown of the post.
        let back = Self.convert("out.json", "markdown", [], in: directory.path)
        let direct = Self.convert(post, "markdown", [], in: directory.path)
        #expect(back.code == 0, "\(back.stderr)")
        #expect(back.stdout == direct.stdout)
        #expect(blocks.count > 1_000)
    }

    /// The HTML part of the streamed message, decoded, is the `html-email` output.
    @Test func theStreamedMessageHoldsTheWholeHTML() throws {
        let directory = try TemporaryDirectory()
        let post = try Self.bigPost(400_000, in: directory)
        let eml = Self.convert(post, "eml", ["-o", "out.eml"], in: directory.path)
        #expect(eml.code == 0, "\(eml.stderr)")
        let html = Self.convert(post, "html-email", [], in: directory.path)
        let message = String(
            decoding: try #require(FileManager.default.contents(atPath: directory.path + "/out.eml")),
            as: UTF8.self)
        let marker = "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        let start = try #require(message.range(of: marker)).upperBound
        let end = try #require(message.range(of: "\r\n--", options: .backwards)).lowerBound
        #expect(Self.decodeQuotedPrintable(String(message[start..<end])) + "\n" == html.stdout)
    }

    /// RFC 2045 §6.7: soft line breaks removed, `=XX` decoded, CR LF read as LF.
    static func decodeQuotedPrintable(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 48...57: b - 48
            case 65...70: b - 55
            default: nil
            }
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count, bytes[i + 1] == 13, bytes[i + 2] == 10 {
                i += 3
            } else if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count, let h = hex(bytes[i + 1]),
                let l = hex(bytes[i + 2])
            {
                out.append(h << 4 | l)
                i += 3
            } else if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                out.append(10)
                i += 2
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test(.enabled(if: OutputTargetsTests.isRoot, "mknod needs root"), arguments: ["json", "eml"])
    func aFullDevicePartWayIsAnError(format: String) throws {
        let directory = try TemporaryDirectory()
        let post = try Self.bigPost(400_000, in: directory)
        let full = directory.path + "/full"
        try OutputTargetsTests.makeDevice(full, major: 1, minor: 7)
        let run = Self.convert(post, format, ["-o", "full"], in: directory.path)
        #expect(run.code == 7)
        #expect(run.stderr.contains("full: No space left on device"), "\(run.stderr)")
        #expect(OutputTargetsTests.isCharacterDevice(full))
    }

    @Test func strictFailsBeforeTheFirstByte() throws {
        let directory = try TemporaryDirectory()
        let post = try Self.bigPost(400_000, in: directory)
        // No https unsubscribe URL: the eml writer warns (no List-Unsubscribe header).
        let run = CLIRun.run(
            [post, "--to", "eml", "--resource-path", Self.resourcePath, "--strict", "-o", "out.eml"],
            directory: directory.path)
        #expect(run.code == 3, "\(run.stderr)")
        #expect(run.stderr.contains("no List-Unsubscribe header"))
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(left == ["2026-08-20-update.md"], "\(left)")
        let toStdout = CLIRun.run(
            [post, "--to", "eml", "--resource-path", Self.resourcePath, "--strict"],
            directory: directory.path)
        #expect(toStdout.code == 3)
        #expect(toStdout.stdout.isEmpty)
    }
}
