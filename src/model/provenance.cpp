#include "model/provenance.hpp"

#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace fairgate {
namespace {

const std::string& no_name() {
    static const std::string empty;
    return empty;
}

// Every file name seen, each held once; never freed, so the pointers stay valid for as long
// as any value refers to them (including values held by other statics at exit).
struct NameTable {
    std::mutex mutex;
    std::unordered_map<std::string_view, std::unique_ptr<const std::string>> names;
};

NameTable& name_table() {
    static NameTable* table = new NameTable;
    return *table;
}

// Appends `n` in decimal.
char* put_number(char* out, unsigned long n) {
    char digits[24];
    int k = 0;
    do {
        digits[k++] = static_cast<char>('0' + n % 10);
        n /= 10;
    } while (n);
    while (k) *out++ = digits[--k];
    return out;
}

}  // namespace

FileName::FileName(std::string_view name) {
    if (name.empty()) return;
    // A reader names the same file for each of its values: most calls repeat the last name.
    thread_local const std::string* last = nullptr;
    if (last && *last == name) {
        name_ = last;
        return;
    }
    NameTable& table = name_table();
    std::lock_guard<std::mutex> lock(table.mutex);
    auto it = table.names.find(name);
    if (it == table.names.end()) {
        auto owned = std::make_unique<const std::string>(name);
        const std::string_view key(*owned);
        it = table.names.emplace(key, std::move(owned)).first;
    }
    name_ = last = it->second.get();
}

const std::string& FileName::str() const { return name_ ? *name_ : no_name(); }

Provenance Provenance::cell(FileName file, std::string sheet, uint32_t row, uint32_t column) {
    Provenance p(file, std::move(sheet));
    p.kind_ = Kind::Cell;
    p.line_ = row;
    p.column_ = column;
    return p;
}

Provenance Provenance::csv_field(FileName file, uint32_t line, uint32_t column) {
    Provenance p(file, std::string());
    p.kind_ = Kind::CsvField;
    p.line_ = line;
    p.column_ = column;
    return p;
}

std::string Provenance::locator() const {
    switch (kind_) {
        case Kind::Text: return text_;
        case Kind::Cell: return text_ + "!" + cell_reference(line_, column_);
        case Kind::CsvField: {
            char buffer[64];
            char* end = buffer;
            std::memcpy(end, "line ", 5);
            end = put_number(end + 5, line_);
            std::memcpy(end, ", column ", 9);
            end = put_number(end + 9, column_);
            return std::string(buffer, static_cast<size_t>(end - buffer));
        }
    }
    return text_;
}

std::string Provenance::display() const {
    const std::string& file = file_.str();
    if (kind_ == Kind::Cell) return file.empty() ? locator() : file + "!" + locator();
    if (kind_ == Kind::CsvField) return file.empty() ? locator() : file + " " + locator();
    const std::string& locator = text_;
    if (file.empty()) return locator;
    if (locator.empty()) return file;
    if (locator.front() == '/') {
        // XML paths and JSON pointers: JSON pointers are conventionally written after '#'.
        const bool json = file.size() > 5 && (file.rfind(".json") == file.size() - 5 || file.rfind(".jsonl") == file.size() - 6);
        return file + (json ? "#" : " ") + locator;
    }
    if (locator.compare(0, 5, "line ") == 0) return file + " " + locator;
    return file + "!" + locator;
}

bool operator==(const Provenance& a, const Provenance& b) {
    if (a.file_ != b.file_) return false;
    if (a.kind_ != b.kind_) return a.locator() == b.locator();
    return a.line_ == b.line_ && a.column_ == b.column_ && a.text_ == b.text_;
}

std::string cell_reference(unsigned row, unsigned column) {
    char letters[8];
    int k = 0;
    for (unsigned c = column; c > 0; c = (c - 1) / 26) letters[k++] = static_cast<char>('A' + (c - 1) % 26);
    char buffer[32];
    char* end = buffer;
    while (k) *end++ = letters[--k];
    end = put_number(end, row);
    return std::string(buffer, static_cast<size_t>(end - buffer));
}

std::string csv_locator(unsigned long line, unsigned column) {
    return Provenance::csv_field(FileName(), static_cast<uint32_t>(line), column).locator();
}

}  // namespace fairgate
