#include "model/company_number.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace fairgate {
namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

}  // namespace

std::string normalise_company_number(std::string_view text) {
    std::string s;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        s.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    constexpr size_t kLength = 8;
    if (s.size() >= kLength) return s;
    if (all_digits(s)) return std::string(kLength - s.size(), '0') + s;
    // A prefix of two letters, then only digits: the zeros go between them.
    if (s.size() > 2 && std::isalpha(static_cast<unsigned char>(s[0])) && std::isalpha(static_cast<unsigned char>(s[1])) &&
        all_digits(std::string_view(s).substr(2))) {
        return s.substr(0, 2) + std::string(kLength - s.size(), '0') + s.substr(2);
    }
    return s;
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
