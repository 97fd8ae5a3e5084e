#pragma once
// Parsing fairgate connection strings ("sqlite:PATH", a plain path, "postgresql:CONNINFO").

#include <string>

namespace fairgate::store {

struct ConnectionTarget {
    std::string backend;  ///< "sqlite" or "postgresql"
    std::string connect;  ///< What the Poco connector takes: a file path or a libpq conninfo.
    std::string display;  ///< The connection string with any password replaced by "***".
};

/// "sqlite:/x.db" and "/x.db" are SQLite; "postgresql:..." (or "postgres:...") is PostgreSQL,
/// where the rest is a libpq conninfo ("host=... dbname=...") or URI ("postgresql://...").
ConnectionTarget parse_connection(const std::string& connection);

/// Replaces the value of password=... (quoted or not) and the password of a URI's
/// user:password@ with "***".
std::string redact_password(const std::string& text);

}  // namespace fairgate::store
