import Foundation
import LwkdModel
import LwkdReaders
import LwkdWriters

/// The shared writer fixtures: model JSON inputs in `Tests/LwkdWritersTests/Fixtures/input/`
/// and one expected output per writer in `Fixtures/<format>/<case>.<ext>`.
public enum WriterGoldens {
    /// `Tests/LwkdWritersTests/Fixtures`.
    public static var fixtures: URL {
        Repository.root().appendingPathComponent("Tests/LwkdWritersTests/Fixtures")
    }

    /// The input case names, sorted (`headings`, `links`, …).
    public static var cases: [String] {
        let dir = fixtures.appendingPathComponent("input")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Reads one input case.
    public static func input(_ name: String) throws -> Document {
        let url = fixtures.appendingPathComponent("input/\(name).json")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try JSONReader().read(Source(text: text, path: url.path), in: ReadContext())
    }

    /// The five seed copies in `Fixtures/social-posts/` (`seed-….txt`) and the samples, by
    /// golden name (`seed-000_…`, `sample-2026-08-06-update`): the posts writers keep
    /// per-post goldens for.
    public static var seedAndSamplePosts: [String: URL] {
        let seeds = fixtures.appendingPathComponent("social-posts")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []
        var files: [String: URL] = [:]
        for name in names where name.hasPrefix("seed-") && name.hasSuffix(".txt")
            && !name.contains(".social.")
        {
            files[String(name.dropLast(4))] = seeds.appendingPathComponent(name)
        }
        for url in Repository.samplePosts {
            files["sample-" + url.deletingPathExtension().lastPathComponent] = url
        }
        return files
    }

    /// Writes case `name` with `writer` (a fixed-clock context) and compares with its golden;
    /// returns nil when equal, else the failure message.
    public static func check(_ name: String, writer: any Writer, extension ext: String? = nil)
        throws -> String?
    {
        let document = try input(name)
        let output = try writer.write(document, in: Convert.context())
        let text = String(decoding: output.bytes, as: UTF8.self)
        let url = fixtures.appendingPathComponent(
            "\(writer.format)/\(name).\(ext ?? writer.fileExtension)")
        return Golden.check(text, against: url)
    }
}
