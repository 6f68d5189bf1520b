#!/usr/bin/env python3
"""Fails the build when a layer includes what it does not list (Bazel's layering_check idea).

Every target made by nexus_add_library() owns the headers of its directories and lists its
dependencies, PUBLIC (its headers include them) or PRIVATE (only its sources and private headers
do). This checks, for each of its files, that every quoted include of another target's header
names a target it lists itself — not one it reaches through somebody else — and is not one of
that target's private headers, that a public header's includes are PUBLIC,
that the third-party libraries named in THIRD_PARTY are listed the same way, that nothing is
listed without being included, and that the listed dependencies have no cycle.

Usage: check_layering.py MANIFEST   (written by cmake/NexusHelpers.cmake)
The manifest holds one JSON object per target: name, dirs, headers, privateHeaders (names in
its dirs), sources, public, private.
"""

import json
import os
import re
import sys

# Third-party headers whose library must be listed by every target that includes them: the
# implementation dependencies that the layers are to keep PRIVATE where they can.
THIRD_PARTY = {
    "curl/": "CURL::libcurl",
    "SQLiteCpp/": "SQLiteCpp",
    "sqlite3.h": "SQLite::SQLite3",
    "spdlog/": "spdlog::spdlog",
    "boost/": "Boost::headers",
    "CLI/": "CLI11::CLI11",
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)


def third_party_of(path):
    for prefix, library in THIRD_PARTY.items():
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            return library
    return None


def main(manifest_path):
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    root = manifest["sourceRoot"]  # the directory quoted includes are relative to (src/)
    targets = {t["name"]: t for t in manifest["targets"]}

    # Who owns each header: an explicitly listed file, else the target of its directory.
    owner = {}
    for t in targets.values():
        for directory in t["dirs"]:
            full = os.path.join(root, directory)
            for name in sorted(os.listdir(full)):
                if name.endswith(".hpp"):
                    owner.setdefault(os.path.join(directory, name), t["name"])
    for t in targets.values():
        for header in t["headers"]:
            owner[header] = t["name"]
    private_headers = set()
    for t in targets.values():
        for name in t["privateHeaders"]:
            matches = [h for h, o in owner.items() if o == t["name"] and os.path.basename(h) == name]
            if not matches:
                print(f"layering: nexus::{t['name']} names a private header {name} that it does not own",
                      file=sys.stderr)
                return 1
            private_headers.update(matches)

    problems = []
    for t in targets.values():
        name = t["name"]
        public, private = set(t["public"]), set(t["private"])
        listed = public | private
        used = set()
        own_headers = sorted(h for h, o in owner.items() if o == name)
        files = [(h, h not in private_headers) for h in own_headers] + [(s, False) for s in t["sources"]]
        for relative, is_public_header in files:
            with open(os.path.join(root, relative), encoding="utf-8") as f:
                text = f.read()
            for kind, included in INCLUDE.findall(text):
                if kind == '"':
                    beside = os.path.normpath(os.path.join(os.path.dirname(relative), included))
                    path = beside if beside in owner else included
                    dependency = owner.get(path)
                    if dependency is None:
                        if not os.path.exists(os.path.join(root, path)):
                            problems.append(f"src/{relative}: includes \"{included}\", which no target owns")
                        continue
                    if dependency == name:
                        continue
                    if path in private_headers:
                        problems.append(f"src/{relative}: includes \"{included}\", which is private to "
                                        f"nexus::{dependency}")
                    dependency = "nexus::" + dependency
                else:
                    dependency = third_party_of(included)
                    if dependency is None:
                        continue
                used.add(dependency)
                if dependency not in listed:
                    problems.append(f"src/{relative}: includes <{included}> of {dependency}, which nexus::{name} "
                                    "does not list")
                elif is_public_header and dependency not in public:
                    problems.append(f"src/{relative}: a public header includes <{included}>, so nexus::{name} must list "
                                    f"{dependency} PUBLIC, not PRIVATE")
        for dependency in sorted(listed - used):
            if dependency.startswith("nexus::") or dependency in THIRD_PARTY.values():
                problems.append(f"nexus::{name} lists {dependency} but includes nothing of it")

    # The listed graph must point one way only.
    graph = {n: [d[len("nexus::"):] for d in t["public"] + t["private"] if d.startswith("nexus::")]
             for n, t in targets.items()}
    state = {}

    def visit(node, path):
        state[node] = "visiting"
        for nxt in graph.get(node, []):
            if state.get(nxt) == "visiting":
                cycle = path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt]
                problems.append("the layers' dependencies form a cycle: " + " -> ".join(cycle))
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for n in sorted(graph):
        if n not in state:
            visit(n, [n])

    for problem in problems:
        print("layering: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
