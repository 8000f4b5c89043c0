import LwkdModel
import LwkdTestSupport
import LwkdWriters
import Testing

/// The highlights an announcement lists: Featured PRs, the KEP of the Week, Developer News.
@Suite struct SocialFactsTests {
    @Test(arguments: [
        (
            "#131001: Add `--dry-run=server` to kubectl debug",
            "Add `--dry-run=server` to kubectl debug"
        ),
        ("#66041 Remove typed registries", "Remove typed registries"),
        (
            "KEP-4222: Structured Authorization Configuration",
            "Structured Authorization Configuration"
        ),
        ("KEP 3136: beta APIs off by default", "beta APIs off by default"),
        ("enhancements#3137: KEP-3136: beta apis off by default", "beta apis off by default"),
        ("KEP 0019", "KEP 0019"),
        ("Kepler support #2", "Kepler support #2"),
        ("Add #hashtag support", "Add #hashtag support"),
    ])
    func prefixesAreRemoved(_ title: String, _ expected: String) {
        #expect(SocialFacts.title(title) == expected)
    }

    @Test func orderIsFeaturedPRsThenKEPThenDeveloperNews() throws {
        let document = try Convert.markdown(
            """
            Developer News
            ==============

            Kubernetes switched to EasyCLA on Feb. 5. You can tell Prow to recheck.

            The [survey](https://example.org) is open, e.g. for new contributors. Fill it in.

            - SIG Node wants reviewers. Really.
            - **Shoutouts** are back

            **Next Deadline: Code Freeze**

            ### Contributor Summit

            Registration is open.

            ## Release Schedule

            Code freeze is coming. Really.

            ## KEP of the Week

            ### [KEP-4222: Structured Authorization Configuration](https://example.org/4222)

            ## Featured PRs

            ### [#1: First PR.](https://example.org/1)

            Body text.

            ### [#2: Second PR](https://example.org/2)

            ## Other Merges

            ### Not a highlight
            """)
        #expect(
            SocialFacts.highlights(in: document) == [
                "First PR", "Second PR", "Structured Authorization Configuration",
                "Kubernetes switched to EasyCLA on Feb. 5",
                "The survey is open, e.g. for new contributors", "SIG Node wants reviewers",
                "Shoutouts are back", "Contributor Summit",
            ])
    }

    @Test func aKEPOfTheWeekInProseGivesItsFirstSentence() throws {
        let document = try Convert.markdown(
            """
            ## KEP of the Week

            Chris went over [KEP 0019](https://example.org), the docs portion. It is long.

            A second paragraph.
            """)
        #expect(
            SocialFacts.highlights(in: document) == [
                "Chris went over KEP 0019, the docs portion"
            ])
    }

    @Test func duplicatesAndEmptyItemsAreLeftOut() throws {
        let document = try Convert.markdown(
            "## Featured PRs\n\n### [#1: Same](x)\n\n### [#2: same](y)\n\n### [#3:](z)\n")
        #expect(SocialFacts.highlights(in: document) == ["Same"])
    }
}

/// 2018's posts have "Feature Work" lists where later ones have Featured PRs.
@Suite struct SocialFactsFeatureWorkTests {
    @Test func featureWorkItemsWhenThereAreNoHighlights() throws {
        let markdown = """
            ## Feature Work

            * The Local Volumes Plugin now has [block volume support](x). More text.
            * [Auditing is enabled](y) behind a feature gate.

            """
        #expect(
            SocialFacts.highlights(in: try Convert.markdown(markdown)) == [
                "The Local Volumes Plugin now has block volume support",
                "Auditing is enabled behind a feature gate",
            ])
        let both = try Convert.markdown(markdown + "## Featured PRs\n\n### #1: A PR\n")
        #expect(SocialFacts.highlights(in: both) == ["A PR"])
    }
}

/// Markup in a highlight reaches the announcement as its text only.
@Suite struct SocialFactsSafetyTests {
    @Test func rawHTMLAndScriptLinksAreNotCarriedOver() throws {
        let document = try Convert.markdown(
            """
            ## Featured PRs

            ### [#1: Fix <span onmouseover="x()">the</span> cache](javascript:alert(1))

            ## Developer News

            Read <script>alert(2)</script> [this](javascript:alert(3)) now.

            """)
        // Through the writer, which applies the content policy first, as the CLI does.
        let output = try SocialWriter(platforms: [.mastodon]).write(document, in: Convert.context())
        let text = String(decoding: output.bytes, as: UTF8.self)
        #expect(text.hasPrefix("Featured PRs: Fix the cache, Read this now\n\n"), "\(text)")
        for needle in ["<", "alert", "javascript", "onmouseover"] {
            #expect(!text.contains(needle), "\(text)")
        }
    }
}
