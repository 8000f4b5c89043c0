import Foundation
import LwkdCheck
import LwkdModel
import LwkdReaders
import LwkdWriters
import LwkdXML

/// What a fuzz target found: an input that breaks a property that must hold.
public struct FuzzFailure: Error, CustomStringConvertible {
    public var target: String
    public var property: String
    public var description: String { "\(target): \(property)" }
}

/// The fuzz targets (issue 15): each reads one input and checks the properties that must hold
/// for it, not only that nothing crashes. `Sources/LwkdFuzz` runs them under libFuzzer
/// (`make fuzz TARGET=… SECONDS=…`); `Tests/FuzzRegressionTests` replays every input a run
/// found, on every `make test`.
public enum FuzzTargets {
    /// Target names, each with its check.
    public static let all: [(name: String, check: @Sendable ([UInt8]) throws(FuzzFailure) -> Void)] = [
        ("markdown", markdown), ("plain", plain), ("json", json), ("sanitizer", sanitizer),
        ("css", css), ("smtp-reply", smtpReply), ("csv", csv), ("journal", journal),
    ]

    public static var names: [String] { all.map(\.name) }

    /// The most heap one run of target `name` on `bytes` may hold at once: issue 15's bound
    /// for any post, 30 MB plus 20 bytes per input byte. Nil where the bound does not apply:
    /// the `css` target with a stylesheet of its own (a theme is trusted, and inlining writes
    /// its rules into every element it matches). The libFuzzer driver measures the peak.
    public static func memoryLimit(_ name: String, _ bytes: [UInt8]) -> Int? {
        if name == "css", CSSInput(bytes).stylesheet != nil { return nil }
        return 30_000_000 + 20 * bytes.count
    }

    /// Runs target `name` on `bytes`.
    public static func check(_ name: String, _ bytes: [UInt8]) throws(FuzzFailure) {
        guard let target = all.first(where: { $0.name == name }) else {
            throw FuzzFailure(target: name, property: "no such target (known: \(names))")
        }
        try target.check(bytes)
    }

    // MARK: - Readers

    static func read(_ bytes: [UInt8], with reader: any Reader) -> Document? {
        guard let text = try? SourceDecoder.decode(bytes, path: "fuzz.md") else { return nil }
        return try? reader.read(Source(text: text, path: "fuzz.md"), in: ReadContext())
    }

    /// The Markdown reader (front matter included) never crashes, its writer's output reads
    /// back to the same model (`read(write(read(x))) == read(x)`), and `check`'s rules, which
    /// every conversion runs as its publishing guard, never crash on it either.
    static func markdown(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let first = read(bytes, with: MarkdownReader()) else { return }
        try roundTrip(first, target: "markdown")
        if let post = try? CheckedPost.read(bytes, path: "fuzz.md", format: "markdown") {
            _ = checker.findings(in: post)
        }
    }

    /// The rules at a fixed instant, so a run is repeatable.
    static let checker = Checker(now: PostDate(parsing: "2026-08-20T12:00:00Z")!)

    static func roundTrip(_ first: Document, target: String) throws(FuzzFailure) {
        guard let writer = try? Writers.named("markdown"),
            let written = try? writer.write(first, in: WriteContext(generator: "fuzz"))
        else {
            throw FuzzFailure(target: target, property: "the Markdown writer failed on a read model")
        }
        let text = String(decoding: written.bytes, as: UTF8.self)
        guard
            let second = try? MarkdownReader().read(
                Source(text: text, path: "fuzz.md"), in: ReadContext())
        else {
            throw FuzzFailure(target: target, property: "the Markdown writer's output does not read")
        }
        if second.blocks != first.blocks {
            throw FuzzFailure(
                target: target, property: "the Markdown round trip changed the blocks:\n\(text)")
        }
        if second.meta != first.meta {
            throw FuzzFailure(
                target: target,
                property: "the Markdown round trip changed the front matter:\n\(text)")
        }
    }

    /// The plain reader never crashes, and what it reads makes an EPUB whose XML members are
    /// all well-formed.
    static func plain(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let document = read(bytes, with: PlainReader()) else { return }
        try wellFormedXHTML(of: document, target: "plain")
    }

    /// The JSON reader refuses or reads; what it reads writes back to the same JSON model.
    static func json(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let document = read(bytes, with: JSONReader()) else { return }
        guard let writer = try? Writers.named("json"),
            let written = try? writer.write(document, in: WriteContext(generator: "fuzz")),
            let again = read(written.bytes, with: JSONReader())
        else {
            throw FuzzFailure(target: "json", property: "a read document did not write and read back")
        }
        if again != document {
            throw FuzzFailure(target: "json", property: "the JSON round trip changed the model")
        }
    }

    /// Every XML member of the post's EPUB (the XHTML chapters, the package) is well-formed.
    /// The members are checked as the writer hands them to the zip (`EPUBWriter.members`):
    /// zipping a book and unzipping it again cost most of each execution.
    static func wellFormedXHTML(of document: Document, target: String) throws(FuzzFailure) {
        let diagnostics = DiagnosticSink()
        let context = WriteContext(generator: "fuzz", diagnostics: diagnostics)
        let post = Post(document: document, site: .lwkd, diagnostics: diagnostics)
        let members: [(path: String, bytes: [UInt8])]
        do {
            let writer = EPUBWriter()
            members = try writer.members(writer.prepared(post, in: context), in: context)
        } catch {
            throw FuzzFailure(target: target, property: "the EPUB writer failed: \(error)")
        }
        for member in members
        where [".xhtml", ".opf", ".xml", ".ncx"].contains(where: member.path.hasSuffix) {
            let problems = XMLCheck.problems(in: String(decoding: member.bytes, as: UTF8.self))
            if !problems.isEmpty {
                throw FuzzFailure(
                    target: target, property: "\(member.path) is not well-formed: \(problems)")
            }
        }
    }
}
