#include "service/pages/time_text.hpp"

#include <cctype>
#include <optional>

#include "model/date.hpp"

namespace fairgate::service::pages {

namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

bool digits(std::string_view s, size_t at, size_t n) {
    if (at + n > s.size()) return false;
    for (size_t i = at; i < at + n; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

}  // namespace

std::string readable_time(std::string_view iso) {
    // YYYY-MM-DDTHH:MM:SS[.fff]Z: the date read as every ISO date is, the time by its shape.
    const std::optional<Date> date = iso.size() >= 20 ? Date::parse_iso(iso.substr(0, 10)) : std::nullopt;
    const bool shaped = date && (iso[10] == 'T' || iso[10] == ' ') && digits(iso, 11, 2) && iso[13] == ':' &&
                        digits(iso, 14, 2) && iso[16] == ':' && digits(iso, 17, 2) && iso.back() == 'Z';
    if (!shaped) return std::string(iso);
    return std::to_string(date->day()) + " " + kMonths[date->month() - 1] + " " + std::to_string(date->year()) +
           " at " + std::string(iso.substr(11, 8)) + " UTC";
}

}  // namespace fairgate::service::pages
