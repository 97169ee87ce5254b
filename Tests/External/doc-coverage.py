"""How many public properties and initialisers carry a doc comment (issue #20 point 8).

Run from the package root, with any Python 3:

    python3 Tests/External/doc-coverage.py                 # Sources/ and Plugins/, overall and per target
    python3 Tests/External/doc-coverage.py --undocumented  # also list each undocumented declaration, file:line
    python3 Tests/External/doc-coverage.py --depth 3       # a row per sub-folder (Sources/PortalKernel/Domain…)
    python3 Tests/External/doc-coverage.py --exclude Sources/PortalHTTP --exclude Sources/PortalKernel/Portal

"Sources" here means every target's sources: `Sources/` and the plugin targets under `Plugins/`.

What is counted:
- a property: a line declaring `var` or `let` whose modifiers include `public` or `open` (`public var`, `public let`,
  `public static let/var`, `public private(set) var`, `public nonisolated(unsafe) static var`, `open class var`…),
  stored or computed alike;
- an initialiser: `public init`, `public init?`, `public convenience init`, `open required init`…

A declaration is documented when the line directly above it, past any attribute lines (`@inlinable`,
`@available(…)`, `@discardableResult`…), is a `///` line or closes a `/** … */` block. A blank line or a `//` line in
between means undocumented.

Not counted, as protocol-conformance boilerplate whose meaning the protocol gives:
- a computed `description`, `debugDescription`, `errorDescription` or `body` (`public var description: String {`:
  CustomStringConvertible, LocalizedError, a response body). A stored property of those names is a field of the
  record (a line item's description, a webhook request's body) and is counted;
- `coreContext` (Hummingbird's RequestContext),
- `init(from decoder:)` (Decodable), `init(context:)` (Hummingbird's RequestContext), `init(stringLiteral:)`,
  `init(integerLiteral:)`, `init(arrayLiteral:)`, `init(dictionaryLiteral:)` (the ExpressibleBy…Literal protocols).
Members of a `public protocol` and members of a `public extension` that carry no `public` of their own are not seen
(the project declares `public` on each member).
"""
import argparse
import os
import re
import sys
from collections import defaultdict

MODIFIERS = (
    r"(?:public|open|static|class|final|lazy|weak|unowned|override|dynamic|required|convenience|mutating|nonmutating"
    r"|nonisolated(?:\(unsafe\))?|(?:private|fileprivate|internal|package|public)\(set\))"
)
DECLARATION = re.compile(
    r"^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*((?:" + MODIFIERS + r"\s+)+)(var|let|init\b[?!]?)"
)
ATTRIBUTE_LINE = re.compile(r"^\s*@[\w.]+(?:\(.*\))?\s*$")
CONFORMANCE_PROPERTIES = {"description", "debugDescription", "errorDescription", "body"}  # when computed
EXCLUDED_PROPERTIES = {"coreContext"}
EXCLUDED_INITS = re.compile(
    r"init[?!]?\s*\(\s*(?:from\s+decoder|from\s*:|context\s*:|stringLiteral|integerLiteral|arrayLiteral|dictionaryLiteral)"
)


def declarations(path):
    """(line number, kind, name, documented) for each counted declaration in one Swift file."""
    with open(path, encoding="utf-8") as file:
        lines = file.read().split("\n")
    found = []
    for index, line in enumerate(lines):
        match = DECLARATION.match(line)
        if not match:
            continue
        modifiers = match.group(1).split()
        if "public" not in modifiers and "open" not in modifiers:
            continue
        keyword = match.group(2)
        rest = line[match.end():]
        if keyword.startswith("init"):
            if EXCLUDED_INITS.search(line[match.start(2):]):
                continue
            kind, name = "init", "init"
        else:
            name_match = re.match(r"\s*`?(\w+)`?", rest)
            if not name_match:
                continue
            name = name_match.group(1)
            if name in EXCLUDED_PROPERTIES:
                continue
            if name in CONFORMANCE_PROPERTIES and re.search(r"\{\s*(\S.*)?$", rest):
                continue
            kind = "property"
        above = index - 1
        while above >= 0 and ATTRIBUTE_LINE.match(lines[above]):
            above -= 1
        previous = lines[above].strip() if above >= 0 else ""
        documented = previous.startswith("///") or (previous.endswith("*/") and _opens_doc_block(lines, above))
        found.append((index + 1, kind, name, documented))
    return found


def _opens_doc_block(lines, end):
    """Whether the block comment ending on line `end` starts with `/**`."""
    for index in range(end, -1, -1):
        if "/*" in lines[index]:
            return "/**" in lines[index]
    return False


def target_of(path, depth):
    """The first `depth` folders of `path` (2: the target; 3: a target's top-level folder)."""
    parts = path.split(os.sep)[:-1]
    return "/".join(parts[:depth])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=".", help="the package root (default: the current directory)")
    parser.add_argument("--exclude", action="append", default=[], help="a folder or file to leave out (repeatable)")
    parser.add_argument("--depth", type=int, default=2, help="folders per row: 2 by target (default), 3 by sub-folder")
    parser.add_argument("--undocumented", action="store_true", help="list every undocumented declaration")
    args = parser.parse_args()
    os.chdir(args.root)

    excluded = [os.path.normpath(e) for e in args.exclude]
    totals = defaultdict(lambda: [0, 0, 0, 0])  # target: properties, documented, inits, documented
    missing = []
    for top in ("Sources", "Plugins"):
        for folder, _, files in sorted(os.walk(top)):
            for name in sorted(files):
                if not name.endswith(".swift"):
                    continue
                path = os.path.join(folder, name)
                if any(path == e or path.startswith(e + os.sep) for e in excluded):
                    continue
                for line, kind, symbol, documented in declarations(path):
                    counts = totals[target_of(path, args.depth)]
                    slot = 0 if kind == "property" else 2
                    counts[slot] += 1
                    counts[slot + 1] += documented
                    if not documented:
                        missing.append(f"{path}:{line}: {kind} {symbol}")

    def percent(part, whole):
        return f"{100 * part / whole:5.1f} %" if whole else "    - "

    print(f"{'target':32} {'properties':>22} {'initialisers':>22}")
    all_counts = [0, 0, 0, 0]
    for target in sorted(totals):
        p, pd, i, idoc = totals[target]
        all_counts = [a + b for a, b in zip(all_counts, totals[target])]
        print(f"{target:32} {pd:4}/{p:<4} {percent(pd, p):>12} {idoc:4}/{i:<4} {percent(idoc, i):>12}")
    p, pd, i, idoc = all_counts
    print(f"{'all':32} {pd:4}/{p:<4} {percent(pd, p):>12} {idoc:4}/{i:<4} {percent(idoc, i):>12}")
    if excluded:
        print("excluded: " + ", ".join(excluded))
    print(f"documented public properties: {percent(pd, p).strip()} ({pd} of {p}); "
          f"initialisers: {percent(idoc, i).strip()} ({idoc} of {i})")
    if args.undocumented:
        print()
        print("\n".join(missing))


if __name__ == "__main__":
    sys.exit(main())
