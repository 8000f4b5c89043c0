import LwkdModel

/// What the rules of one post found so far.
struct Findings {
    let post: CheckedPost
    var items: [Finding] = []

    init(_ post: CheckedPost) { self.post = post }

    /// Records a finding of `rule` at `range`.
    mutating func add(_ rule: Rule, _ range: SourceRange, _ message: String, fix: Fix? = nil) {
        items.append(
            Finding(
                file: post.path, range: range, rule: rule.id, severity: rule.severity,
                message: message, fix: rule.isFixable ? fix : nil))
    }

    /// Records a finding over bytes `start..<end`.
    mutating func add(_ rule: Rule, bytes start: Int, _ end: Int, _ message: String, fix: Fix? = nil)
    {
        add(rule, post.range(bytes: start, end), message, fix: fix)
    }
}

/// The outline as a tree: children by parent, and the plain text under a node.
struct OutlineTree {
    let nodes: [SyntaxNode]
    /// Children of each node, and the top-level blocks under index `nodes.count`.
    private let children: [[Int]]
    /// One past the last descendant of each node (a node's descendants follow it).
    private let subtreeEnd: [Int]
    /// The nearest link each node lies in, or -1.
    let enclosingLink: [Int]

    init(_ nodes: [SyntaxNode]) {
        self.nodes = nodes
        var children = [[Int]](repeating: [], count: nodes.count + 1)
        for (i, node) in nodes.enumerated() {
            children[node.parent < 0 ? nodes.count : node.parent].append(i)
        }
        self.children = children
        var end = (0..<nodes.count).map { $0 + 1 }
        for j in stride(from: nodes.count - 1, through: 0, by: -1) where nodes[j].parent >= 0 {
            end[nodes[j].parent] = max(end[nodes[j].parent], end[j])
        }
        self.subtreeEnd = end
        var link = [Int](repeating: -1, count: nodes.count)
        for (i, node) in nodes.enumerated() where node.parent >= 0 {
            link[i] = nodes[node.parent].kind == .link ? node.parent : link[node.parent]
        }
        self.enclosingLink = link
    }

    /// The indices of node `i`'s descendants.
    func descendants(of i: Int) -> Range<Int> { (i + 1)..<subtreeEnd[i] }

    /// The top-level blocks, in order.
    var topLevel: [Int] { children[nodes.count] }

    /// The children of node `i`.
    func children(of i: Int) -> [Int] { children[i] }

    /// The text under node `i` (text and code literals, breaks as spaces). Walks the flat
    /// outline, not the tree, so it never recurses.
    func text(of i: Int) -> String {
        var out = ""
        for j in descendants(of: i) {
            switch nodes[j].kind {
            case .text, .code: out += nodes[j].literal
            case .softBreak, .lineBreak: out += " "
            default: break
            }
        }
        return out
    }
}
