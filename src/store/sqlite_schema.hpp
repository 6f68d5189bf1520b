#pragma once
// The schema of a Nexus database file: every table of every store, as one list of migrations.
// Migration i + 1 is entry i; a file records the versions it has in schema_migrations, and
// SqliteDatabase::open applies the missing ones (DESIGN.md §7). Entries are never edited once
// released: a change to the schema is a new entry at the end.

#include <span>
#include <string_view>

namespace nexus {

std::span<const std::string_view> nexusSchemaMigrations();

}  // namespace nexus
