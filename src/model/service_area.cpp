#include "model/service_area.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace fairgate {

namespace {

// The 45 divisions of CPV 2008 (Commission Regulation (EC) No 213/2008), as the UK's
// Contracts Finder and Find a Tender still classify notices.
constexpr std::array<CpvDivision, 45> kDivisions{{
    {"03", "Agricultural, farming, fishing, forestry and related products"},
    {"09", "Petroleum products, fuel, electricity and other sources of energy"},
    {"14", "Mining, basic metals and related products"},
    {"15", "Food, beverages, tobacco and related products"},
    {"16", "Agricultural machinery"},
    {"18", "Clothing, footwear, luggage articles and accessories"},
    {"19", "Leather and textile fabrics, plastic and rubber materials"},
    {"22", "Printed matter and related products"},
    {"24", "Chemical products"},
    {"30", "Office and computing machinery, equipment and supplies"},
    {"31", "Electrical machinery, apparatus, equipment and consumables; lighting"},
    {"32", "Radio, television, communication and telecommunication equipment"},
    {"33", "Medical equipment, pharmaceuticals and personal care products"},
    {"34", "Transport equipment and auxiliary products to transportation"},
    {"35", "Security, fire-fighting, police and defence equipment"},
    {"37", "Musical instruments, sport goods, games, toys, handicraft and art materials"},
    {"38", "Laboratory, optical and precision equipment"},
    {"39", "Furniture, furnishings, domestic appliances and cleaning products"},
    {"41", "Collected and purified water"},
    {"42", "Industrial machinery"},
    {"43", "Machinery for mining, quarrying and construction"},
    {"44", "Construction structures and materials"},
    {"45", "Construction work"},
    {"48", "Software packages and information systems"},
    {"50", "Repair and maintenance services"},
    {"51", "Installation services (except software)"},
    {"55", "Hotel, restaurant and retail trade services"},
    {"60", "Transport services (excluding waste transport)"},
    {"63", "Supporting and auxiliary transport services; travel agency services"},
    {"64", "Postal and telecommunications services"},
    {"65", "Public utilities"},
    {"66", "Financial and insurance services"},
    {"70", "Real estate services"},
    {"71", "Architectural, construction, engineering and inspection services"},
    {"72", "IT services: consulting, software development, Internet and support"},
    {"73", "Research and development services and related consultancy services"},
    {"75", "Administration, defence and social security services"},
    {"76", "Services related to the oil and gas industry"},
    {"77", "Agricultural, forestry, horticultural, aquacultural and apicultural services"},
    {"79", "Business services: law, marketing, consulting, recruitment, printing and security"},
    {"80", "Education and training services"},
    {"85", "Health and social work services"},
    {"90", "Sewage, refuse, cleaning and environmental services"},
    {"92", "Recreational, cultural and sporting services"},
    {"98", "Other community, social and personal services"},
}};

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<CpvDivision> cpv_division(std::string_view text) {
    std::string_view s = trim(text);
    // An optional scheme prefix, as some registers write it: "CPV 85311000", "CPV: 85311000".
    if (s.size() > 3 && (s[0] == 'C' || s[0] == 'c') && (s[1] == 'P' || s[1] == 'p') && (s[2] == 'V' || s[2] == 'v')) {
        s.remove_prefix(3);
        if (!s.empty() && s.front() == ':') s.remove_prefix(1);
        s = trim(s);
    }
    // Eight digits, then an optional check digit: "85311000-2".
    if (s.size() == 10 && s[8] == '-' && digits(s.substr(9))) s = s.substr(0, 8);
    if (s.size() != 8 || !digits(s)) return std::nullopt;
    const std::string_view division = s.substr(0, 2);
    for (const auto& d : kDivisions)
        if (d.code == division) return d;
    return std::nullopt;
}

std::string service_area(std::string_view category) {
    if (auto d = cpv_division(category)) return std::string(d->name);
    return std::string(trim(category));
}

}  // namespace fairgate
