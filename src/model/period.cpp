#include "model/period.hpp"

#include <cctype>

namespace fairgate {

std::optional<Quarter> Quarter::parse(std::string_view t) {
    // Collect the 4-digit year and the digit after 'Q' wherever they stand.
    int year = 0, quarter = 0, year_digits = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(t[i])));
        if (c == 'Q' && i + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[i + 1]))) {
            if (quarter) return std::nullopt;
            quarter = t[i + 1] - '0';
            ++i;
            if (i + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[i + 1]))) return std::nullopt;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            if (year_digits) return std::nullopt;
            size_t j = i;
            while (j < t.size() && std::isdigit(static_cast<unsigned char>(t[j]))) ++j;
            year_digits = static_cast<int>(j - i);
            if (year_digits != 4) return std::nullopt;
            // Only now the value: a longer run of digits would overflow `year` (found by fuzzing).
            for (size_t k = i; k < j; ++k) year = year * 10 + (t[k] - '0');
            i = j - 1;
        } else if (c != '-' && c != ' ' && c != '/' && c != '_') {
            return std::nullopt;
        }
    }
    if (!year_digits || quarter < 1 || quarter > 4) return std::nullopt;
    return Quarter{year, quarter};
}

std::string Quarter::label() const { return std::to_string(year) + "-Q" + std::to_string(quarter); }

Date Quarter::first_day(QuarterScheme scheme) const {
    if (scheme == QuarterScheme::Calendar) return Date::from_ymd(year, (quarter - 1) * 3 + 1, 1);
    // Financial: Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec of `year`; Q4 Jan-Mar of year + 1.
    const int month = ((quarter - 1) * 3 + 3) % 12 + 1;
    return Date::from_ymd(quarter == 4 ? year + 1 : year, month, 1);
}

Date Quarter::last_day(QuarterScheme scheme) const {
    return Date::from_days(next().first_day(scheme).days() - 1);
}

Quarter Quarter::previous() const { return quarter == 1 ? Quarter{year - 1, 4} : Quarter{year, quarter - 1}; }
Quarter Quarter::next() const { return quarter == 4 ? Quarter{year + 1, 1} : Quarter{year, quarter + 1}; }

Quarter Quarter::containing(Date d, QuarterScheme scheme) {
    const int m = d.month();
    if (scheme == QuarterScheme::Calendar) return Quarter{d.year(), (m - 1) / 3 + 1};
    if (m <= 3) return Quarter{d.year() - 1, 4};
    return Quarter{d.year(), (m - 4) / 3 + 1};
}

}  // namespace fairgate
