import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// `--to social`: goldens for the model fixtures, the five seeds and the samples, and the
/// exact shape the editors post.
@Suite struct SocialWriterTests {
    static let posts = WriterGoldens.fixtures.appendingPathComponent("social-posts")

    /// The seed copies in `Fixtures/social-posts/` and the samples, by golden name.
    static var postFiles: [String: URL] { WriterGoldens.seedAndSamplePosts }

    /// Reads a post file as the CLI does and writes it with `writer` in a golden context.
    static func write(_ url: URL, with writer: any Writer = SocialWriter()) throws -> String {
        let document = try Convert.file(url)
        let output = try writer.write(document, in: Convert.context())
        return String(decoding: output.bytes, as: UTF8.self)
    }

    @Test(arguments: WriterGoldens.cases) func golden(_ name: String) throws {
        if let failure = try WriterGoldens.check(name, writer: SocialWriter()) {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test func everySeedAndSampleHasAPost() {
        let names = Self.postFiles.keys
        #expect(names.filter { $0.hasPrefix("seed-") }.count == 5)
        #expect(names.filter { $0.hasPrefix("sample-") }.count == Repository.samplePosts.count)
    }

    @Test(arguments: postFiles.keys.sorted()) func postGolden(_ name: String) throws {
        let url = try #require(Self.postFiles[name])
        for (writer, ext) in [
            (SocialWriter(), "social.txt"), (SocialWriter(encoding: .json), "social.json"),
        ] {
            let text = try Self.write(url, with: writer)
            let golden = Self.posts.appendingPathComponent("\(name).\(ext)")
            if let failure = Golden.check(text, against: golden) {
                Issue.record(Comment(rawValue: failure))
            }
        }
    }

    @Test func theShapeTheEditorsPost() throws {
        let post = try Convert.markdown(
            """
            ---
            title: Week Ending August 2, 2026
            date: 2026-08-06 22:00:00 -0000
            ---

            ## Developer News

            ### Steering candidates selected

            The election starts soon.

            ## Featured PRs

            ### [#131001: CPU manager](https://github.com/kubernetes/kubernetes/pull/131001)

            ### [#131002: Statefulset scaledown](https://github.com/kubernetes/kubernetes/pull/131002)

            ## KEP of the Week

            ### [KEP-5278: NominatedNodeName](https://github.com/kubernetes/enhancements/issues/5278)

            """)
        let text = try Convert.write(post, as: "social")
        let expected = """
            Week ending August 2: CPU manager, Statefulset scaledown, NominatedNodeName, \
            Steering candidates selected

            https://lwkd.info/2026/20260806

            #kubernetes #containers #CloudNative
            """
        #expect(text == "== Bluesky ==\n\(expected)\n\n== Mastodon ==\n\(expected)\n")
        let one = SocialWriter(platforms: [.mastodon])
        #expect(
            String(decoding: try one.write(post, in: Convert.context()).bytes, as: UTF8.self)
                == expected + "\n")
    }

    @Test func editorsFactsReplaceTheHighlights() throws {
        let url = Repository.samples.appendingPathComponent("2026-08-06-update.md")
        let writer = SocialWriter(
            platforms: [.bluesky], facts: ["Steering candidates selected", "CPU manager"])
        #expect(
            try Self.write(url, with: writer)
                == "Week ending August 2: Steering candidates selected, CPU manager\n\n"
                + "https://lwkd.info/2026/20260806\n\n#kubernetes #containers #CloudNative\n")
    }

    @Test func hashtagsComeFromTheOptionsThenTheThemeThenTheDefaults() throws {
        let document = try Convert.markdown("---\ntitle: Week Ending August 2, 2026\n---\n\nx\n")
        let post = document.post()
        var context = Convert.context()
        let writer = SocialWriter(platforms: [.bluesky])
        #expect(
            writer.announcements(for: post, in: context)[0].tags.map(\.name)
                == SocialHashtags.defaults)
        context.theme.variables["hashtags"] = "#k8s, lwkd"
        #expect(
            writer.announcements(for: post, in: context)[0].tags.map(\.name) == ["k8s", "lwkd"])
        let given = SocialWriter(platforms: [.bluesky], hashtags: ["kubernetes"])
        #expect(given.announcements(for: post, in: context)[0].tags.map(\.name) == ["kubernetes"])
        context.theme.variables["hashtags"] = "ok not-a-tag 2026"
        let sink = DiagnosticSink()
        context.diagnostics = sink
        #expect(writer.announcements(for: post, in: context)[0].tags.map(\.name) == ["ok"])
        #expect(sink.all.count == 2)
    }

    @Test func theDayIsSaidAsReadersSayIt() throws {
        let document = try Convert.markdown("---\ntitle: Week Ending March 01, 2026\n---\n\nx\n")
        var context = Convert.context()
        let writer = SocialWriter(platforms: [.mastodon])
        #expect(
            writer.announcements(for: document.post(), in: context)[0].text.hasPrefix(
                "Week ending March 1\n\n"))
        context.dateStyle = DateStyle(pattern: "dd MMMM yyyy")
        #expect(
            writer.announcements(for: document.post(), in: context)[0].text.hasPrefix(
                "Week ending 1 March\n\n"))
    }

    @Test func jsonBodiesAreReadyToPost() throws {
        let url = Repository.samples.appendingPathComponent("2026-08-06-update.md")
        let json = try Self.write(url, with: SocialWriter(encoding: .json))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["bluesky", "mastodon"])
        let record = try #require(object["bluesky"] as? [String: Any])
        #expect(record["$type"] as? String == "app.bsky.feed.post")
        #expect(record["createdAt"] as? String == "2026-08-06T22:00:00Z")
        let embed = try #require(record["embed"] as? [String: Any])
        #expect(embed["$type"] as? String == "app.bsky.embed.external")
        let external = try #require(embed["external"] as? [String: Any])
        #expect(external["uri"] as? String == "https://lwkd.info/2026/20260806")
        #expect(external["title"] as? String == "Week Ending August 2, 2026")
        #expect((external["description"] as? String)?.hasPrefix("The steering committee") == true)
        let status = try #require(object["mastodon"] as? [String: Any])
        #expect(status["visibility"] as? String == "public")
        #expect(status["language"] as? String == "en")
        #expect((status["status"] as? String)?.hasPrefix("Week ending August 2: ") == true)
        let only = try Self.write(url, with: SocialWriter(platforms: [.mastodon], encoding: .json))
        #expect(only.hasPrefix("{\n  \"language\" : \"en\",\n"))
    }

    @Test func createdAtIsTheContextsNowWhenItHasOne() throws {
        let url = Repository.samples.appendingPathComponent("2026-08-06-update.md")
        var context = Convert.context()
        context.now = PostDate(parsing: "2026-08-07 09:30:00 +0200")
        let document = try Convert.file(url)
        let output = try SocialWriter(platforms: [.bluesky], encoding: .json).write(
            document, in: context)
        #expect(
            String(decoding: output.bytes, as: UTF8.self).contains(
                "\"createdAt\" : \"2026-08-07T07:30:00Z\""))
    }

    @Test func anUndatedPostLinksTheSiteWithAWarning() throws {
        let document = try Convert.markdown("# Notes\n\nNothing dated here.\n")
        let sink = DiagnosticSink()
        let text = try SocialWriter(platforms: [.bluesky]).write(
            document, in: Convert.context(diagnostics: sink))
        #expect(String(decoding: text.bytes, as: UTF8.self).contains("\n\nhttps://lwkd.info\n\n"))
        #expect(sink.all.contains { $0.message.contains("no permalink") })
    }
}

/// The editor's own facts keep the announcement's shape.
@Suite struct SocialEditorFactsTests {
    @Test func factsAreOneLineEachAndEmptyOnesGo() throws {
        let document = try Convert.markdown(
            "---\ntitle: Week Ending August 2, 2026\ndate: 2026-08-06 22:00:00 -0000\n---\n\nx\n")
        let writer = SocialWriter(
            platforms: [.mastodon], facts: ["  CPU\nmanager ", "", " \t"])
        let a = try #require(
            writer.announcements(for: document.post(), in: Convert.context()).first)
        #expect(a.facts == ["CPU manager"])
        #expect(a.text.hasPrefix("Week ending August 2: CPU manager\n\nhttps://"))
    }
}
