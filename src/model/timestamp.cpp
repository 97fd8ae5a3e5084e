#include "model/timestamp.hpp"

#include <cstdio>
#include <ctime>

namespace fairgate {
namespace {

std::string utc_text(std::time_t t, const char* format) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

}  // namespace

std::string utc_now_iso() { return utc_text(std::time(nullptr), "%Y-%m-%dT%H:%M:%SZ"); }

std::string utc_compact_ms(int64_t ms) {
    char millis[8];
    std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(ms % 1000));
    return utc_text(static_cast<std::time_t>(ms / 1000), "%Y%m%dT%H%M%S") + millis;
}

}  // namespace fairgate
