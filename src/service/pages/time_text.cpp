#include "service/pages/time_text.hpp"

#include <cctype>

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
    // YYYY-MM-DDTHH:MM:SS[.fff]Z
    const bool shaped = iso.size() >= 20 && digits(iso, 0, 4) && iso[4] == '-' && digits(iso, 5, 2) && iso[7] == '-' &&
                        digits(iso, 8, 2) && (iso[10] == 'T' || iso[10] == ' ') && digits(iso, 11, 2) &&
                        iso[13] == ':' && digits(iso, 14, 2) && iso[16] == ':' && digits(iso, 17, 2) &&
                        iso.back() == 'Z';
    if (!shaped) return std::string(iso);
    const int month = std::stoi(std::string(iso.substr(5, 2)));
    const int day = std::stoi(std::string(iso.substr(8, 2)));
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::string(iso);
    return std::to_string(day) + " " + kMonths[month - 1] + " " + std::string(iso.substr(0, 4)) + " at " +
           std::string(iso.substr(11, 8)) + " UTC";
}

}  // namespace fairgate::service::pages
