#include "model/date.hpp"

#include <cstdio>
#include <stdexcept>

namespace fairgate {
namespace {

// Howard Hinnant's civil-from-days algorithms (public domain).
int32_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int32_t z, int& y, int& m, int& d) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2);
}

}  // namespace

int days_in_month(int year, int month) {
    static constexpr int table[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;  // no such month (was an out-of-bounds read)
    if (month == 2) {
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return table[month - 1];
}

bool is_valid_ymd(int year, int month, int day) {
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

Date Date::from_ymd(int year, int month, int day) {
    if (!is_valid_ymd(year, month, day)) {
        throw std::invalid_argument("no such date: " + std::to_string(year) + "-" +
                                    std::to_string(month) + "-" + std::to_string(day));
    }
    return from_days(days_from_civil(year, month, day));
}

std::optional<Date> Date::parse_iso(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    auto digits = [&](size_t from, size_t n, int& out) {
        out = 0;
        for (size_t i = from; i < from + n; ++i) {
            if (t[i] < '0' || t[i] > '9') return false;
            out = out * 10 + (t[i] - '0');
        }
        return true;
    };
    int y, m, d;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
    if (!is_valid_ymd(y, m, d)) return std::nullopt;
    return from_ymd(y, m, d);
}

int Date::year() const { int y, m, d; civil_from_days(days_, y, m, d); return y; }
int Date::month() const { int y, m, d; civil_from_days(days_, y, m, d); return m; }
int Date::day() const { int y, m, d; civil_from_days(days_, y, m, d); return d; }

std::string Date::iso() const {
    int y, m, d;
    civil_from_days(days_, y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

}  // namespace fairgate
