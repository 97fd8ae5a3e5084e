#include "store/connection_string.hpp"

#include <algorithm>
#include <cctype>

namespace fairgate::store {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

std::string redact_password(const std::string& text) {
    std::string out = text;
    // key=value form: password = 'it''s' or password=secret
    for (size_t pos = 0; (pos = out.find("password", pos)) != std::string::npos;) {
        size_t i = pos + 8;
        while (i < out.size() && out[i] == ' ') ++i;
        if (i >= out.size() || out[i] != '=') {
            pos = i;
            continue;
        }
        ++i;
        while (i < out.size() && out[i] == ' ') ++i;
        size_t end = i;
        if (end < out.size() && out[end] == '\'') {
            ++end;
            while (end < out.size() && out[end] != '\'') end += out[end] == '\\' ? 2 : 1;
            if (end < out.size()) ++end;
        } else {
            while (end < out.size() && !std::isspace(static_cast<unsigned char>(out[end])) && out[end] != '&') ++end;
        }
        end = std::min(end, out.size());
        out.replace(i, end - i, "***");
        pos = i + 3;
    }
    // URI form: scheme://user:password@host
    const size_t scheme = out.find("://");
    if (scheme != std::string::npos) {
        const size_t start = scheme + 3;
        const size_t at = out.find('@', start);
        const size_t slash = out.find('/', start);
        if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
            const size_t colon = out.find(':', start);
            if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
        }
    }
    return out;
}

ConnectionTarget parse_connection(const std::string& connection) {
    ConnectionTarget t;
    if (starts_with(connection, "postgresql:") && !starts_with(connection, "postgresql://")) {
        t.backend = "postgresql";
        t.connect = connection.substr(11);
    } else if (starts_with(connection, "postgresql://") || starts_with(connection, "postgres://")) {
        t.backend = "postgresql";
        t.connect = connection;  // libpq takes the URI as it is
    } else if (starts_with(connection, "postgres:")) {
        t.backend = "postgresql";
        t.connect = connection.substr(9);
    } else {
        t.backend = "sqlite";
        t.connect = starts_with(connection, "sqlite:") ? connection.substr(7) : connection;
    }
    t.display = t.backend == "postgresql" ? "postgresql:" + redact_password(t.connect) : "sqlite:" + t.connect;
    if (t.backend == "postgresql" && starts_with(t.connect, "postgres")) t.display = redact_password(t.connect);
    return t;
}

}  // namespace fairgate::store
