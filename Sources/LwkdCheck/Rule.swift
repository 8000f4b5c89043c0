/// How serious a finding is. `check` exits 1 when any finding is an error.
public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable, Codable {
    /// Worth knowing; never fails anything.
    case notice
    /// Probably wrong; `--strict` fails on it in the converting commands.
    case warning
    /// Wrong: `check` exits 1 and `send` refuses the post.
    case error

    private var rank: Int {
        switch self {
        case .notice: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One thing `check` looks for.
public struct Rule: Hashable, Sendable {
    /// What part of a post a rule is about.
    public enum Group: String, Hashable, Sendable, CaseIterable {
        case date, template, links, text
    }

    /// The stable kebab-case id (`link-extra-parens`), used by `--rule`, `.lwkdconv.yml` and
    /// the in-post `lwkdconv-disable` comments.
    public var id: String
    /// The severity it has unless configured otherwise.
    public var severity: Severity
    /// What part of a post it concerns.
    public var group: Group
    /// One line of why it matters.
    public var why: String
    /// True when `--fix` can repair what it finds.
    public var isFixable: Bool

    /// Creates a rule.
    public init(_ id: String, _ severity: Severity, _ group: Group, fixable: Bool = false,
        _ why: String)
    {
        self.id = id
        self.severity = severity
        self.group = group
        self.why = why
        self.isFixable = fixable
    }

    /// True for the rules `send` runs before mailing, and whose findings `convert`, `digest`
    /// and `feed` print as warnings: the date and template rules.
    public var guardsPublishing: Bool { group == .date || group == .template }
}

/// Every rule, in the order `--list-rules` prints them.
public enum Rules {
    public static let dateUnreadable = Rule(
        "date-unreadable", .error, .date,
        "Jekyll cannot read the date, so the post silently takes its file name's day")
    public static let dateNotInCalendar = Rule(
        "date-not-in-calendar", .warning, .date,
        "Jekyll rolls a day the month does not have (February 29 of 2022) into the next month")
    public static let dateInFuture = Rule(
        "date-in-future", .error, .date, fixable: true,
        "GitHub Pages does not publish a post dated after the build")
    public static let dateBeforeWeek = Rule(
        "date-before-week", .error, .date,
        "a post is published after the week it reports ends, never before")
    public static let dateLongAfterWeek = Rule(
        "date-long-after-week", .warning, .date,
        "a date more than 9 days after the week it reports is usually a typo")
    public static let dateYear = Rule(
        "date-year-mismatch", .error, .date,
        "a date in another year than the file name's puts the post in the wrong archive")
    public static let slugMismatch = Rule(
        "slug-mismatch", .notice, .date,
        "the permalink and the feed id follow the slug, not the file name")
    public static let weekEndingMismatch = Rule(
        "week-ending-mismatch", .warning, .date,
        "the title's \"Week Ending\" day must be the file name's day")
    public static let weekEndingNotSunday = Rule(
        "week-ending-not-sunday", .warning, .date,
        "LWKD weeks end on a Sunday")

    public static let bareListItem = Rule(
        "bare-list-item", .error, .template, fixable: true,
        "a `*` left from the template renders as an empty bullet")
    public static let emptySection = Rule(
        "empty-section", .warning, .template, fixable: true,
        "a heading with nothing under it is a template section nobody filled")
    public static let placeholder = Rule(
        "template-placeholder", .error, .template,
        "template placeholders (Month DD, YYYY, POST_DATE, an empty Next Deadline) reach readers")
    public static let duplicateHeading = Rule(
        "duplicate-heading", .error, .template,
        "the same heading twice in a row is a paste left over")

    public static let linkExtraParens = Rule(
        "link-extra-parens", .error, .links, fixable: true,
        "`[t]((url))` is a valid link to `(url)`, which is broken")
    public static let linkInnerSpace = Rule(
        "link-inner-space", .warning, .links, fixable: true,
        "a space inside `( url)` is legal CommonMark but not every renderer agrees")
    public static let linkBadCharacter = Rule(
        "link-bad-character", .error, .links,
        "a bracket, quote or space inside a destination is a typo that breaks the link")
    public static let linkNoScheme = Rule(
        "link-no-scheme", .error, .links,
        "`host.com/x` or a bare word as a destination is a link relative to the post's page")
    public static let linkEmpty = Rule(
        "link-empty", .error, .links, "a link with no destination or no text goes nowhere")
    public static let linkTextVague = Rule(
        "link-text-vague", .warning, .links,
        "the style guide puts links in the natural text, not on \"here\" or \"this\"")
    public static let linkNumberMismatch = Rule(
        "link-number-mismatch", .error, .links,
        "a PR or issue link's visible number must be the number it links to")

    public static let unbalancedBackticks = Rule(
        "unbalanced-backticks", .warning, .text,
        "an unmatched backtick shows as a stray ` or swallows text into code")
    public static let trailingSpace = Rule(
        "trailing-space", .notice, .text, fixable: true,
        "trailing spaces are noise in diffs (a hard line break is left alone)")
    public static let blankLines = Rule(
        "blank-lines", .notice, .text, fixable: true, "runs of blank lines are noise in diffs")
    public static let bulletPeriod = Rule(
        "bullet-period", .warning, .text,
        "the style guide: bullet-point entries should not have periods")
    public static let termCase = Rule(
        "term-case", .notice, .text,
        "the style guide spells Kubernetes, kubeadm, APIserver, etcd, gRPC, kubectl, KEP, Prow so")

    /// Every rule.
    public static let all: [Rule] = [
        dateUnreadable, dateNotInCalendar, dateInFuture, dateBeforeWeek, dateLongAfterWeek, dateYear, slugMismatch,
        weekEndingMismatch, weekEndingNotSunday,
        bareListItem, emptySection, placeholder, duplicateHeading,
        linkExtraParens, linkInnerSpace, linkBadCharacter, linkNoScheme, linkEmpty, linkTextVague,
        linkNumberMismatch,
        unbalancedBackticks, trailingSpace, blankLines, bulletPeriod, termCase,
    ]

    /// The rule with this id.
    public static func named(_ id: String) -> Rule? { all.first { $0.id == id } }
}
