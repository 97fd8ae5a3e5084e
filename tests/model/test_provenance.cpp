#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>

#include "model/provenance.hpp"

using namespace fairgate;

namespace {

// Inverse of the column letters, to check cell_reference as a bijection.
unsigned column_number(const std::string& letters) {
    unsigned n = 0;
    for (char c : letters) n = n * 26 + static_cast<unsigned>(c - 'A' + 1);
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(provenance)

BOOST_AUTO_TEST_CASE(display_in_each_file_type_terms) {
    struct Case { Provenance p; const char* shown; };
    const Case cases[] = {
        {{"Returns.xlsx", "Questionnaire!C14"}, "Returns.xlsx!Questionnaire!C14"},
        {{"returns.csv", "line 12, column 5"}, "returns.csv line 12, column 5"},
        {{"return.xml", "/return/answer[3]"}, "return.xml /return/answer[3]"},
        {{"package.json", "/releases/0/ocid"}, "package.json#/releases/0/ocid"},
        {{"feed.jsonl", "/releases/0/ocid"}, "feed.jsonl#/releases/0/ocid"},
        {{"a.json", "/x"}, "a.json#/x"},
        {{"json", "/x"}, "json /x"},
        {{"notes.json.xml", "/x"}, "notes.json.xml /x"},
        {{"Returns.xlsx", ""}, "Returns.xlsx"},
        {{"", "elapsed term computed from contract dates"}, "elapsed term computed from contract dates"},
        {{"", ""}, ""},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.shown) { BOOST_TEST(c.p.display() == c.shown); }
    }
}

BOOST_AUTO_TEST_CASE(empty_and_equality) {
    BOOST_TEST(Provenance{}.empty());
    BOOST_TEST(!(Provenance{"a.csv", ""}.empty()));
    BOOST_TEST(!(Provenance{"", "derived"}.empty()));
    BOOST_TEST(((Provenance{"a.csv", "line 1, column 1"}) == (Provenance{"a.csv", "line 1, column 1"})));
    BOOST_TEST(!((Provenance{"a.csv", "line 1, column 1"}) == (Provenance{"a.csv", "line 1, column 2"})));
    BOOST_TEST(!((Provenance{"a.csv", "x"}) == (Provenance{"b.csv", "x"})));
}

BOOST_AUTO_TEST_CASE(cell_references) {
    struct Case { unsigned row, column; const char* ref; };
    const Case cases[] = {
        {1, 1, "A1"},     {14, 3, "C14"},   {1, 26, "Z1"},     {1, 27, "AA1"},     {1, 52, "AZ1"},
        {1, 53, "BA1"},   {1, 702, "ZZ1"},  {1, 703, "AAA1"},  {1048576, 16384, "XFD1048576"},
        {100, 28, "AB100"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.ref) { BOOST_TEST(cell_reference(c.row, c.column) == c.ref); }
    }
}

BOOST_AUTO_TEST_CASE(cell_reference_columns_are_bijective) {
    std::string previous;
    for (unsigned col = 1; col <= 20000; ++col) {
        const std::string ref = cell_reference(7, col);
        BOOST_TEST_REQUIRE(ref.size() >= 2u);
        BOOST_TEST_REQUIRE(ref.back() == '7');
        const std::string letters = ref.substr(0, ref.size() - 1);
        for (char c : letters) BOOST_TEST_REQUIRE((c >= 'A' && c <= 'Z'));
        BOOST_TEST_REQUIRE(column_number(letters) == col);
        // Same length columns sort alphabetically, longer ones come after.
        if (!previous.empty()) {
            BOOST_TEST_REQUIRE((letters.size() > previous.size() || (letters.size() == previous.size() && letters > previous)));
        }
        previous = letters;
    }
}

BOOST_AUTO_TEST_CASE(csv_locators) {
    BOOST_TEST(csv_locator(12, 5) == "line 12, column 5");
    BOOST_TEST(csv_locator(1, 1) == "line 1, column 1");
    BOOST_TEST(csv_locator(4000000000UL, 300) == "line 4000000000, column 300");
    // A CSV locator displays after the file name with a space.
    BOOST_TEST((Provenance{"r.csv", csv_locator(2, 3)}.display()) == "r.csv line 2, column 3");
    BOOST_TEST((Provenance{"r.xlsx", "Sheet1!" + cell_reference(2, 3)}.display()) == "r.xlsx!Sheet1!C2");
}

BOOST_AUTO_TEST_CASE(file_names_are_held_once) {
    const std::string name = "Returns Q3 2025 (final, signed).xlsx";  // longer than a string holds inline
    const FileName a(name), b(std::string("Returns Q3 2025 (final, signed).xlsx")), other("other.csv");
    BOOST_TEST(a.str() == name);
    BOOST_TEST((a == b));
    BOOST_TEST(&a.str() == &b.str());  // one copy
    BOOST_TEST((a != other));
    BOOST_TEST(FileName().empty());
    BOOST_TEST((FileName("") == FileName()));
    // Names made on other threads are the same names.
    const std::string* elsewhere = nullptr;
    std::thread([&] { elsewhere = &FileName(name).str(); }).join();
    BOOST_TEST(elsewhere == &a.str());
}

BOOST_AUTO_TEST_CASE(cells_and_csv_fields_read_as_their_text_forms) {
    const FileName book("Returns.xlsx"), table("returns.csv");
    const Provenance cell = Provenance::cell(book, "Quarterly monitoring", 14, 3);
    BOOST_TEST(cell.file() == "Returns.xlsx");
    BOOST_TEST(cell.locator() == "Quarterly monitoring!C14");
    BOOST_TEST(cell.display() == "Returns.xlsx!Quarterly monitoring!C14");
    const Provenance field = Provenance::csv_field(table, 12, 5);
    BOOST_TEST(field.locator() == "line 12, column 5");
    BOOST_TEST(field.display() == "returns.csv line 12, column 5");
    BOOST_TEST(Provenance::csv_field(FileName(), 2, 1).display() == "line 2, column 1");
    BOOST_TEST(!Provenance::csv_field(FileName(), 2, 1).empty());
    // However each is held, places that read the same are equal: the store reads them back as text.
    BOOST_TEST((cell == Provenance{"Returns.xlsx", "Quarterly monitoring!C14"}));
    BOOST_TEST((Provenance{"Returns.xlsx", "Quarterly monitoring!C14"} == cell));
    BOOST_TEST((field == Provenance{"returns.csv", "line 12, column 5"}));
    BOOST_TEST(!(field == Provenance{"returns.csv", "line 12, column 6"}));
    BOOST_TEST(!(field == Provenance::csv_field(table, 12, 6)));
    BOOST_TEST(!(field == Provenance::csv_field(FileName("other.csv"), 12, 5)));
    BOOST_TEST(!(cell == Provenance::cell(book, "Quarterly monitoring", 14, 4)));
    BOOST_TEST(!(cell == Provenance::cell(book, "Tender", 14, 3)));
    BOOST_TEST((cell == Provenance::cell(book, FileName("Quarterly monitoring"), 14, 3)));
}

// A text locator is held apart from the place (so that places move as a few words): copies
// must not share it.
BOOST_AUTO_TEST_CASE(copies_hold_their_own_text) {
    Provenance a{"return.xml", "/return/answer[3]"};
    Provenance b = a;
    BOOST_TEST((a == b));
    a = Provenance{"return.xml", "/return/answer[4]"};
    BOOST_TEST(b.locator() == "/return/answer[3]");
    Provenance c;
    c = b;
    b = Provenance{};
    BOOST_TEST(c.display() == "return.xml /return/answer[3]");
    BOOST_TEST(b.empty());
    Provenance moved = std::move(c);
    BOOST_TEST(moved.locator() == "/return/answer[3]");
    c = moved;  // a moved-from place can be assigned again
    BOOST_TEST((c == moved));
    const Provenance& same = c;
    c = same;   // and to itself
    BOOST_TEST(c.locator() == "/return/answer[3]");
}

BOOST_AUTO_TEST_SUITE_END()
