#include "model/company_number.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace fairgate {
namespace {

// The prefixes Companies House puts before a number that is not an England and Wales
// company's, from its guidance on company numbers and the numbers on its register. A number
// is eight characters: the prefix, then digits to fill them. A prefix not in this table is
// not padded ("XY123" stays "XY123"): fairgate does not guess a register it does not know.
struct CompanyPrefix {
    std::string_view prefix;
    std::string_view meaning;
};
constexpr CompanyPrefix kCompanyPrefixes[] = {
    {"AC", "assurance company, England and Wales"},
    {"CE", "charitable incorporated organisation, England and Wales"},
    {"CS", "charitable incorporated organisation, Scotland"},
    {"EN", "European company (SE), Northern Ireland"},
    {"ES", "European company (SE), Scotland"},
    {"FC", "overseas company"},
    {"GE", "European economic interest grouping, England and Wales"},
    {"GN", "European economic interest grouping, Northern Ireland"},
    {"GS", "European economic interest grouping, Scotland"},
    {"IC", "investment company with variable capital"},
    {"IP", "industrial and provident society, England and Wales"},
    {"LP", "limited partnership, England and Wales"},
    {"NA", "assurance company, Northern Ireland"},
    {"NC", "limited liability partnership, Northern Ireland"},
    {"NF", "overseas company, Northern Ireland (before October 2009)"},
    {"NI", "company, Northern Ireland"},
    {"NL", "limited partnership, Northern Ireland"},
    {"NP", "industrial and provident society, Northern Ireland"},
    {"NZ", "unregistered company, Northern Ireland"},
    {"OC", "limited liability partnership, England and Wales"},
    {"R", "company, Northern Ireland, before partition (written R0 and six digits)"},
    {"RC", "royal charter company"},
    {"RS", "registered society"},
    {"SA", "assurance company, Scotland"},
    {"SC", "company, Scotland"},
    {"SE", "European company (SE), England and Wales"},
    {"SF", "overseas company, Scotland (before October 2009)"},
    {"SG", "Scottish qualifying partnership"},
    {"SI", "investment company with variable capital, Scotland"},
    {"SL", "limited partnership, Scotland"},
    {"SO", "limited liability partnership, Scotland"},
    {"SP", "industrial and provident society, Scotland"},
    {"SR", "royal charter company, Scotland"},
    {"SZ", "unregistered company, Scotland"},
    {"ZC", "unregistered company, England and Wales"},
};

// org-id.guide's schemes for the registers a UK supplier's number comes from, as OCDS feeds
// (Contracts Finder) write a supplier's id: "GB-COH-05512345".
struct Scheme {
    std::string_view prefix;
    SupplierIdKind kind;
};
constexpr Scheme kSchemes[] = {
    {"GB-COH-", SupplierIdKind::Company},  // Companies House
    {"GB-CHC-", SupplierIdKind::Charity},  // Charity Commission for England and Wales
    {"GB-SC-", SupplierIdKind::Charity},   // Scottish Charity Regulator (OSCR)
    {"GB-NIC-", SupplierIdKind::Charity},  // Charity Commission for Northern Ireland
};

constexpr size_t kLength = 8;  // a Companies House number's length

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

bool all_zeros(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

bool known_prefix(std::string_view p) {
    for (const auto& k : kCompanyPrefixes)
        if (k.prefix == p) return true;
    return false;
}

// `digits` padded on the left with zeros to `width` (digits already that long stay as they are).
std::string padded(std::string_view digits, size_t width) {
    std::string out;
    if (digits.size() < width) out.assign(width - digits.size(), '0');
    out.append(digits);
    return out;
}

// The text upper-cased, without white space: ASCII spaces, tabs, line breaks and the no-break
// space (U+00A0, as UTF-8) that spreadsheets and web forms leave in.
std::string squeezed(std::string_view text) {
    std::string s;
    s.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            ++i;
            continue;
        }
        if (std::isspace(c)) continue;
        s.push_back(static_cast<char>(std::toupper(c)));
    }
    return s;
}

// A Companies House number in `s` (upper case, no spaces, dots or dashes): its key, or "".
std::string company_key(std::string_view s) {
    if (s.size() <= kLength && all_digits(s)) return all_zeros(s) ? std::string() : padded(s, kLength);
    size_t letters = 0;
    while (letters < s.size() && letters < 2 && is_upper(s[letters])) ++letters;
    // "R0000123" is prefix R then digits; "RC000641" is prefix RC: the longer known prefix wins.
    for (size_t n = letters; n >= 1; --n) {
        const std::string_view prefix = s.substr(0, n);
        if (!known_prefix(prefix)) continue;
        const std::string_view rest = s.substr(n);
        if (all_digits(rest) && s.size() <= kLength) return std::string(prefix) + padded(rest, kLength - n);
        // Eight characters that end in a letter: a society ("IP31188R"), a Northern Ireland
        // company ("NI01234A"). Nothing to restore.
        if (s.size() == kLength && !rest.empty() && is_digit(rest.front())) {
            bool alnum = true;
            for (char c : rest) alnum = alnum && (is_digit(c) || is_upper(c));
            if (alnum) return std::string(s);
        }
        break;
    }
    return {};
}

// A supplier number in `s` (upper case, no white space, any scheme dropped).
SupplierNumber read_number(std::string s) {
    // A number as a numeric cell gives it: "1234567.0" is the whole number 1234567; a
    // fraction ("1234567.5") is no identifier's, and is not read as digits with a dot among them.
    const size_t dot = s.find('.');
    if (dot != std::string::npos && dot > 0 && all_digits(std::string_view(s).substr(0, dot))) {
        const std::string_view fraction = std::string_view(s).substr(dot + 1);
        if (fraction.empty() || all_digits(fraction)) {
            if (!all_zeros(fraction)) return {s, SupplierIdKind::Other};
            s.resize(dot);
        }
    }
    // A subsidiary of a registered charity: "1123456-1", its number (never with a leading
    // zero), a dash and one or two digits. The dash is part of it.
    if (const size_t dash = s.find('-'); dash != std::string::npos) {
        const std::string_view main = std::string_view(s).substr(0, dash), sub = std::string_view(s).substr(dash + 1);
        if (main.size() >= 5 && main.size() <= kLength && all_digits(main) && main.front() != '0' && !sub.empty() &&
            sub.size() <= 2 && all_digits(sub)) {
            return {s, SupplierIdKind::Charity};
        }
    }
    // Dots, dashes and commas separate groups of characters ("S.C. 16876", "0551-2345", a
    // number cell's "1,234,567"): gone before the shape is read.
    std::string compact;
    for (char c : s)
        if (c != '.' && c != '-' && c != ',') compact.push_back(c);
    // Northern Ireland's charities: "NIC100001", the number with the register's letters.
    if (compact.size() > 3 && compact.compare(0, 3, "NIC") == 0) {
        const std::string_view digits = std::string_view(compact).substr(3);
        if (digits.size() <= kLength && all_digits(digits) && !all_zeros(digits))
            return {padded(digits, kLength), SupplierIdKind::Charity};
    }
    std::string key = company_key(compact);
    if (!key.empty()) return {std::move(key), SupplierIdKind::Company};
    return {s, SupplierIdKind::Other};
}

}  // namespace

SupplierNumber read_supplier_number(std::string_view text) {
    std::string s = squeezed(text);
    if (s.empty()) return {};
    for (const Scheme& scheme : kSchemes) {
        if (s.size() <= scheme.prefix.size() || s.compare(0, scheme.prefix.size(), scheme.prefix) != 0) continue;
        SupplierNumber n = read_number(s.substr(scheme.prefix.size()));
        if (n.kind != SupplierIdKind::Other) n.kind = scheme.kind;
        return n;
    }
    return read_number(std::move(s));
}

std::string supplier_key(std::string_view text) { return read_supplier_number(text).key; }

bool same_supplier(std::string_view a, std::string_view b) {
    const std::string ka = supplier_key(a);
    return !ka.empty() && ka == supplier_key(b);
}

std::string normalise_organisation_name(std::string_view name) {
    std::vector<std::string> words;
    std::string word;
    auto end_word = [&] {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
    };
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\'' || c == '.') continue;  // "p.l.c.", "Smith's": one word, not several
        if (c == '&') {
            end_word();
            words.emplace_back("and");
        } else if (std::isalnum(u) || u >= 0x80) {  // letters of other scripts kept as bytes
            word.push_back(static_cast<char>(std::tolower(u)));
        } else {
            end_word();
        }
    }
    end_word();
    if (!words.empty() && words.front() == "the") words.erase(words.begin());
    // Legal forms at the end, longest first, until none is left: "company limited" goes whole.
    static const std::array<std::vector<std::string>, 8> kForms = {{
        {"public", "limited", "company"}, {"limited"}, {"ltd"}, {"plc"}, {"llp"}, {"cic"}, {"company"}, {"co"},
    }};
    for (bool dropped = true; dropped;) {
        dropped = false;
        for (const auto& form : kForms) {
            if (words.size() < form.size()) continue;
            if (std::equal(form.begin(), form.end(), words.end() - static_cast<std::ptrdiff_t>(form.size()))) {
                words.resize(words.size() - form.size());
                dropped = true;
                break;
            }
        }
    }
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out.push_back(' ');
        out += w;
    }
    return out;
}

}  // namespace fairgate
