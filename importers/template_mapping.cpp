#include "importers/template_mapping.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <cctype>
#include <fstream>
#include <optional>


namespace fs = std::filesystem;

namespace fairgate::importers {

namespace {

std::string trim(std::string s) {
    const auto not_space = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    return s;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// One line of comma-separated cells, quoted as Excel writes them ("a, b" and "" for ").
// nullopt when a quote is not closed.
std::optional<std::vector<std::string>> split_line(const std::string& line) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cells.back() += '"', ++i;
            else if (c == '"') quoted = false;
            else cells.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.emplace_back();
        } else {
            cells.back() += c;
        }
    }
    if (quoted) return std::nullopt;
    return cells;
}

TemplateMapping read_mapping(const fs::path& file, const FieldDictionary& fields) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw MappingError(file.string() + ": cannot be read");
    TemplateMapping m;
    m.path = file.string();
    auto fail = [&](size_t line, const std::string& why) -> MappingError {
        return MappingError(m.path + ":" + std::to_string(line) + ": " + why);
    };
    std::string line;
    size_t number = 0;
    bool header = false;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // Excel's BOM
        const std::string text = trim(line);
        if (text.empty()) continue;
        if (text[0] == '#') {
            const std::string rest = trim(text.substr(1));
            if (lower(rest).rfind("applies to:", 0) == 0) {
                const std::string pattern = trim(rest.substr(11));
                if (pattern.empty()) throw fail(number, "\"applies to:\" names no file pattern");
                m.applies_to.push_back(lower(pattern));
            }
            continue;
        }
        // A heading may hold commas: the line is CSV, quoted as Excel writes it.
        const auto split = split_line(text);
        if (!split) throw fail(number, "a quote is not closed: " + text);
        const std::vector<std::string>& cells = *split;
        if (!header) {
            if (cells.size() != 2 || lower(trim(cells[0])) != "heading" || lower(trim(cells[1])) != "field")
                throw fail(number, "the first line must be the header: heading,field");
            header = true;
            continue;
        }
        if (cells.size() != 2 || trim(cells[0]).empty() || trim(cells[1]).empty())
            throw fail(number, "expected a heading and a field name: \"" + text + "\"");
        const FieldDef* f = fields.find(trim(cells[1]));
        if (!f) throw fail(number, "the rulebook has no field '" + trim(cells[1]) + "'");
        m.labels.emplace_back(trim(cells[0]), f->id);
    }
    if (m.applies_to.empty())
        throw MappingError(m.path + ": says which files it is for with a line \"# applies to: PATTERN\"");
    if (!header) throw MappingError(m.path + ": has no header line (heading,field)");
    m.extend(fields);  // a heading that names another field is an error now, not at import
    return m;
}

}  // namespace

bool TemplateMapping::applies(const std::string& file_name) const {
    const std::string name = lower(fs::path(file_name).filename().string());
    return std::any_of(applies_to.begin(), applies_to.end(),
                       [&](const std::string& p) { return fnmatch(p.c_str(), name.c_str(), 0) == 0; });
}

FieldDictionary TemplateMapping::extend(const FieldDictionary& fields) const {
    FieldDictionary extended = fields;
    for (const auto& [heading, id] : labels) {
        try {
            extended.add_alias(id, heading);
        } catch (const std::invalid_argument& e) {
            throw MappingError(path + ": " + e.what());
        }
    }
    return extended;
}

std::vector<TemplateMapping> load_template_mappings(const std::string& dir, const FieldDictionary& fields) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > 12 && name.compare(name.size() - 12, 12, ".mapping.csv") == 0) files.push_back(it->path());
    }
    if (ec) throw MappingError(dir + ": the mappings folder cannot be read: " + ec.message());
    std::sort(files.begin(), files.end());
    std::vector<TemplateMapping> mappings;
    for (const auto& f : files) mappings.push_back(read_mapping(f, fields));
    return mappings;
}

}  // namespace fairgate::importers
