// import_file_in_batches: a big table's returns handed over a batch at a time, and the
// record-by-record CSV reader under it.

#include <boost/test/unit_test.hpp>

#include "importer_fixture.hpp"
#include "importers/csv_reader.hpp"

using namespace fairgate;
using namespace fairgate::importers;
using fairgate::test::bexley_fields;
using fairgate::test::dump;
using fairgate::test::write_input;

namespace {

// A quarterly table with a heading note (an unknown column), an unreadable answer on line 4,
// a blank line, a quoted field over two lines, and rows without a return type (identity notes).
std::string table_csv() {
    return "contract.id,supplier.id,return.period,q.staff_training_pct,Colour,supplier.name\r\n"
           "BX-1,9,2025-Q3,85%,red,Acme\r\n"
           "BX-1,9,2025-Q4,0.8,blue,\"Acme\r\nLtd\"\r\n"
           "BX-1,9,2026-Q1,lots,green,Acme\r\n"
           ",,,,,\r\n"
           "BX-2,7,2026-Q1,12,red,Beta\r\n"
           "BX-3,5,2026-Q2,,red,Gamma\r\n";
}

struct Collected {
    ImportResult result;
    std::vector<size_t> sizes;
    std::vector<ImportBatch> batches;
};

Collected in_batches(const SourceFile& file, size_t batch_size) {
    Collected c;
    c.result = import_file_in_batches(file, bexley_fields(), batch_size, [&](ImportBatch& b) {
        c.sizes.push_back(b.returns.size());
        c.batches.push_back(std::move(b));
    });
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(import_batches)

BOOST_AUTO_TEST_CASE(one_batch_is_import_file) {
    const SourceFile file = write_input("batches.csv", table_csv());
    const ImportResult whole = import_file(file, bexley_fields());
    BOOST_TEST(whole.returns.size() == 5u);
    Collected c = in_batches(file, 1000);
    BOOST_TEST(c.sizes == std::vector<size_t>{5});
    BOOST_TEST(c.result.returns.empty());
    ImportResult joined = c.result;
    joined.returns = std::move(c.batches[0].returns);
    joined.notes.insert(joined.notes.end(), c.batches[0].notes.begin(), c.batches[0].notes.end());
    BOOST_TEST(dump(joined, bexley_fields()) == dump(whole, bexley_fields()));
}

BOOST_AUTO_TEST_CASE(small_batches_hold_the_same_returns_and_their_own_notes) {
    const SourceFile file = write_input("batches.csv", table_csv());
    const ImportResult whole = import_file(file, bexley_fields());
    Collected c = in_batches(file, 2);
    BOOST_TEST(c.result.format == "csv table");
    BOOST_TEST(c.sizes == (std::vector<size_t>{2, 2, 1}));
    // The file's own note (the unknown heading) stays in the result.
    BOOST_TEST(c.result.notes.size() == 1u);
    BOOST_TEST(c.result.notes[0].where == "batches.csv line 1, column 5");
    ImportResult joined = c.result;
    size_t notes = c.result.notes.size();
    for (ImportBatch& b : c.batches) {
        for (SupplierReturn& r : b.returns) joined.returns.push_back(std::move(r));
        notes += b.notes.size();
    }
    BOOST_TEST(notes == whole.notes.size());
    joined.notes = whole.notes;
    BOOST_TEST(dump(joined, bexley_fields()) == dump(whole, bexley_fields()));
    // The second batch (lines 4 and 6) has the unreadable answer, then its rows' identity notes.
    BOOST_TEST(c.batches[1].notes.size() == 3u);
    BOOST_TEST(c.batches[1].notes[0].where == "batches.csv line 5, column 4");
    BOOST_TEST(c.batches[1].notes[1].message.find("line 5 has no return type") != std::string::npos);
    BOOST_TEST(c.batches[1].notes[2].message.find("line 7 has no return type") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(other_inputs_are_read_whole_then_batched) {
    const SourceFile form = write_input("form.csv",
                                        "Return type,,Tender\nTender reference,,T-5\nSupplier registration number,,77\n\n"
                                        "Ref,Question,Response,Evidence / comments\nB1,Equality policy,Yes,attached\n");
    const ImportResult whole = import_file(form, bexley_fields());
    Collected c = in_batches(form, 10);
    BOOST_TEST(c.result.format == "csv form");
    BOOST_TEST(c.result.format == whole.format);
    BOOST_TEST(c.sizes == std::vector<size_t>{1});
    BOOST_TEST(c.batches[0].returns[0].tender_id == "T-5");
    BOOST_TEST(c.result.notes.size() == whole.notes.size());
    const SourceFile reg = write_input("register.csv", "Reference Number,Title\nBX-1,A\nBX-2,B\n");
    Collected r = in_batches(reg, 10);
    BOOST_TEST(r.result.format == "contract register csv");
    BOOST_TEST(r.result.contracts.size() == 2u);
    BOOST_TEST(r.sizes.empty());
}

BOOST_AUTO_TEST_CASE(errors_are_import_files_even_after_batches) {
    // Line 4 has no supplier: two returns were handed over before the error.
    const SourceFile file = write_input("bad.csv", "return.kind,contract.id,supplier.id,return.period\n"
                                                   "quarterly,BX-1,9,2026-Q1\nquarterly,BX-1,9,2026-Q2\nquarterly,BX-1,,2026-Q3\n");
    size_t handed = 0;
    try {
        import_file_in_batches(file, bexley_fields(), 1, [&](ImportBatch& b) { handed += b.returns.size(); });
        BOOST_FAIL("expected an ImportError");
    } catch (const ImportError& e) {
        BOOST_TEST(e.describe() == "bad.csv: line 4 has no supplier registration number");
    }
    BOOST_TEST(handed == 2u);
    // A quote left open further on is the error, as when the whole file was parsed first.
    const SourceFile open = write_input("open.csv", "return.kind,contract.id,supplier.id,return.period\n"
                                                    "quarterly,BX-1,,2026-Q1\nquarterly,\"BX-2,9,2026-Q2\n");
    BOOST_TEST(fairgate::test::import_error("open.csv", "return.kind,contract.id,supplier.id,return.period\n"
                                                        "quarterly,BX-1,,2026-Q1\nquarterly,\"BX-2,9,2026-Q2\n") ==
               "open.csv line 3, column 11: a quoted field starts here but its closing quote is missing");
    try {
        import_file_in_batches(open, bexley_fields(), 1, [](ImportBatch&) {});
        BOOST_FAIL("expected an ImportError");
    } catch (const ImportError& e) {
        BOOST_TEST(e.describe() == "open.csv line 3, column 11: a quoted field starts here but its closing quote is missing");
    }
}

BOOST_AUTO_TEST_CASE(csv_reader_reads_record_by_record_like_read_csv) {
    const std::string text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\"x,\"two\r\nlines\"\r\n\r\nlast,,\rq\"uote\",\"\"";
    const Grid grid = read_csv("r.csv", text);
    CsvReader reader("r.csv", text);
    std::vector<Cell> cells;
    size_t row = 0;
    while (reader.next(cells)) {
        BOOST_REQUIRE(row < grid.rows.size());
        BOOST_TEST(cells.size() == grid.rows[row].size());
        for (size_t c = 0; c < cells.size(); ++c) {
            BOOST_TEST(cells[c].text == grid.rows[row][c].text);
            BOOST_TEST(cells[c].line == grid.rows[row][c].line);
            BOOST_TEST((cells[c].kind == grid.rows[row][c].kind));
            BOOST_TEST(csv_where(FileName("r.csv"), cells, row, c).display() == grid.where(row, c).display());
        }
        ++row;
    }
    BOOST_TEST(row == grid.rows.size());
    BOOST_TEST(grid.rows.size() == 5u);
    BOOST_TEST(grid.at(1, 1).text == "say \"hi\"x");
    BOOST_TEST(grid.at(1, 2).text == "two\nlines");
    BOOST_TEST(grid.at(4, 0).text == "q\"uote\"");
    BOOST_TEST((grid.at(4, 1).kind == Cell::Kind::Empty));
    BOOST_TEST(grid.at(3, 0).line == 5u);
    BOOST_TEST(cells.empty());
}

BOOST_AUTO_TEST_SUITE_END()
