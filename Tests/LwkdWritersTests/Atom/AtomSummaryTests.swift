import LwkdModel
import LwkdWriters
import Testing

/// The summary is the first real sentence(s), never the "Developer News" heading.
@Suite struct AtomSummaryTests {
    private func summary(_ body: String) throws -> [String] {
        let document = try AtomTest.read(
            "---\ntitle: T\n---\n\n" + body, fileName: "2022-01-09-update.md")
        return AtomTest.values(of: "summary", in: try AtomTest.feed([document]))
    }

    @Test func skipsHeadingsAndLabelsAndImages() throws {
        let body = """
            Developer News
            --------------

            **Next Deadline: Code Freeze**

            ![graph](/2018/images/graph.png)

            Short.

            The steering committee met on Monday. They approved the new charter.
            """
        #expect(
            try summary(body) == [
                "The steering committee met on Monday. They approved the new charter."
            ])
    }

    @Test func takesSentencesUntilLongEnough() throws {
        // 45 + 65 characters is short of 120, so a third sentence is added; then it stops.
        let body =
            "First sentence is here, and it says a little. Second sentence adds more words to the "
            + "summary until it is long. Third sentence makes it long enough. Fourth is not needed."
        #expect(
            try summary(body) == [
                "First sentence is here, and it says a little. Second sentence adds more words to the summary "
                    + "until it is long. Third sentence makes it long enough."
            ])
    }

    @Test func doesNotSplitAtAbbreviationsOrVersions() throws {
        let body = "Kubernetes v1.18 ships e.g. new APIs. It is out."
        #expect(try summary(body) == ["Kubernetes v1.18 ships e.g. new APIs. It is out."])
    }

    @Test func cutsAnOverlongSentenceAtAWord() throws {
        let body = String(repeating: "word ", count: 100) + "end."
        let text = try #require(try summary(body).first)
        #expect(text.count <= AtomSummaryLimits.maximum)
        #expect(text.hasSuffix("word…"))
    }

    @Test func postWithoutProseHasNoSummary() throws {
        #expect(try summary("## Only a heading\n\n* a\n* b\n").isEmpty)
    }

    @Test func linkTextIsKeptAndMarkupDropped() throws {
        #expect(
            try summary(
                "The [community meeting](https://example.org) started with a *demo* of `kubectl`.\n"
            )
                == ["The community meeting started with a demo of kubectl."])
    }
}

/// Mirrors the writer's limit (300 characters, "…" included).
enum AtomSummaryLimits {
    static let maximum = 300
}
