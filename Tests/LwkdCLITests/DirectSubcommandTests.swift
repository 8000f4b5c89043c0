import ArgumentParser
import Foundation
import LwkdTestSupport
import Testing

@testable import LwkdCLI

/// `check`, `feed`, `digest`, `new` and `stamp` are parsed on their own, not through the
/// root (issue 14). Parsed either way, a command line must give the same command, and every
/// line that asks for help, a version or a completion script, or that does not parse, must
/// be left to the root, whose messages name the whole tool.
@Suite struct DirectSubcommandTests {
    static let post = Repository.samples.appendingPathComponent("2026-08-06-update.md").path

    /// Command lines the direct path takes.
    static let taken: [[String]] = [
        ["check", post],
        ["check", post, "--now", "2026-01-01T00:00:00Z", "--format", "json", "--rule", "link-empty"],
        ["check", post, "--fix", "--dry-run"],
        ["feed", "posts", "--limit", "0", "-o", "feed.xml", "--quiet"],
        ["feed", "posts", "--limit=3", "--strict"],
        ["digest", "site", "--year", "2022", "-o", "d.epub", "--resource-path", "site"],
        ["digest", "site", "--year", "2020", "--to", "html", "--keep-going"],
        ["new", "2026-08-16", "--site", "site", "--force"],
        ["stamp", post],
        ["check", "--", post],
    ]

    /// Command lines it leaves to the root.
    static let left: [[String]] = [
        ["check", "--help"], ["check", "-h"], ["check", "-qh"], ["check", "help"],
        ["feed", "--version"], ["digest", "--generate-completion-script", "bash"],
        ["check", "--experimental-dump-help"],
        ["check", "--bogus"], ["feed", "--limit"], ["digest", "site", "--to"], ["check", post, "-q"],
        ["check", "--dry-run", post],
        ["convert", post], ["send", post], ["dkim", "keygen"], [post, "--to", "html"], [],
    ]

    @Test(arguments: taken) func theCommandIsTheRootsCommand(_ arguments: [String]) throws {
        let direct = try #require(LwkdMain.directSubcommand(arguments, root: LwkdCommand.self))
        let root = try LwkdCommand.parseAsRoot(arguments)
        #expect(type(of: direct) == type(of: root))
        #expect(String(reflecting: direct) == String(reflecting: root))
    }

    /// The comparison above sees option values: two lines that differ by one flag differ.
    @Test func theComparisonSeesOptionValues() throws {
        let plain = try #require(LwkdMain.directSubcommand(["check", Self.post], root: LwkdCommand.self))
        let fixing = try LwkdCommand.parseAsRoot(["check", Self.post, "--fix"])
        #expect(String(reflecting: plain) != String(reflecting: fixing))
    }

    @Test(arguments: left) func theRootParsesTheRest(_ arguments: [String]) {
        #expect(LwkdMain.directSubcommand(arguments, root: LwkdCommand.self) == nil)
    }
}
