import LwkdCheck
import LwkdModel

/// The front matter of a well-formed post of the week ending Sunday 2026-08-16 (lines 1–6); a
/// body starts on line 7.
let frontMatter = """
    ---
    layout: post
    title: Week Ending August 16, 2026
    date: 2026-08-18 22:00:00 -0000
    slug: 2026-08-16-update
    ---

    """

/// A post of that week with `body` after its front matter.
func post(_ body: String) -> String { frontMatter + body }

/// The instant the fixtures are checked at, unless a case says otherwise.
let fixtureNow = PostDate(parsing: "2026-08-20T12:00:00Z")!

/// Reads `text` as a post file named `file` and checks it.
func check(
    _ text: String, file: String = "2026-08-16-update.md", now: PostDate = fixtureNow,
    severities: [String: Severity?] = [:], only: String? = nil
) throws -> [Finding] {
    let post = try CheckedPost.read(Array(text.utf8), path: file)
    let checker = Checker(
        now: now, severities: severities,
        includes: { rule in only.map { $0 == rule.id } ?? true })
    return checker.findings(in: post)
}

/// Applies every fix of rule `only` (all rules when nil) until none is left.
func fixed(_ text: String, file: String = "2026-08-16-update.md", now: PostDate = fixtureNow,
    only: String? = nil) throws -> (String, [Finding])
{
    let checker = Checker(now: now, includes: { rule in only.map { $0 == rule.id } ?? true })
    let (bytes, applied) = try Fixer.fixAll(Array(text.utf8)) { bytes in
        checker.findings(in: try CheckedPost.read(bytes, path: file))
    }
    return (String(decoding: bytes, as: UTF8.self), applied)
}
