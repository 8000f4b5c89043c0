import ArgumentParser
import LwkdWriters

/// Options of the week's announcement (Bluesky, Mastodon), handed to whichever writer uses
/// them.
package struct SocialOptions: ParsableArguments {
    package init() {}

    @Option(
        help: ArgumentHelp(
            "Announcement: the platform to write for (\(SocialPlatform.selectionNames.joined(separator: ", ")))."
        ))
    var platform: String = SocialOptions.defaultPlatform

    @Option(
        help: ArgumentHelp(
            "Announcement: hashtags instead of the theme's, space- or comma-separated, '#' optional.",
            valueName: "tags"))
    var hashtags: String?

    @Option(
        name: .customLong("fact"),
        help: ArgumentHelp(
            "Announcement: a fact to announce instead of the post's highlights (repeatable).",
            valueName: "words"))
    var facts: [String] = []

    @Option(
        help: ArgumentHelp(
            "Announcement: write the texts or the JSON bodies to POST (\(SocialEncoding.allCases.map(\.rawValue).joined(separator: ", ")))."
        ))
    package var socialFormat: String = SocialOptions.defaultSocialFormat

    package func validate() throws {
        guard SocialPlatform.selection(named: platform) != nil else {
            throw ValidationError(
                "--platform must be one of \(SocialPlatform.selectionNames.joined(separator: ", "))"
            )
        }
        guard SocialEncoding(rawValue: socialFormat) != nil else {
            throw ValidationError(
                "--social-format must be one of \(SocialEncoding.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let hashtags {
            let tags = SocialHashtags.parse(hashtags)
            if let bad = tags.first(where: { !SocialHashtags.isValid($0) }) {
                throw ValidationError(
                    "--hashtags: '\(bad)' is not a hashtag (letters, digits and _, at most 64)")
            }
        }
    }

    /// `options` with these applied.
    package func applied(to options: WriterOptions) -> WriterOptions {
        Self.applied(
            platform: platform, hashtags: hashtags, facts: facts, socialFormat: socialFormat,
            to: options)
    }

    static let defaultPlatform = SocialPlatform.everyPlatformName
    static let defaultSocialFormat = SocialEncoding.text.rawValue

    /// `options` with these values applied.
    static func applied(
        platform: String, hashtags: String?, facts: [String], socialFormat: String,
        to options: WriterOptions
    ) -> WriterOptions {
        var options = options
        options.socialPlatforms = SocialPlatform.selection(named: platform)
        options.hashtags = hashtags.map(SocialHashtags.parse)
        options.socialFacts = facts.isEmpty ? nil : facts
        options.socialEncoding = SocialEncoding(rawValue: socialFormat)
        return options
    }
}
