import Foundation
import LwkdModel

/// The JSON bodies of the announcements: Bluesky's `app.bsky.feed.post` record and
/// Mastodon's `POST /api/v1/statuses` parameters.
enum SocialJSON {
    /// The bodies of `announcements`, one object, or an object keyed by platform name when
    /// there are several.
    static func encoded(
        _ announcements: [SocialAnnouncement], post: Post, in context: WriteContext
    ) throws(WriteError) -> String {
        let language = context.variables["lang"] ?? "en"
        var all = AllPlatforms()
        for announcement in announcements {
            switch announcement.platform {
            case .bluesky:
                all.bluesky = BlueskyPost(
                    announcement, post: post, language: language,
                    createdAt: (context.now ?? post.facts.instant(or: nil)).rfc3339)
            case .mastodon:
                all.mastodon = MastodonStatus(status: announcement.text, language: language)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data: Data
            if announcements.count > 1 {
                data = try encoder.encode(all)
            } else if let bluesky = all.bluesky {
                data = try encoder.encode(bluesky)
            } else {
                data = try encoder.encode(all.mastodon)
            }
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw .unsupported(format: "social", reason: "\(error)")
        }
    }
}

private extension SocialJSON {
    struct AllPlatforms: Encodable {
        var bluesky: BlueskyPost?
        var mastodon: MastodonStatus?
    }

    /// `app.bsky.feed.post`: text, facets, an external embed card.
    struct BlueskyPost: Encodable {
        var type = "app.bsky.feed.post"
        var text: String
        var createdAt: String
        var langs: [String]
        var facets: [Facet]
        var embed: Embed

        enum CodingKeys: String, CodingKey {
            case type = "$type"
            case text, createdAt, langs, facets, embed
        }

        init(_ announcement: SocialAnnouncement, post: Post, language: String, createdAt: String) {
            text = announcement.text
            self.createdAt = createdAt
            langs = [language]
            facets = []
            if !announcement.linkBytes.isEmpty {
                facets.append(
                    Facet(bytes: announcement.linkBytes, feature: .init(link: announcement.link)))
            }
            for tag in announcement.tags {
                facets.append(Facet(bytes: tag.bytes, feature: .init(tag: tag.name)))
            }
            embed = Embed(
                external: .init(
                    uri: announcement.link, title: post.facts.title,
                    description: AtomSummary.text(of: post.document.blocks) ?? ""))
        }
    }

    /// `app.bsky.richtext.facet`: a UTF-8 byte slice and one feature.
    struct Facet: Encodable {
        var index: ByteSlice
        var features: [Feature]

        init(bytes: Range<Int>, feature: Feature) {
            index = ByteSlice(byteStart: bytes.lowerBound, byteEnd: bytes.upperBound)
            features = [feature]
        }
    }

    /// `app.bsky.richtext.facet#byteSlice`: start inclusive, end exclusive.
    struct ByteSlice: Encodable {
        var byteStart: Int
        var byteEnd: Int
    }

    /// `app.bsky.richtext.facet#link` (`uri`) or `#tag` (`tag`, without `#`).
    struct Feature: Encodable {
        var type: String
        var uri: String?
        var tag: String?

        enum CodingKeys: String, CodingKey {
            case type = "$type"
            case uri, tag
        }

        init(link: String) {
            type = "app.bsky.richtext.facet#link"
            uri = link
        }

        init(tag: String) {
            type = "app.bsky.richtext.facet#tag"
            self.tag = tag
        }
    }

    /// `app.bsky.embed.external`: the link card.
    struct Embed: Encodable {
        var type = "app.bsky.embed.external"
        var external: External

        enum CodingKeys: String, CodingKey {
            case type = "$type"
            case external
        }
    }

    struct External: Encodable {
        var uri: String
        var title: String
        var description: String
    }

    /// The status parameters of Mastodon's `POST /api/v1/statuses`.
    struct MastodonStatus: Encodable {
        var status: String
        var visibility = "public"
        var language: String
    }
}
