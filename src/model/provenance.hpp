#pragma once
// Where a value came from, precisely enough for an officer to open the file and find it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace fairgate {

/// A file name held once for every value read from that file. Names are interned for the
/// life of the process (one copy per distinct name, never freed: a service that reads a
/// million files holds a million names, tens of MB), so that a value's provenance carries a
/// pointer rather than its own copy of the name. Copying and comparing are pointer
/// operations; creating one takes a lock. Thread-safe.
class FileName {
public:
    FileName() = default;  ///< No file: a value fairgate derived rather than read.
    explicit FileName(std::string_view name);

    const std::string& str() const;
    bool empty() const { return str().empty(); }
    friend bool operator==(FileName a, FileName b) { return a.name_ == b.name_; }
    friend bool operator!=(FileName a, FileName b) { return a.name_ != b.name_; }

private:
    const std::string* name_ = nullptr;
};

/// The place of one value in one input file. The locator is written in the file type's own
/// terms: a worksheet cell "Questionnaire!C14", a CSV place "line 12, column 5", an XML path
/// "/return/answer[3]", a JSON pointer "/releases/0/tender/value/amount". Values computed
/// by fairgate rather than read (a contract's elapsed term) have an empty file and a
/// locator that says how they were derived.
///
/// Cells and CSV fields are held as numbers, with the sheet name interned as file names are
/// (every answer of a big table has a place, so they cost no allocation and move as a few
/// words), and written out only when shown; other locators are held as text. Two places are
/// equal when they name the same file and their locators read the same, however each is held.
class Provenance {
public:
    Provenance() = default;
    /// Any locator, as text (what the store reads back, XML paths, JSON pointers).
    Provenance(std::string_view file, std::string locator) : Provenance(FileName(file), std::move(locator)) {}
    Provenance(FileName file, std::string locator);
    Provenance(const Provenance& other);
    Provenance(Provenance&&) noexcept = default;
    Provenance& operator=(const Provenance& other);
    Provenance& operator=(Provenance&&) noexcept = default;
    ~Provenance() = default;
    /// "Sheet!C14": row and column 1-based.
    static Provenance cell(FileName file, std::string_view sheet, uint32_t row, uint32_t column);
    static Provenance cell(FileName file, FileName sheet, uint32_t row, uint32_t column);
    /// "line 12, column 5": both 1-based.
    static Provenance csv_field(FileName file, uint32_t line, uint32_t column);

    /// File name as received (no directory); empty for a derived value.
    const std::string& file() const { return file_.str(); }
    /// Place inside the file, as text.
    std::string locator() const;

    bool empty() const { return file_.empty() && kind_ == Kind::Text && !text_; }
    /// "Returns.xlsx!Questionnaire!C14", "returns.csv line 12, column 5",
    /// "return.xml /return/answer[3]", "package.json#/releases/0/ocid", a public register's
    /// row "gender pay gap service 2021-22, row 3" (locator "row 3", or "no row").
    std::string display() const;

    friend bool operator==(const Provenance& a, const Provenance& b);
    friend bool operator!=(const Provenance& a, const Provenance& b) { return !(a == b); }

private:
    enum class Kind : uint8_t { Text, Cell, CsvField };
    const std::string& text() const;  // Text: the locator, or ""

    FileName file_;
    FileName sheet_;                    // Cell: the sheet
    std::unique_ptr<std::string> text_;  // Text: the locator; null when empty
    uint32_t line_ = 0;    // Cell: row; CsvField: line
    uint32_t column_ = 0;
    Kind kind_ = Kind::Text;
};

/// "C14" for row 14 (1-based), column 3 (1-based).
std::string cell_reference(unsigned row, unsigned column);
/// "line 12, column 5" (both 1-based).
std::string csv_locator(unsigned long line, unsigned column);

}  // namespace fairgate
