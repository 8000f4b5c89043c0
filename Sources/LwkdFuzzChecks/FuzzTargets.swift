import Foundation
import LwkdModel
import LwkdReaders
import LwkdSend
import LwkdWriters
import LwkdXML
import ZIPFoundation

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
        ("smtp-reply", smtpReply), ("csv", csv), ("journal", journal),
    ]

    public static var names: [String] { all.map(\.name) }

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

    /// The Markdown reader (front matter included) never crashes, and its writer's output
    /// reads back to the same model: `read(write(read(x))) == read(x)`.
    static func markdown(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let first = read(bytes, with: MarkdownReader()) else { return }
        try roundTrip(first, target: "markdown")
    }

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
                target: target, property: "the Markdown round trip changed the model:\n\(text)")
        }
    }

    /// The plain reader never crashes, and what it reads makes a well-formed EPUB.
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
    static func wellFormedXHTML(of document: Document, target: String) throws(FuzzFailure) {
        let diagnostics = DiagnosticSink()
        let context = WriteContext(generator: "fuzz", diagnostics: diagnostics)
        let post = Post(document: document, site: .lwkd, diagnostics: diagnostics)
        guard let writer = try? Writers.named("epub"),
            let output = try? writer.write(writer.prepared(post, in: context), in: context),
            let archive = try? Archive(data: Data(output.bytes), accessMode: .read)
        else { return }
        for entry in archive
        where [".xhtml", ".opf", ".xml", ".ncx"].contains(where: entry.path.hasSuffix) {
            var data = Data()
            _ = try? archive.extract(entry) { data.append($0) }
            let problems = XMLCheck.problems(in: String(decoding: data, as: UTF8.self))
            if !problems.isEmpty {
                throw FuzzFailure(
                    target: target, property: "\(entry.path) is not well-formed: \(problems)")
            }
        }
    }

    // MARK: - Sanitiser

    /// Sanitised raw HTML is well-formed XHTML and holds no script, event handler or
    /// dangerous URL, however it was written.
    static func sanitizer(_ bytes: [UInt8]) throws(FuzzFailure) {
        let html = String(decoding: bytes, as: UTF8.self)
        for isBlock in [true, false] {
            let result = HTMLSanitizer(flavor: .xhtml).sanitize(html, isBlock: isBlock)
            if isBlock {
                let document =
                    "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + result.html + "</div>"
                let problems = XMLCheck.problems(in: document)
                if !problems.isEmpty {
                    throw FuzzFailure(
                        target: "sanitizer", property: "output is not well-formed: \(problems)")
                }
            }
            // Read back as a browser would, nothing dangerous is left.
            if let danger = dangerous(in: HTMLParser.parseFragment(result.html)) {
                throw FuzzFailure(target: "sanitizer", property: "output holds \(danger)")
            }
        }
    }

    static func dangerous(in nodes: [HTMLNode]) -> String? {
        var stack = nodes
        while let node = stack.popLast() {
            guard case .element(let element) = node else { continue }
            if HTMLSanitizer.droppedElements.contains(element.name) { return "<\(element.name)>" }
            for attribute in element.attributes {
                if attribute.name.hasPrefix("on") { return "an \(attribute.name) handler" }
                if ["href", "src", "cite"].contains(attribute.name) {
                    let scheme = attribute.value.unicodeScalars.filter { $0.value > 32 }
                        .prefix { $0 != ":" }
                    let lower = String(String.UnicodeScalarView(scheme)).lowercased()
                    if ["javascript", "vbscript", "data"].contains(lower),
                        attribute.value.contains(":")
                    {
                        return "a \(lower): URL in \(attribute.name)"
                    }
                }
            }
            stack.append(contentsOf: element.children)
        }
        return nil
    }

    // MARK: - send

    /// Replies are whole, within the limits, and their text holds no line break.
    static func smtpReply(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let replies = try? SMTPReplyParsing.replies(in: bytes) else { return }
        let limits = SMTPReplyParsing.limits
        for reply in replies {
            if !(0...999).contains(reply.code) {
                throw FuzzFailure(target: "smtp-reply", property: "code \(reply.code)")
            }
            if reply.lines.contains(where: { $0.contains("\n") || $0.utf8.count > limits.line }) {
                throw FuzzFailure(target: "smtp-reply", property: "a line over the limit or split")
            }
            if reply.lines.reduce(0, { $0 + $1.utf8.count }) > limits.reply {
                throw FuzzFailure(target: "smtp-reply", property: "a reply over the limit")
            }
        }
    }

    /// A list is refused with a line, or gives recipients whose addresses hold no control
    /// character (each goes into RCPT TO and To:) and whose lines exist.
    static func csv(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let list = try? RecipientList.parse(bytes, path: "list.csv") else { return }
        // Lines as the parser counts them: CR LF, a bare LF or a bare CR each end one.
        var lines = 1
        for (i, b) in bytes.enumerated()
        where b == 10 || (b == 13 && (i + 1 == bytes.count || bytes[i + 1] != 10)) {
            lines += 1
        }
        for recipient in list.recipients {
            if recipient.email.unicodeScalars.contains(where: \.isControl) {
                throw FuzzFailure(
                    target: "csv", property: "address with a control: \(recipient.email.escapingControls)")
            }
            if recipient.line < 2 || recipient.line > lines {
                throw FuzzFailure(target: "csv", property: "recipient on line \(recipient.line) of \(lines)")
            }
        }
        for problem in list.problems where problem.line < 1 || problem.line > lines + 1 {
            throw FuzzFailure(target: "csv", property: "problem on line \(problem.line) of \(lines)")
        }
    }

    /// A journal opens or is refused; the lines it cannot read are numbered within the file.
    static func journal(_ bytes: [UInt8]) throws(FuzzFailure) {
        let path = journalDirectory + "/fuzz-\(getpid()).journal"
        unlink(path)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        defer { unlink(path) }
        guard let journal = try? Journal(path: path) else { return }
        let lines = bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
        let numbers = journal.unreadableLineNumbers
        if numbers != numbers.sorted() || Set(numbers).count != numbers.count
            || numbers.contains(where: { $0 < 1 || $0 > lines })
        {
            throw FuzzFailure(target: "journal", property: "unreadable lines \(numbers) of \(lines)")
        }
    }

    /// A folder for the journal target's files.
    static let journalDirectory: String = {
        let path = NSTemporaryDirectory() + "lwkdfuzz-journal"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()
}
