import LwkdCheck
import Testing

@Suite struct RuleCatalogTests {
    @Test func idsAreStableKebabCaseAndUnique() {
        let ids = Rules.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(id)")
            #expect(!id.hasPrefix("-") && !id.hasSuffix("-"), "\(id)")
        }
    }
}
