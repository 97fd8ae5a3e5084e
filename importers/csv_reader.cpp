#include "importers/csv_reader.hpp"

#include <array>

#include "importers/import.hpp"

namespace fairgate::importers {

char detect_delimiter(std::string_view text) {
    // Skip leading blank lines: the heading is the first line with something on it.
    size_t start = 0;
    while (start < text.size() && (text[start] == '\n' || text[start] == '\r')) ++start;
    std::array<size_t, 3> counts{};
    const char candidates[3] = {',', ';', '\t'};
    bool quoted = false;
    for (size_t i = start; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') { quoted = !quoted; continue; }
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        for (size_t k = 0; k < 3; ++k) {
            if (c == candidates[k]) ++counts[k];
        }
    }
    size_t best = 0;
    for (size_t k = 1; k < 3; ++k) {
        if (counts[k] > counts[best]) best = k;
    }
    return counts[best] ? candidates[best] : ',';
}

Grid read_csv(const std::string& file_name, std::string_view text) {
    Grid grid;
    grid.file = file_name;
    grid.csv = true;
    const char delimiter = detect_delimiter(text);

    std::vector<Cell> record;
    Cell field;
    unsigned long line = 1;
    unsigned column = 1;           // character column on the current line, for errors
    unsigned long field_line = 1;
    bool in_quotes = false;
    bool field_started = false;    // something (even "") was read for this field
    unsigned long quote_line = 0;
    unsigned quote_column = 0;

    auto end_field = [&] {
        field.kind = field.text.empty() ? Cell::Kind::Empty : Cell::Kind::Text;
        field.line = static_cast<uint32_t>(field_line);
        record.push_back(std::move(field));
        field = Cell{};
        field_started = false;
    };
    auto end_record = [&] {
        end_field();
        const size_t width = record.size();
        grid.rows.push_back(std::move(record));
        // Records of one file have the same width: allocating it at once saves growing the
        // row cell by cell, which dominated reading big exports.
        record = std::vector<Cell>();
        record.reserve(width);
    };

    size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.text.push_back('"');
                    i += 2;
                    column += 2;
                    continue;
                }
                in_quotes = false;
                ++i;
                ++column;
                continue;
            }
            if (c == '\r' || c == '\n') {
                // A line break inside quotes is part of the value; store it as LF.
                field.text.push_back('\n');
                i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
                ++line;
                column = 1;
                continue;
            }
            field.text.push_back(c);
            ++i;
            ++column;
            continue;
        }
        if (c == '"' && !field_started) {
            in_quotes = true;
            field_started = true;
            quote_line = line;
            quote_column = column;
            field_line = line;
            ++i;
            ++column;
            continue;
        }
        if (c == delimiter) {
            end_field();
            ++i;
            ++column;
            field_line = line;
            continue;
        }
        if (c == '\r' || c == '\n') {
            end_record();
            i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
            ++line;
            column = 1;
            field_line = line;
            continue;
        }
        if (!field_started) field_line = line;
        field_started = true;
        // Text after a closing quote ("abc"def) is kept rather than refused: exports do it.
        field.text.push_back(c);
        ++i;
        ++column;
    }
    if (in_quotes) {
        throw ImportError(Provenance{file_name, csv_locator(quote_line, quote_column)}.display(),
                          "a quoted field starts here but its closing quote is missing");
    }
    // The last record, unless the text ended with a line break.
    if (field_started || !field.text.empty() || !record.empty()) end_record();
    return grid;
}

}  // namespace fairgate::importers
