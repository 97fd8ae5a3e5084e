#include "importers/csv_reader.hpp"

#include <array>
#include <cstdint>

#include "importers/held_cells.hpp"
#include "importers/import_error.hpp"

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

CsvReader::CsvReader(std::string file_name, std::string_view text, const ImportLimits& limits)
    : file_(std::move(file_name)),
      text_(text),
      delimiter_(detect_delimiter(text)),
      max_field_(limits.max_field_bytes),
      max_record_(limits.max_record_bytes),
      max_columns_(limits.max_columns) {
    for (const char c : {delimiter_, '\r', '\n', '"'}) special_[static_cast<unsigned char>(c)] = true;
}

bool CsvReader::next(std::vector<Cell>& cells) { return read<true>(cells); }

size_t CsvReader::field_end(size_t from) const {
    const char* const data = text_.data();
    const size_t size = text_.size();
    size_t i = from;
    bool quoted = false, started = false;
    while (i < size) {
        const char c = data[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < size && data[i + 1] == '"') {
                    i += 2;
                    continue;
                }
                quoted = false;
            }
            ++i;
            continue;
        }
        if (c == '"' && !started) quoted = true;  // a quote opens a quoted section only first
        else if (c == delimiter_ || c == '\r' || c == '\n') break;
        started = true;
        ++i;
    }
    return i;
}

size_t CsvReader::record_end(size_t from) const {
    size_t i = field_end(from);
    while (i < text_.size() && text_[i] == delimiter_) i = field_end(i + 1);
    return i;
}

void CsvReader::over_limit(unsigned long line, size_t column, const std::string& problem) const {
    throw ImportError(Provenance{file_, csv_locator(line, static_cast<unsigned>(column))}.display(), problem);
}

bool CsvReader::skip() {
    thread_local std::vector<Cell> unused;
    return read<false>(unused);
}

template <bool keep>
bool CsvReader::read(std::vector<Cell>& cells) {
    const char* const data = text_.data();
    const size_t size = text_.size();
    size_t i = pos_;
    // The reader moves on only when a record is complete: after an error it stays put.
    unsigned long line = line_;
    size_t line_start = line_start_;
    auto done = [&](size_t count_) {
        pos_ = i;
        line_ = line;
        line_start_ = line_start;
        if (keep) cells.resize(count_);
        return true;
    };
    size_t count = 0;  // cells of `cells` filled so far
    if (i >= size) {
        cells.clear();
        return false;
    }
    const bool* const special = special_;
    const size_t record_start = i;

    auto field = [&]() -> Cell& {
        if (!keep) {
            // Only where the record ends matters: one scratch cell takes every field.
            if (cells.empty()) cells.emplace_back();
            ++count;
            return cells[0];
        }
        // Counted before a cell is made for it: a line of millions of fields costs nothing.
        if (count == max_columns_) {
            over_limit(line, count + 1, "the line has more than " + std::to_string(max_columns_) +
                                            " fields (columns), the most fairgate reads (Excel's own limit); no return has that many");
        }
        if (count == cells.size()) cells.emplace_back();
        Cell& c = cells[count++];
        c.kind = Cell::Kind::Empty;
        c.text.clear();
        c.number = 0;
        c.format = NumberFormatKind::Number;
        c.line = static_cast<uint32_t>(line);
        return c;
    };
    auto finish = [&](Cell& c) { c.kind = c.text.empty() ? Cell::Kind::Empty : Cell::Kind::Text; };
    // Before `more` bytes join the field `c` (which started at `field_start`), the text read
    // so far reaching `to`: a field or record beyond the limits is refused before it is copied.
    auto within_limits = [&](const Cell& c, size_t more, size_t field_start, size_t to) {
        if (c.text.size() + more > max_field_) {
            over_limit(c.line, count, "a field of " + std::to_string(field_end(field_start) - field_start) +
                                          " bytes exceeds the limit of " + std::to_string(max_field_) +
                                          " bytes; no answer in a return is that long");
        }
        if (to - record_start > max_record_) {
            over_limit(line_, count, "the line is " + std::to_string(record_end(record_start) - record_start) +
                                         " bytes long, more than the limit of " + std::to_string(max_record_) +
                                         " bytes; no return's line is that long");
        }
    };

    for (;;) {
        // At the start of a field.
        Cell& cell = field();
        const size_t field_start = i;
        bool started = false;
        for (;;) {
            if (i >= size) {
                // The text ends without a line break: the record ends here.
                finish(cell);
                return done(count);
            }
            const char c = data[i];
            if (c == '"' && !started) {
                // A quoted section: up to the closing quote, doubled quotes read as one.
                started = true;
                const unsigned long quote_line = line;
                const size_t quote_column = i - line_start + 1;
                ++i;
                for (;;) {
                    if (i >= size) {
                        throw ImportError(Provenance{file_, csv_locator(quote_line, static_cast<unsigned>(quote_column))}.display(),
                                          "a quoted field starts here but its closing quote is missing");
                    }
                    // Copy the run up to the next quote or line break at once.
                    size_t j = i;
                    while (j < size && data[j] != '"' && data[j] != '\r' && data[j] != '\n') ++j;
                    if (keep) {
                        within_limits(cell, j - i, field_start, j);
                        cell.text.append(data + i, j - i);
                    }
                    i = j;
                    if (i >= size) continue;
                    if (data[i] == '"') {
                        if (i + 1 < size && data[i + 1] == '"') {
                            if (keep) {
                                within_limits(cell, 1, field_start, i + 2);
                                cell.text.push_back('"');
                            }
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    // A line break inside quotes is part of the value; store it as LF.
                    if (keep) {
                        within_limits(cell, 1, field_start, i + 1);
                        cell.text.push_back('\n');
                    }
                    i += (data[i] == '\r' && i + 1 < size && data[i + 1] == '\n') ? 2 : 1;
                    ++line;
                    line_start = i;
                }
                continue;
            }
            if (c == delimiter_) {
                finish(cell);
                ++i;
                break;  // next field
            }
            if (c == '\r' || c == '\n') {
                finish(cell);
                i += (c == '\r' && i + 1 < size && data[i + 1] == '\n') ? 2 : 1;
                ++line;
                line_start = i;
                return done(count);
            }
            // Unquoted text (also text after a closing quote, "abc"def, which exports write):
            // up to the next delimiter, line break or quote.
            started = true;
            size_t j = i + 1;
            while (j < size && !special[static_cast<unsigned char>(data[j])]) ++j;
            // A quote inside an unquoted field is an ordinary character.
            while (j < size && data[j] == '"') {
                ++j;
                while (j < size && !special[static_cast<unsigned char>(data[j])]) ++j;
            }
            if (keep) {
                within_limits(cell, j - i, field_start, j);
                cell.text.append(data + i, j - i);
            }
            i = j;
        }
    }
}

Grid read_csv(const std::string& file_name, std::string_view text, const ImportLimits& limits, size_t max_records) {
    Grid grid;
    grid.file = file_name;
    grid.csv = true;
    CsvReader reader(file_name, text, limits);
    std::vector<Cell> record;
    HeldCells held(limits);
    for (size_t n = 0; n < max_records && reader.next(record); ++n) {
        CellRow row(std::move(record));
        held.add(row, [&] { return file_name + " " + grid.row_name(grid.rows.size()); });
        grid.rows.push_back(std::move(row));
        record = std::vector<Cell>();
    }
    return grid;
}

}  // namespace fairgate::importers
