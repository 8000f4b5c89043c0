import Foundation
import LwkdTestSupport
import LwkdWriters
import Testing

/// Issue 10: whatever differs between formats is a property of the writer, so the command line
/// names no format and no writer type; a new format is one folder and one registry line.
@Suite struct CLIKnowsNoWriterTests {
    static func sources() throws -> [(name: String, text: String)] {
        let folder = Repository.root().appendingPathComponent("Sources/LwkdCLI")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { $0.hasSuffix(".swift") }
            .map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// The string literals on code lines (comments left out).
    static func literals(in text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            let code = line.trimmingCharacters(in: .whitespaces)
            guard !code.hasPrefix("//") else { continue }
            var rest = Substring(code)
            while let open = rest.firstIndex(of: "\"") {
                let after = rest[rest.index(after: open)...]
                guard let close = after.firstIndex(of: "\"") else { break }
                found.append(String(after[..<close]))
                rest = after[after.index(after: close)...]
            }
        }
        return found
    }

    @Test func noFormatNameIsALiteral() throws {
        let names = Set(Writers.all.flatMap { [$0.format] + $0.aliases })
        let sources = try Self.sources()
        #expect(sources.count > 10)
        for (file, text) in sources {
            let named = Self.literals(in: text).filter { names.contains($0.lowercased()) }
            #expect(named.isEmpty, "\(file) names formats: \(named)")
        }
    }

    @Test func noWriterTypeIsNamed() throws {
        let types = Writers.all.map { String(describing: type(of: $0)) }
        #expect(types.contains("EPUBWriter"))
        for (file, text) in try Self.sources() {
            for type in types {
                #expect(!text.contains(type), "\(file) names \(type)")
            }
        }
    }
}
