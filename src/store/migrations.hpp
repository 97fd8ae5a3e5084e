#pragma once
// Numbered schema migrations. Each is a list of portable statements, and where SQL cannot say
// it a step in code after them (a backfill through the model), applied in one transaction and
// recorded in schema_migrations(version, applied_at).

#include "store/db.hpp"

namespace fairgate::store {

/// The newest schema version this build knows.
int latest_schema_version();

/// Brings the schema up to latest_schema_version() and returns the version. Throws
/// std::runtime_error (the caller wraps it) if the database is newer than this build.
int migrate(Db& db);

}  // namespace fairgate::store
