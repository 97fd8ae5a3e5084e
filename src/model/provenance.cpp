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
    // A reader names the same file (and sheet) for each of its values: most calls repeat
    // one of the last two names.
    thread_local const std::string* last[2] = {nullptr, nullptr};
    for (const std::string* known : last) {
        if (known && *known == name) {
            name_ = known;
            return;
        }
    }
    NameTable& table = name_table();
    std::lock_guard<std::mutex> lock(table.mutex);
    auto it = table.names.find(name);
    if (it == table.names.end()) {
        auto owned = std::make_unique<const std::string>(name);
        const std::string_view key(*owned);
        it = table.names.emplace(key, std::move(owned)).first;
    }
    name_ = it->second.get();
    last[1] = last[0];
    last[0] = name_;
}

const std::string& FileName::str() const { return name_ ? *name_ : no_name(); }

Provenance::Provenance(FileName file, std::string locator) : file_(file) {
    if (!locator.empty()) text_ = std::make_unique<std::string>(std::move(locator));
}

Provenance::Provenance(const Provenance& other)
    : file_(other.file_), sheet_(other.sheet_), text_(other.text_ ? std::make_unique<std::string>(*other.text_) : nullptr),
      line_(other.line_), column_(other.column_), kind_(other.kind_) {}

Provenance& Provenance::operator=(const Provenance& other) {
    if (this != &other) *this = Provenance(other);
    return *this;
}

const std::string& Provenance::text() const { return text_ ? *text_ : no_name(); }

Provenance Provenance::cell(FileName file, std::string_view sheet, uint32_t row, uint32_t column) {
    return cell(file, FileName(sheet), row, column);
}

Provenance Provenance::cell(FileName file, FileName sheet, uint32_t row, uint32_t column) {
    Provenance p;
    p.file_ = file;
    p.sheet_ = sheet;
    p.kind_ = Kind::Cell;
    p.line_ = row;
    p.column_ = column;
    return p;
}

Provenance Provenance::csv_field(FileName file, uint32_t line, uint32_t column) {
    Provenance p;
    p.file_ = file;
    p.kind_ = Kind::CsvField;
    p.line_ = line;
    p.column_ = column;
    return p;
}

std::string Provenance::locator() const {
    switch (kind_) {
        case Kind::Text: return text();
        case Kind::Cell: return sheet_.str() + "!" + cell_reference(line_, column_);
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
    return text();
}

std::string Provenance::display() const {
    const std::string& file = file_.str();
    if (kind_ == Kind::Cell) return file.empty() ? locator() : file + "!" + locator();
    if (kind_ == Kind::CsvField) return file.empty() ? locator() : file + " " + locator();
    const std::string& locator = text();
    if (file.empty()) return locator;
    if (locator.empty()) return file;
    if (locator.front() == '/') {
        // XML paths and JSON pointers: JSON pointers are conventionally written after '#'.
        const bool json = file.size() > 5 && (file.rfind(".json") == file.size() - 5 || file.rfind(".jsonl") == file.size() - 6);
        return file + (json ? "#" : " ") + locator;
    }
    if (locator.compare(0, 5, "line ") == 0) return file + " " + locator;
    // A public register's row: "gender pay gap service 2021-22, row 3" (or ", no row").
    if (locator.compare(0, 4, "row ") == 0 || locator == "no row") return file + ", " + locator;
    return file + "!" + locator;
}

bool operator==(const Provenance& a, const Provenance& b) {
    if (a.file_ != b.file_) return false;
    if (a.kind_ != b.kind_) return a.locator() == b.locator();
    return a.line_ == b.line_ && a.column_ == b.column_ && a.sheet_ == b.sheet_ && a.text() == b.text();
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
