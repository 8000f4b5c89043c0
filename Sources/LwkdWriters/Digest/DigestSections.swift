import LwkdModel
import LwkdThemes

/// Which posts' sections feed which appendix chapter, read from the theme's settings so that
/// another newsletter can map its own section names (`theme.json`'s `variables`).
///
/// Each family has a setting `digest_sections_<family>` (names separated by `|`, matched
/// case-insensitively against whole heading texts) and `digest_title_<family>` (the chapter's
/// title). A family without names has no chapter.
public struct DigestSections: Sendable, Equatable {
    /// The appendix families, in the order their chapters appear.
    public enum Family: String, Sendable, CaseIterable {
        /// Items promoted (to beta, to GA).
        case promotions
        /// Deprecations and removals.
        case deprecations
        /// Version updates of dependencies and subprojects.
        case versionUpdates = "version_updates"
        /// Featured PRs and KEPs of the Week: their titles.
        case featured
        /// KEP of the Week sections: where KEP titles come from (the KEP index).
        case kepOfTheWeek = "kep_of_the_week"
        /// The KEP index chapter's title only (its entries come from every link and mention).
        case kepIndex = "kep_index"
    }

    /// Heading names per family, lowercased.
    public var names: [Family: Set<String>]
    /// Chapter titles per family.
    public var titles: [Family: String]

    /// Creates a table from names and titles.
    public init(names: [Family: [String]], titles: [Family: String]) {
        self.names = names.mapValues { Set($0.map { $0.lowercased() }) }
        self.titles = titles
    }

    /// The table a theme's settings give.
    public init(theme: Theme) {
        var names: [Family: [String]] = [:]
        var titles: [Family: String] = [:]
        for family in Family.allCases {
            if let list = theme.variables["digest_sections_" + family.rawValue] {
                names[family] = list.split(separator: "|").map {
                    Text.collapsed(String($0))
                }.filter { !$0.isEmpty }
            }
            if let title = theme.variables["digest_title_" + family.rawValue], !title.isEmpty {
                titles[family] = title
            }
        }
        self.init(names: names, titles: titles)
    }

    /// The family whose names hold `heading` (case-insensitive, surrounding space ignored).
    public func family(of heading: String) -> Family? {
        let key = Text.collapsed(heading).lowercased()
        return Family.allCases.first { names[$0]?.contains(key) == true }
    }

    /// True when `heading` names a section of `family`.
    public func contains(_ heading: String, in family: Family) -> Bool {
        names[family]?.contains(Text.collapsed(heading).lowercased()) == true
    }

    /// The chapter title of a family (its setting, else a plain English default).
    public func title(of family: Family) -> String {
        if let title = titles[family] { return title }
        switch family {
        case .promotions: return "Promotions"
        case .deprecations: return "Deprecations and removals"
        case .versionUpdates: return "Version updates"
        case .featured: return "Featured PRs and KEPs of the Week"
        case .kepOfTheWeek: return "KEPs of the Week"
        case .kepIndex: return "KEP index"
        }
    }
}
