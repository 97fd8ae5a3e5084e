#include "model/register_entry.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace fairgate {
namespace {

struct Band {
    EmployerSizeBand band;
    std::string_view text;
    std::string_view key;  // lower case, no spaces or commas
    std::optional<int64_t> minimum;
};

constexpr std::array<Band, 7> kBands = {{
    {EmployerSizeBand::NotProvided, "Not Provided", "notprovided", std::nullopt},
    {EmployerSizeBand::Under250, "Less than 250", "lessthan250", 0},
    {EmployerSizeBand::From250To499, "250 to 499", "250to499", 250},
    {EmployerSizeBand::From500To999, "500 to 999", "500to999", 500},
    {EmployerSizeBand::From1000To4999, "1000 to 4999", "1000to4999", 1000},
    {EmployerSizeBand::From5000To19999, "5000 to 19,999", "5000to19999", 5000},
    {EmployerSizeBand::From20000, "20,000 or more", "20000ormore", 20000},
}};

const Band& band_of(EmployerSizeBand band) { return kBands[static_cast<size_t>(band)]; }

}  // namespace

std::string_view to_string(EmployerSizeBand band) { return band_of(band).text; }

std::optional<EmployerSizeBand> parse_employer_size_band(std::string_view text) {
    std::string key;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) || c == ',') continue;
        key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    for (const Band& b : kBands)
        if (b.key == key) return b.band;
    return std::nullopt;
}

std::optional<int64_t> minimum_employees(EmployerSizeBand band) { return band_of(band).minimum; }

std::string RegisterEntry::median_gap_text() const {
    if (!median_gap_percent) return {};
    char buffer[32];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, *median_gap_percent);
        if (std::strtod(buffer, nullptr) == *median_gap_percent) break;
    }
    return buffer;
}

}  // namespace fairgate
