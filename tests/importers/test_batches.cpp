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

// A CSV is streamed as a table unless its text could hold a form's heading; the words count
// however they are cased or spaced, as the heading's labels are matched.
BOOST_AUTO_TEST_CASE(a_form_heading_is_found_however_it_is_written) {
    for (const char* heading : {"Ref,QUESTION,Response,COMMENTS", "ref,question,answer,comment",
                                "Ref,Question text,Response,Evidence / comments"}) {
        const SourceFile form = write_input("form-words.csv", std::string("Return type,,Tender\nTender reference,,T-5\n"
                                                                          "Supplier registration number,,77\n\n") +
                                                                  heading + "\nB1,Equality policy,Yes,attached\n");
        BOOST_TEST_CONTEXT(heading) {
            BOOST_TEST(in_batches(form, 10).result.format == import_file(form, bexley_fields()).format);
            BOOST_TEST(import_file(form, bexley_fields()).format == "csv form");
        }
    }
    // "question" in a table's data without "evidence" or "comment": still a table, streamed.
    const SourceFile table = write_input("question-table.csv", "return.kind,contract.id,supplier.id,supplier.name,return.period\n"
                                                               "quarterly,BX-1,9,Questions Ltd,2026-Q1\n");
    BOOST_TEST(import_file(table, bexley_fields()).format == "csv table");
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
            // A grid keeps no empty field; where() below gives their lines all the same.
            if (cells[c].kind != Cell::Kind::Empty) BOOST_TEST(cells[c].line == grid.rows[row][c].line);
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

// ---- a big table typed on several threads ----

namespace {

// A table of `rows` returns in which every eleventh row holds an unreadable answer, every
// seventeenth a field over two lines, every thirteenth a blank line after it, and rows
// without a return type (identity notes): stretches of records then end at every kind of
// boundary. `bad_row`, when not 0, is a row without its supplier.
std::string big_table(size_t rows, size_t bad_row = 0) {
    std::string csv = "contract.id,supplier.id,return.period,q.staff_training_pct,Colour,supplier.name\r\n";
    for (size_t i = 1; i <= rows; ++i) {
        csv += "BX-" + std::to_string(i) + "," + (i == bad_row ? std::string() : std::to_string(100 + i % 7)) + ",2026-Q" +
               std::to_string(1 + i % 4) + "," + (i % 11 == 0 ? "lots" : std::to_string(i % 100) + "%") + ",red," +
               (i % 17 == 0 ? "\"Acme\r\nLtd " + std::to_string(i) + "\"" : "Acme " + std::to_string(i)) + "\r\n";
        if (i % 13 == 0) csv += ",,,,,\r\n";
    }
    return csv;
}

Collected in_batches(const SourceFile& file, size_t batch_size, unsigned threads, uint64_t stretch_bytes = 1000) {
    ImportLimits limits;
    limits.threads = threads;
    limits.parallel_from_bytes = 1;  // this small file too
    // Small stretches: many guessed boundaries, some inside the fields over two lines.
    limits.parallel_stretch_bytes = stretch_bytes;
    Collected c;
    c.result = import_file_in_batches(file, bexley_fields(), batch_size, [&](ImportBatch& b) {
        c.sizes.push_back(b.returns.size());
        c.batches.push_back(std::move(b));
    }, limits);
    return c;
}

// Everything a batched import gave, batch by batch.
std::string dump_batches(const Collected& c) {
    std::string out = dump(c.result, bexley_fields());
    for (size_t i = 0; i < c.batches.size(); ++i) {
        ImportResult r;
        r.returns = c.batches[i].returns;
        r.notes = c.batches[i].notes;
        out += "---- batch " + std::to_string(i) + "\n" + dump(r, bexley_fields());
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(threads_give_the_returns_notes_and_batches_of_one_thread) {
    const SourceFile file = write_input("big.csv", big_table(3000));
    const Collected one = in_batches(file, 700, 1);
    BOOST_TEST(one.sizes == (std::vector<size_t>{700, 700, 700, 700, 200}));
    size_t notes = 0;
    for (const ImportBatch& b : one.batches) notes += b.notes.size();
    BOOST_TEST(notes > 300u);  // unreadable answers and guessed return types
    for (unsigned threads : {2u, 3u, 4u}) {
        for (uint64_t stretch : {1u, 97u, 1000u, 4096u, 1u << 20}) {
            BOOST_TEST_CONTEXT("threads " << threads << ", stretches of " << stretch << " bytes") {
                const Collected many = in_batches(file, 700, threads, stretch);
                BOOST_TEST(many.sizes == one.sizes);
                BOOST_TEST(dump_batches(many) == dump_batches(one));
            }
        }
    }
    // import_file, one batch, reads the same on threads.
    ImportLimits limits;
    limits.threads = 2;
    limits.parallel_from_bytes = 1;
    BOOST_TEST(dump(import_file(file, bexley_fields(), limits), bexley_fields()) ==
               dump(import_file(file, bexley_fields(), ImportLimits{}), bexley_fields()));
}

// A stretch is guessed to start after a line break; a break inside a quoted field is no
// record's start, and a field can hold many breaks, so several stretches in a row can start
// inside one field, or lie wholly inside it.
BOOST_AUTO_TEST_CASE(threads_read_fields_over_many_lines_and_stretches_the_same) {
    std::string csv = "contract.id,supplier.id,return.period,q.staff_training_pct,supplier.name\n";
    for (size_t i = 1; i <= 400; ++i) {
        std::string name = "Acme " + std::to_string(i);
        if (i % 50 == 7) {
            name = "\"Acme";  // a name over 120 lines, with quotes and commas in it
            for (int k = 0; k < 120; ++k) name += (k % 3 ? "\n" : "\r\n") + std::string("line, \"\"") + std::to_string(k) + "\"\"";
            name += "\"";
        }
        csv += "BX-" + std::to_string(i) + ",9,2026-Q1," + std::to_string(i % 90) + "%," + name + (i % 3 ? "\n" : "\r\n");
    }
    const SourceFile file = write_input("many-lines.csv", csv);
    const Collected one = in_batches(file, 64, 1);
    BOOST_TEST(one.sizes.size() == 7u);
    for (unsigned threads : {2u, 4u}) {
        for (uint64_t stretch : {1u, 50u, 333u, 2048u}) {
            BOOST_TEST_CONTEXT("threads " << threads << ", stretches of " << stretch << " bytes") {
                BOOST_TEST(dump_batches(in_batches(file, 64, threads, stretch)) == dump_batches(one));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(threads_stop_at_the_same_error_after_the_same_batches) {
    // Row 2,345 (on a later stretch than the first) has no supplier.
    const SourceFile file = write_input("big-bad.csv", big_table(3000, 2345));
    for (unsigned threads : {1u, 2u, 4u}) {
        BOOST_TEST_CONTEXT("threads " << threads) {
            ImportLimits limits;
            limits.threads = threads;
            limits.parallel_from_bytes = 1;
            limits.parallel_stretch_bytes = 777;
            size_t handed = 0;
            try {
                import_file_in_batches(file, bexley_fields(), 100, [&](ImportBatch& b) { handed += b.returns.size(); }, limits);
                BOOST_FAIL("expected an ImportError");
            } catch (const ImportError& e) {
                // Line: heading, 2,344 rows, the blank lines after rows 13, 26, ..., and the second
                // lines of the fields over two lines before it.
                const size_t line = 1 + 2344 + 2344 / 13 + 2344 / 17 + 1;
                BOOST_TEST(e.describe() == "big-bad.csv: line " + std::to_string(line) + " has no supplier registration number");
            }
            BOOST_TEST(handed == 2300u);  // the whole batches before row 2,345
        }
    }
    // A quote left open further on is still the error reported.
    const SourceFile open = write_input("big-open.csv", big_table(3000, 2345) + "BX-1,\"9,2026-Q1,1%,red,Acme\r\n");
    ImportLimits limits;
    limits.threads = 3;
    limits.parallel_from_bytes = 1;
    limits.parallel_stretch_bytes = 777;
    try {
        import_file_in_batches(open, bexley_fields(), 100, [](ImportBatch&) {}, limits);
        BOOST_FAIL("expected an ImportError");
    } catch (const ImportError& e) {
        BOOST_TEST(e.what() == std::string("a quoted field starts here but its closing quote is missing"));
    }
}

BOOST_AUTO_TEST_SUITE_END()
