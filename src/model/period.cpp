#include "model/period.hpp"

#include <cctype>
#include <vector>

#include "model/value_parse.hpp"

namespace fairgate {
namespace {

// --- reading a period as typed -------------------------------------------------------------

constexpr const char* kMonthShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A range dash: an en or em dash, kept apart from '-' so that "2025-10-01 – 2025-12-31" can be
// split where the supplier meant the range to break, whatever dashes the dates hold.
constexpr char kRangeDash = '~';

// The text folded for reading: ASCII lower case; the hyphen, figure dash and minus sign as '-',
// en and em dashes as kRangeDash; no-break and thin spaces as ' '. False for any other byte
// outside ASCII (nothing a period needs).
bool fold(std::string_view t, std::string& out) {
    out.clear();
    for (size_t i = 0; i < t.size(); ++i) {
        const auto c = static_cast<unsigned char>(t[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(std::tolower(c)));
            continue;
        }
        const std::string_view rest = t.substr(i);
        auto is = [&](std::string_view seq) { return rest.substr(0, seq.size()) == seq; };
        if (is("\xE2\x80\x93") || is("\xE2\x80\x94")) { out.push_back(kRangeDash); i += 2; continue; }  // – —
        if (is("\xE2\x80\x90") || is("\xE2\x80\x91") || is("\xE2\x80\x92") || is("\xE2\x88\x92")) {    // ‐ ‑ ‒ −
            out.push_back('-'); i += 2; continue;
        }
        if (is("\xE2\x80\x89") || is("\xE2\x80\xAF")) { out.push_back(' '); i += 2; continue; }  // thin spaces
        if (is("\xC2\xA0")) { out.push_back(' '); i += 1; continue; }                          // no-break space
        return false;
    }
    return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return c >= 'a' && c <= 'z'; }

int month_of(std::string_view w) {
    static const char* full[] = {"january", "february", "march", "april", "may", "june", "july",
                                 "august", "september", "october", "november", "december"};
    for (int i = 0; i < 12; ++i) {
        const std::string_view f = full[i];
        if (w == f || w == f.substr(0, 3) || (i == 8 && w == "sept")) return i + 1;
    }
    return 0;
}

struct Token {
    enum Kind { Number, Word, Dash, Slash } kind;
    std::string_view text;
    int value() const {  // a Number of at most four digits
        int v = 0;
        for (char c : text) v = v * 10 + (c - '0');
        return v;
    }
};

// Letters, digits, '-' or '/' (a range dash counts as '-'); spaces, underscores and commas
// part tokens; a full stop may end a word ("Oct."). False for anything else.
bool tokenise(std::string_view s, std::vector<Token>& out) {
    for (size_t i = 0; i < s.size();) {
        const char c = s[i];
        size_t j = i + 1;
        if (is_digit(c)) {
            while (j < s.size() && is_digit(s[j])) ++j;
            out.push_back({Token::Number, s.substr(i, j - i)});
        } else if (is_alpha(c)) {
            while (j < s.size() && is_alpha(s[j])) ++j;
            out.push_back({Token::Word, s.substr(i, j - i)});
            if (j < s.size() && s[j] == '.') ++j;
        } else if (c == '-' || c == kRangeDash) {
            out.push_back({Token::Dash, s.substr(i, 1)});
        } else if (c == '/') {
            out.push_back({Token::Slash, s.substr(i, 1)});
        } else if (c != ' ' && c != '_' && c != ',' && c != '\t') {
            return false;
        }
        i = j;
    }
    return true;
}

// "2025/26".
std::string financial_year(int first) {
    const int next = (first + 1) % 100;
    return std::to_string(first) + "/" + (next < 10 ? "0" : "") + std::to_string(next);
}

bool is_quarter_word(std::string_view w) { return w == "q" || w == "qtr" || w == "quarter"; }

/// What the text names, before any scheme is applied.
struct Reading {
    enum Kind { None, Plain, FinancialYear, Span } kind = None;
    int year = 0, quarter = 0;  ///< Plain: the scheme's year; FinancialYear: its first year.
    int first_year = 0, first_month = 0, last_year = 0, last_month = 0;  ///< Span: whole months.
    std::string why;            ///< None: what is wrong, when there is more to say.
};

Reading refused(std::string why = {}) {
    Reading r;
    r.why = std::move(why);
    return r;
}

// "2025-Q3", "Q3 2025/26", "FY2025/26 Quarter 3", "Quarter 3 of 2025-2026".
Reading read_quarter(const std::vector<Token>& t) {
    int quarter = 0, year = 0, second_year = 0;
    bool fy = false;
    std::string pair_text;
    for (size_t i = 0; i < t.size(); ++i) {
        const Token& k = t[i];
        if (k.kind == Token::Dash || k.kind == Token::Slash) continue;
        if (k.kind == Token::Word) {
            if (is_quarter_word(k.text)) {
                if (quarter || i + 1 >= t.size() || t[i + 1].kind != Token::Number || t[i + 1].text.size() != 1) return refused();
                quarter = t[++i].value();
                if (quarter < 1 || quarter > 4) return refused("there is no quarter " + std::to_string(quarter) + ": a year has four");
            } else if (k.text == "fy") {
                fy = true;
            } else if (k.text == "financial" && i + 1 < t.size() && t[i + 1].text == "year") {
                fy = true;
                ++i;
            } else if (k.text != "of") {
                return refused();
            }
            continue;
        }
        // A year: four digits, perhaps followed by the next year ("2025/26", "2025-2026").
        if (year || k.text.size() != 4) return refused();
        year = k.value();
        if (i + 2 < t.size() && t[i + 1].kind != Token::Word && t[i + 1].kind != Token::Number && t[i + 2].kind == Token::Number) {
            const Token& next = t[i + 2];
            pair_text = std::string(k.text) + std::string(t[i + 1].text) + std::string(next.text);
            if (next.text.size() == 2) {
                if (next.value() != (year + 1) % 100) second_year = -1;
                else second_year = year + 1;
            } else if (next.text.size() == 4) {
                second_year = next.value() == year + 1 ? year + 1 : -1;
            } else {
                return refused();
            }
            if (second_year < 0) {
                return refused("'" + pair_text + "' is not one financial year: the second year must follow the first, as in " +
                               financial_year(year));
            }
            i += 2;
        }
    }
    if (!year) return refused();
    if (fy && !second_year) {
        return refused("FY" + std::to_string(year) + " could be " + financial_year(year - 1) + " or " + financial_year(year) +
                       "; give both years, as in " + financial_year(year) + " Q1");
    }
    if (!quarter) {
        if (second_year) return refused("'" + pair_text + "' is a whole financial year; give the quarter, as in " + pair_text + " Q1");
        return refused();
    }
    Reading r;
    r.kind = second_year ? Reading::FinancialYear : Reading::Plain;
    r.year = year;
    r.quarter = quarter;
    return r;
}

// One end of a span of months: "Oct", "October 2025", "1 Oct 2025", "1st October 2025",
// "01/10/2025", "2025-10-01". day and year 0 where not given.
struct End {
    int day = 0, month = 0, year = 0;
};

bool read_end(std::string_view side, End& e) {
    while (!side.empty() && side.front() == ' ') side.remove_prefix(1);
    while (!side.empty() && side.back() == ' ') side.remove_suffix(1);
    std::vector<Token> t;
    if (!side.empty() && tokenise(side, t)) {
        size_t i = 0;
        if (i < t.size() && t[i].kind == Token::Number && t[i].text.size() <= 2) {
            e.day = t[i++].value();
            if (i < t.size() && t[i].kind == Token::Word &&
                (t[i].text == "st" || t[i].text == "nd" || t[i].text == "rd" || t[i].text == "th"))
                ++i;
        }
        if (i < t.size() && t[i].kind == Token::Word && month_of(t[i].text)) {
            e.month = month_of(t[i++].text);
            if (i < t.size() && t[i].kind == Token::Number && t[i].text.size() == 4 && t[i].value() >= 1000) e.year = t[i++].value();
            if (i == t.size()) return true;
        }
    }
    // A date in figures ("01/10/2025", "2025-10-01").
    e = End{};
    Date d;
    if (!parse_date(side, d)) return false;
    e = End{d.day(), d.month(), d.year()};
    return true;
}

std::string month_year(int month, int year) { return std::string(kMonthShort[month - 1]) + " " + std::to_string(year); }

// Where a span breaks: a range dash, else the word "to", else a spaced hyphen, else the only
// hyphen. npos when there is none; `width` is the separator's length.
size_t span_break(std::string_view s, size_t& width) {
    auto only = [&](std::string_view sep) -> size_t {
        const size_t at = s.find(sep);
        if (at == std::string_view::npos || s.find(sep, at + 1) != std::string_view::npos) return std::string_view::npos;
        width = sep.size();
        return at;
    };
    for (std::string_view sep : {std::string_view(&kRangeDash, 1), std::string_view(" to "), std::string_view(" - ")}) {
        const size_t at = only(sep);
        if (at != std::string_view::npos) return at;
    }
    return only("-");
}

// "Oct-Dec 2025", "October to December 2025", "Oct 2025 - Dec 2025", "1 Oct 2025 to 31 Dec 2025".
Reading read_span(std::string_view s) {
    size_t width = 0;
    const size_t at = span_break(s, width);
    End a, b;
    if (at == std::string_view::npos) {
        if (read_end(s, a) && a.month && a.year && !a.day) return refused("'" + month_year(a.month, a.year) + "' is one month, not a quarter");
        return refused();
    }
    if (!read_end(s.substr(0, at), a) || !read_end(s.substr(at + width), b)) return refused();
    // A year given once stands for both ends: "Oct-Dec 2025", "Nov-Jan 2026" (Nov 2025 to Jan 2026).
    if (!a.year && !b.year) return refused("give the year, as in Oct-Dec 2025");
    if (!a.year) a.year = a.month > b.month ? b.year - 1 : b.year;
    if (!b.year) b.year = b.month < a.month ? a.year + 1 : a.year;
    if (a.day > 1) {
        return refused("a quarter starts on the 1st of its first month, not on " + std::to_string(a.day) + " " +
                       month_year(a.month, a.year));
    }
    if (b.day && b.day != days_in_month(b.year, b.month)) {
        return refused("a quarter ends on the last day of its last month, not on " + std::to_string(b.day) + " " +
                       month_year(b.month, b.year));
    }
    Reading r;
    r.kind = Reading::Span;
    r.first_year = a.year;
    r.first_month = a.month;
    r.last_year = b.year;
    r.last_month = b.month;
    return r;
}

Reading read_period(std::string_view text) {
    std::string folded;
    if (!fold(text, folded)) return refused();
    std::vector<Token> tokens;
    const bool plain_tokens = tokenise(folded, tokens);
    bool months = false, quarter_word = false;
    for (const Token& k : tokens) {
        if (k.kind != Token::Word) continue;
        months = months || month_of(k.text) != 0;
        quarter_word = quarter_word || is_quarter_word(k.text);
    }
    std::string_view s = folded;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) return refused();
    Date day;
    size_t width = 0;
    if (span_break(s, width) == std::string_view::npos && parse_date(s, day)) {
        return refused(std::to_string(day.day()) + " " + month_year(day.month(), day.year()) + " is one day, not a quarter");
    }
    // Months and no quarter: a span. Dates in figures ("01/10/2025 - 31/12/2025") have no
    // month word; they are tried as a span when the text is no quarter.
    if (months && !quarter_word) return read_span(s);
    Reading r = plain_tokens ? read_quarter(tokens) : refused();
    if (r.kind == Reading::None && !quarter_word) {
        Reading span = read_span(s);
        if (span.kind == Reading::Span || (r.why.empty() && !span.why.empty())) return span;
    }
    return r;
}

std::string scheme_quarters(QuarterScheme scheme) {
    return scheme == QuarterScheme::Financial
               ? "the rulebook's quarters (of the financial year) are Apr-Jun, Jul-Sep, Oct-Dec and Jan-Mar"
               : "the rulebook's quarters (of the calendar year) are Jan-Mar, Apr-Jun, Jul-Sep and Oct-Dec";
}

}  // namespace

std::optional<Quarter> Quarter::parse(std::string_view t) {
    const Reading r = read_period(t);
    if (r.kind != Reading::Plain) return std::nullopt;
    return Quarter{r.year, r.quarter};
}

std::optional<Quarter> Quarter::parse(std::string_view t, QuarterScheme scheme, std::string* why) {
    if (why) why->clear();
    const Reading r = read_period(t);
    switch (r.kind) {
        case Reading::None:
            if (why) *why = r.why;
            return std::nullopt;
        case Reading::Plain: return Quarter{r.year, r.quarter};
        case Reading::FinancialYear:
            // The financial year's quarter is three months; the scheme numbers them its own way.
            return containing(Quarter{r.year, r.quarter}.first_day(QuarterScheme::Financial), scheme);
        case Reading::Span: {
            const Date first = Date::from_ymd(r.first_year, r.first_month, 1);
            const Date last = Date::from_ymd(r.last_year, r.last_month, days_in_month(r.last_year, r.last_month));
            const std::string named = month_year(r.first_month, r.first_year) + " to " + month_year(r.last_month, r.last_year);
            const int months = (r.last_year * 12 + r.last_month) - (r.first_year * 12 + r.first_month) + 1;
            const Quarter q = containing(first, scheme);
            if (months >= 1 && q.first_day(scheme) == first && q.last_day(scheme) == last) return q;
            if (why) {
                if (months < 1) *why = named + " ends before it starts";
                else if (months != 3) *why = named + " is " + std::to_string(months) + (months == 1 ? " month" : " months") + ", not a quarter; " + scheme_quarters(scheme);
                else *why = named + " is not one quarter: " + scheme_quarters(scheme);
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
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
