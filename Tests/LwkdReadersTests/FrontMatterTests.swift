import LwkdModel
import LwkdReaders
import LwkdTestSupport
import Testing

/// Jekyll front matter: order, types, the date and slug rules, and its errors.
@Suite struct FrontMatterTests {
    @Test func keepsOrderAndTypes() throws {
        let meta = try Convert.markdown(
            "---\nlayout: post\ntitle: \"Week: 1\"\ndate: 2020-02-24 22:00:00 -0000\ncount: 3\ndraft: false\ntags:\n  - a\n  - b\nnone:\n---\nx\n"
        ).meta
        #expect(
            meta.entries.map(\.key) == [
                "layout", "title", "date", "count", "draft", "tags", "none",
            ])
        #expect(meta["title"] == .string(value: "Week: 1"))
        #expect(meta["date"] == .date(text: "2020-02-24 22:00:00 -0000"))
        #expect(meta["count"] == .number(text: "3"))
        #expect(meta["draft"] == .bool(value: false))
        #expect(meta["tags"] == .list(items: [.string(value: "a"), .string(value: "b")]))
        #expect(meta["none"] == .null)
    }

    @Test func dateFromFrontMatterElseFileName() throws {
        let dated = try Convert.markdown(
            "---\ndate: 2020-02-24 22:00:00 -0000\n---\n", fileName: "2020-02-23-update.md"
        ).facts()
        #expect(dated.date?.isoDay == "2020-02-24")
        let undated = try Convert.markdown("---\ntitle: x\n---\n", fileName: "2018-01-14-update.md")
            .facts()
        #expect(undated.date?.isoDay == "2018-01-14")
        #expect(undated.slug == "update")
    }

    @Test func slugOverridesFileName() throws {
        let meta = try Convert.markdown(
            "---\nslug: 2026-08-16-update\n---\n", fileName: "2026-08-20-update.md"
        ).facts()
        #expect(meta.slug == "2026-08-16-update")
    }

    @Test func unterminatedFrontMatterIsAnError() {
        #expect(throws: ReadError.unterminatedFrontMatter(path: "test.md", line: 1)) {
            try Convert.markdown("---\ntitle: x\n\nbody\n")
        }
    }

    @Test func invalidYAMLNamesTheFileLine() {
        do {
            _ = try Convert.markdown("---\ntitle: x\nbad: [unclosed\n---\n")
            Issue.record("expected an error")
        } catch let error as ReadError {
            guard case .invalidFrontMatter(let path, let line, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(path == "test.md")
            #expect(line >= 3 && line <= 4)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func frontMatterMustBeAMapping() {
        #expect(throws: ReadError.self) { try Convert.markdown("---\n- a\n- b\n---\n") }
    }
}
