import Foundation
import LwkdTestSupport
import LwkdXML
import Testing
import ZIPFoundation

/// The real corpus in `../shared` (absent in a plain clone, so these are skipped there).
@Suite(.enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)))
struct DigestCorpusTests {
    @Test(arguments: [(2018, 41), (2020, 44), (2022, 45)])
    func yearDigestIsWellFormedWithOneChapterPerPost(_ year: Int, _ posts: Int) throws {
        let shared = try #require(Repository.shared).path
        let run = try DigestRun()
        let arguments = [
            "digest", shared + "/corpus", "--year", String(year), "--resource-path",
            shared + "/corpus", "-q",
        ]
        #expect(run.run(arguments + ["-o", "a.epub"]) == 0, "\(run.errors)")
        #expect(run.run(arguments + ["-o", "b.epub"]) == 0, "\(run.errors)")
        let bytes = try #require(run.file("a.epub"))
        #expect(bytes == run.file("b.epub"), "same digest twice gives identical bytes")
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var chapters = 0
        var images = 0
        for entry in archive {
            var text = Data()
            if entry.path.hasPrefix("EPUB/chapter-") {
                _ = try archive.extract(entry) { text.append($0) }
                // The weeks' chapters; the appendix chapters follow them.
                if String(decoding: text, as: UTF8.self).contains("epub:type=\"chapter\"") {
                    chapters += 1
                }
            }
            if entry.path.hasPrefix("EPUB/images/") { images += 1 }
            guard [".xhtml", ".opf", ".ncx", ".xml"].contains(where: entry.path.hasSuffix) else {
                continue
            }
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            let problems = XMLCheck.problems(in: String(decoding: data, as: UTF8.self))
            #expect(problems.isEmpty, "\(entry.path): \(problems)")
        }
        #expect(chapters == posts)
        if year != 2022 { #expect(images > 0, "the \(year) images embed from --resource-path") }
    }
}
