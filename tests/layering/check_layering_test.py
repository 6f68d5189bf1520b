#!/usr/bin/env python3
"""Tests of cmake/check_layering.py: small source trees, each with one way of breaking the
layering (or none), and what the check must say about it."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

CHECK = os.path.join(os.path.dirname(__file__), "..", "..", "cmake", "check_layering.py")


def target(name, dirs=None, headers=(), private_headers=(), sources=(), public=(), private=()):
    return {"name": name, "dirs": list(dirs if dirs is not None else [name]), "headers": list(headers),
            "privateHeaders": list(private_headers), "sources": list(sources), "public": list(public),
            "private": list(private)}


class CheckLayeringTest(unittest.TestCase):
    def check(self, files, targets):
        """Writes `files` (path under src/ -> text) and the manifest; returns (exit code, stderr)."""
        with tempfile.TemporaryDirectory() as root:
            src = os.path.join(root, "src")
            for path, text in files.items():
                full = os.path.join(src, path)
                os.makedirs(os.path.dirname(full), exist_ok=True)
                with open(full, "w", encoding="utf-8") as f:
                    f.write(text)
            for t in targets:
                for d in t["dirs"]:
                    os.makedirs(os.path.join(src, d), exist_ok=True)
            manifest = os.path.join(root, "layering.json")
            with open(manifest, "w", encoding="utf-8") as f:
                json.dump({"sourceRoot": src, "targets": targets}, f)
            run = subprocess.run([sys.executable, CHECK, manifest], capture_output=True, text=True)
            return run.returncode, run.stderr

    def assertFails(self, outcome, *phrases):
        code, stderr = outcome
        self.assertEqual(code, 1, stderr)
        for phrase in phrases:
            self.assertIn(phrase, stderr)

    def test_a_layer_that_lists_what_it_includes_passes(self):
        code, stderr = self.check(
            {"core/types.hpp": "#pragma once\n",
             "store/store.hpp": '#include "core/types.hpp"\n',
             "store/store.cpp": '#include "store/store.hpp"\n#include "helper.hpp"\n#include <vector>\n',
             "store/helper.hpp": "#pragma once\n#include <sqlite3.h>\n"},
            [target("core"), target("store", sources=["store/store.cpp"], private_headers=["helper.hpp"],
                                    public=["nexus::core"], private=["SQLite::SQLite3"])])
        self.assertEqual(code, 0, stderr)
        self.assertEqual(stderr, "")

    def test_an_include_of_a_layer_not_listed_fails(self):
        self.assertFails(self.check(
            {"core/types.hpp": "", "domain/areas.hpp": "",
             "domain/areas.cpp": '#include "core/types.hpp"\n#include "interview/engine.hpp"\n',
             "interview/engine.hpp": '#include "domain/areas.hpp"\n'},
            [target("core"), target("domain", sources=["domain/areas.cpp"], public=["nexus::core"]),
             target("interview", public=["nexus::domain"])]),
            'src/domain/areas.cpp: includes <interview/engine.hpp> of nexus::interview, which nexus::domain does '
            'not list')

    def test_reaching_a_layer_through_another_is_not_listing_it(self):
        self.assertFails(self.check(
            {"core/types.hpp": "", "store/store.hpp": '#include "core/types.hpp"\n',
             "api/api.cpp": '#include "store/store.hpp"\n#include "core/types.hpp"\n'},
            [target("core"), target("store", public=["nexus::core"]),
             target("api", sources=["api/api.cpp"], private=["nexus::store"])]),
            "includes <core/types.hpp> of nexus::core, which nexus::api does not list")

    def test_a_public_header_needs_its_dependency_public(self):
        self.assertFails(self.check(
            {"core/types.hpp": "", "store/store.hpp": '#include "core/types.hpp"\n#include <spdlog/spdlog.h>\n'},
            [target("core"), target("store", private=["nexus::core", "spdlog::spdlog"])]),
            "so nexus::store must list nexus::core PUBLIC", "so nexus::store must list spdlog::spdlog PUBLIC")

    def test_another_layers_private_header_is_off_limits(self):
        self.assertFails(self.check(
            {"store/rows.hpp": "", "store/store.cpp": '#include "rows.hpp"\n',
             "cli/app.cpp": '#include "store/rows.hpp"\n'},
            [target("store", sources=["store/store.cpp"], private_headers=["rows.hpp"]),
             target("cli", sources=["cli/app.cpp"], private=["nexus::store"])]),
            'src/cli/app.cpp: includes "store/rows.hpp", which is private to nexus::store')

    def test_an_implementation_library_must_be_listed(self):
        self.assertFails(self.check(
            {"http/client.cpp": "#include <curl/curl.h>\n"},
            [target("http", sources=["http/client.cpp"])]),
            "includes <curl/curl.h> of CURL::libcurl, which nexus::http does not list")

    def test_a_dependency_listed_and_never_included_fails(self):
        self.assertFails(self.check(
            {"core/types.hpp": "", "domain/areas.cpp": "int x;\n"},
            [target("core"), target("domain", sources=["domain/areas.cpp"], public=["nexus::core"],
                                    private=["Boost::headers"])]),
            "nexus::domain lists nexus::core but includes nothing of it",
            "nexus::domain lists Boost::headers but includes nothing of it")

    def test_a_cycle_fails(self):
        self.assertFails(self.check(
            {"a/a.hpp": '#include "b/b.hpp"\n', "b/b.hpp": '#include "a/a.hpp"\n'},
            [target("a", public=["nexus::b"]), target("b", public=["nexus::a"])]),
            "the layers' dependencies form a cycle: a -> b -> a")

    def test_a_header_owned_by_name_overrides_its_directory(self):
        # llm/llm_client.hpp is a target of its own inside the llm directory.
        files = {"llm/llm_client.hpp": "", "llm/anthropic.hpp": '#include "llm/llm_client.hpp"\n',
                 "interview/engine.hpp": '#include "llm/llm_client.hpp"\n'}
        code, stderr = self.check(files, [target("llm_client", dirs=[], headers=["llm/llm_client.hpp"]),
                                          target("llm", public=["nexus::llm_client"]),
                                          target("interview", public=["nexus::llm_client"])])
        self.assertEqual(code, 0, stderr)
        files["interview/engine.hpp"] += '#include "llm/anthropic.hpp"\n'
        self.assertFails(self.check(files, [target("llm_client", dirs=[], headers=["llm/llm_client.hpp"]),
                                            target("llm", public=["nexus::llm_client"]),
                                            target("interview", public=["nexus::llm_client"])]),
                         "includes <llm/anthropic.hpp> of nexus::llm, which nexus::interview does not list")

    def test_an_include_nothing_owns_fails(self):
        self.assertFails(self.check({"core/types.cpp": '#include "core/gone.hpp"\n'},
                                    [target("core", sources=["core/types.cpp"])]),
                         'src/core/types.cpp: includes "core/gone.hpp", which no target owns')


if __name__ == "__main__":
    unittest.main(verbosity=2)
