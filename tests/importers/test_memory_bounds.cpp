// Inputs of absurd shapes are read in bounded memory, or refused with the place and the reason:
// each import runs in a forked child whose address space is capped (RLIMIT_AS), so an
// importer that allocates by the shape of a file rather than by what is in it fails here.

#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <malloc.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <new>

#include "importer_fixture.hpp"
#include "importers/csv_reader.hpp"
#include "importers/xlsx_reader.hpp"

using namespace fairgate;
using namespace fairgate::importers;
using fairgate::test::row_xml;
using fairgate::test::sheet_xml;
using fairgate::test::text_cell;
using fairgate::test::WorkbookParts;

namespace {

constexpr size_t kCap = size_t{512} << 20;  // the address space each child may add

// The address space this process has mapped.
size_t mapped_bytes() {
    std::ifstream statm("/proc/self/statm");
    size_t pages = 0;
    statm >> pages;
    return pages * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// What `work` returned (or the ImportError it threw, described), run in a child process that
// may map `cap` bytes of address space beyond what it inherits (the test process's own, which
// grows with the tests run before); "out of memory" when it ran out, "crashed" when it died
// some other way.
std::string bounded(const std::function<std::string()>& work, size_t cap = kCap) {
    fairgate::test::bexley_fields();  // loaded here, not in every child
    malloc_trim(0);  // what earlier tests freed is not left for the child to reuse
    int out[2];
    BOOST_REQUIRE(pipe(out) == 0);
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        close(out[0]);
        const rlim_t total = mapped_bytes() + cap;
        const rlimit limit{total, total};
        setrlimit(RLIMIT_AS, &limit);
        std::string said;
        try {
            said = work();
        } catch (const ImportError& e) {
            said = e.describe();
        } catch (const std::bad_alloc&) {
            said = "out of memory";
        } catch (const std::exception& e) {
            said = std::string("failed: ") + e.what();
        }
        for (size_t done = 0; done < said.size();) {
            const ssize_t n = write(out[1], said.data() + done, said.size() - done);
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        _exit(0);
    }
    close(out[1]);
    std::string said;
    char buffer[4096];
    for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;) said.append(buffer, static_cast<size_t>(n));
    close(out[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "crashed";
    return said;
}

// A file of `head`, then `byte` `count` times, then `tail`, written a megabyte at a time (the
// test process must not hold it: the child inherits what the parent holds).
SourceFile write_repeated(const std::string& name, const std::string& head, char byte, size_t count,
                          const std::string& tail) {
    const auto path = fairgate::test::scratch_dir() / name;
    std::ofstream file(path, std::ios::binary);
    file << head;
    const std::string chunk(size_t{1} << 20, byte);
    for (size_t left = count; left > 0;) {
        const size_t n = std::min(left, chunk.size());
        file.write(chunk.data(), static_cast<std::streamsize>(n));
        left -= n;
    }
    file << tail;
    file.close();
    return SourceFile{name, path.string(), "", head.size() + count + tail.size()};
}

ImportLimits one_thread() {
    ImportLimits limits;
    limits.threads = 1;  // worker threads' stacks and heaps would count against the cap
    return limits;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(memory_bounds)

// Each row one return, with a stray number in the last column (XFD): once 0.9 MB a row, as a
// row's cells were allocated up to its highest column.
BOOST_AUTO_TEST_CASE(a_workbook_of_rows_reaching_column_xfd_is_read_sparsely) {
    const size_t returns = 3000;
    std::vector<std::string> rows = {row_xml(1, {text_cell("A1", "return.kind"), text_cell("B1", "contract.id"),
                                                 text_cell("C1", "supplier.id"), text_cell("D1", "supplier.name"),
                                                 text_cell("E1", "return.period")})};
    for (size_t i = 0; i < returns; ++i) {
        const std::string r = std::to_string(i + 2);
        rows.push_back(row_xml(static_cast<int>(i + 2), {text_cell("A" + r, "Quarterly"), text_cell("B" + r, "BX-" + r),
                                                         text_cell("C" + r, "05512345"), text_cell("D" + r, "Care Ltd"),
                                                         text_cell("E" + r, "2026-Q1"), fairgate::test::number_cell("XFD" + r, "1")}));
    }
    WorkbookParts wb;
    wb.sheets = {{"Returns", sheet_xml(rows)}};
    const std::string bytes = wb.xlsx();
    BOOST_TEST(bytes.size() < 200'000u);
    const SourceFile file = fairgate::test::write_input("xfd.xlsx", bytes);

    BOOST_TEST(bounded([&] {
                   const ImportResult r = import_file(file, fairgate::test::bexley_fields(), one_thread());
                   return r.format + " " + std::to_string(r.returns.size());
               }) == "xlsx table " + std::to_string(returns));
    BOOST_TEST(bounded([&] { return std::to_string(read_cells(file, one_thread()).size()); }) ==
               std::to_string(6 * returns + 5));

    // The far cells are there all the same, and the row is as wide as they make it.
    const std::vector<Grid> grids = read_xlsx("xfd.xlsx", bytes, ImportLimits{});
    BOOST_TEST(grids[0].at(1, 16383).text == "1");
    BOOST_TEST(grids[0].rows[1].size() == 16384u);
    BOOST_TEST((grids[0].at(1, 16382).kind == Cell::Kind::Empty));
}

// Rows scattered down to the last row Excel has: a grid holds only the rows that exist.
BOOST_AUTO_TEST_CASE(rows_far_down_a_sheet_cost_only_themselves) {
    WorkbookParts wb;
    for (int s = 0; s < 40; ++s) {
        wb.sheets.push_back({"S" + std::to_string(s), sheet_xml({row_xml(1048576, {fairgate::test::number_cell("XFD1048576", "7")})})});
    }
    const std::string bytes = wb.xlsx();
    BOOST_TEST(bounded([&] {
                   size_t cells = 0;
                   for (const Grid& g : read_xlsx("deep.xlsx", bytes, ImportLimits{})) {
                       cells += g.at(1048575, 16383).text == "7";
                       if (g.rows.size() != 1048576u) return std::string("wrong height");
                   }
                   return std::to_string(cells);
               }) == "40");
}

// A heading row of millions of empty columns (12 MB of commas) once took 2.3 GB.
BOOST_AUTO_TEST_CASE(a_heading_row_of_millions_of_columns_is_refused) {
    const SourceFile file = write_repeated("wide.csv", "contract.id,", ',', 12'000'000, "supplier.id\nBX-1,9\n");
    BOOST_TEST(bounded([&] {
                   import_file(file, fairgate::test::bexley_fields(), one_thread());
                   return std::string("imported");
               }) == "wide.csv line 1, column 16385: the line has more than 16384 fields (columns), the most fairgate reads "
                     "(Excel's own limit); no return has that many");
    // inspect --cells reads the grid whole: the same refusal.
    BOOST_TEST(bounded([&] { return std::to_string(read_cells(file, one_thread()).size()); }).find("column 16385") !=
               std::string::npos);
}

// One line of 256 MB: once copied about five times over (1.5 GB).
BOOST_AUTO_TEST_CASE(one_huge_line_is_refused_without_copying_it) {
    const size_t length = size_t{256} << 20;
    const SourceFile file = write_repeated("oneline.csv", "contract.id,", 'a', length, "");
    BOOST_TEST(bounded([&] {
                   import_file(file, fairgate::test::bexley_fields(), one_thread());
                   return std::string("imported");
               }) == "oneline.csv line 1, column 2: a field of " + std::to_string(length) +
                         " bytes exceeds the limit of 262144 bytes; no answer in a return is that long");
    std::filesystem::remove(file.path);
}

// Windows-1252 text is converted whole, and grows up to threefold (the euro sign, 0x80, is three
// bytes of UTF-8): the conversion is held to the file limit too.
BOOST_AUTO_TEST_CASE(windows_1252_text_that_would_grow_past_the_file_limit_is_refused) {
    ImportLimits limits;
    limits.max_file_bytes = 100;
    const std::string euros = "contract.id,supplier.id\nBX-1," + std::string(40, '\x80') + "\n";  // 70 bytes, 150 as UTF-8
    BOOST_TEST(fairgate::test::import_error("euros.csv", euros, limits) ==
               "euros.csv: is 70 bytes of Windows-1252 text, which as UTF-8 would be 150 bytes, more than the limit of 100 "
               "bytes; it was not read (save it as CSV UTF-8 and send it again)");
    // Within the limit as UTF-8, it is read.
    limits.max_file_bytes = 150;
    BOOST_TEST(fairgate::test::import_error("euros.csv", euros, limits).find("Windows-1252") == std::string::npos);
    std::string utf8;
    for (int i = 0; i < 40; ++i) utf8 += "\xE2\x82\xAC";
    BOOST_TEST(read_cells(fairgate::test::write_input("euros.csv", euros), limits).at(3).value == utf8);
}

BOOST_AUTO_TEST_CASE(csv_limits_name_the_line_and_column) {
    ImportLimits limits;
    limits.max_field_bytes = 12;
    limits.max_record_bytes = 30;
    limits.max_columns = 4;
    using fairgate::test::import_error;
    BOOST_TEST(import_error("f.csv", "contract.id,supplier.id\nBX-1,1234567890123\n", limits) ==
               "f.csv line 2, column 2: a field of 13 bytes exceeds the limit of 12 bytes; no answer in a return is that long");
    // Quoted, with a line break inside: the field's own line, and its bytes quotes included.
    BOOST_TEST(import_error("q.csv", "contract.id,supplier.id\nBX-1,\"1234567\n890123\"\"x\"\n", limits) ==
               "q.csv line 2, column 2: a field of 19 bytes exceeds the limit of 12 bytes; no answer in a return is that long");
    BOOST_TEST(import_error("r.csv", "contract.id,supplier.id\nBX-1,123456789,123456789,123456789\n", limits) ==
               "r.csv line 2, column 4: the line is 34 bytes long, more than the limit of 30 bytes; no return's line is that long");
    BOOST_TEST(import_error("c.csv", "contract.id,supplier.id\n1,2,3,4,,,\n", limits) ==
               "c.csv line 2, column 5: the line has more than 4 fields (columns), the most fairgate reads (Excel's own limit); "
               "no return has that many");
    // Within the limits, the same file reads.
    BOOST_TEST(read_csv("ok.csv", "a,b,c,d\n1234567890,x\n", limits).at(1, 0).text == "1234567890");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(memory_bounds_xlsx_text)

// One long shared string, pointed at by many cells: each cell once took a copy of it.
BOOST_AUTO_TEST_CASE(a_cell_text_beyond_the_field_limit_is_refused_before_it_is_copied) {
    ImportLimits limits;
    limits.max_compression_ratio = 1'000'000;  // this text is all one letter: it compresses far
    WorkbookParts wb;
    wb.shared_strings = R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>)" +
                        std::string(size_t{20} << 20, 'a') + "</t></si><si><t>contract.id</t></si></sst>";
    std::vector<std::string> rows = {row_xml(1, {R"(<c r="A1" t="s"><v>1</v></c>)"})};
    for (int r = 2; r < 102; ++r) rows.push_back(row_xml(r, {"<c r=\"B" + std::to_string(r) + "\" t=\"s\"><v>0</v></c>"}));
    wb.sheets = {{"Data", sheet_xml(rows)}};
    const std::string bytes = wb.xlsx();
    std::string().swap(wb.shared_strings);  // not inherited by the child
    BOOST_TEST(bounded([&] {
                   read_xlsx("long.xlsx", bytes, limits);
                   return std::string("read");
               }) == "long.xlsx!Data!B2: the cell holds text of 20971520 bytes, more than the limit of 262144 bytes; "
                     "no answer in a return is that long");
    // An inline string too.
    WorkbookParts inline_text;
    inline_text.sheets = {{"S", sheet_xml({row_xml(3, {text_cell("C3", std::string(300'000, 'b'))})})}};
    BOOST_TEST(fairgate::test::import_error("inline.xlsx", inline_text.xlsx(), limits) ==
               "inline.xlsx!S!C3: the cell holds text of 300000 bytes, more than the limit of 262144 bytes; no answer in a "
               "return is that long");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(memory_bounds_held_cells)

// Twenty million empty shared strings (100 MB of <si/>, within the held limit): once 32 bytes
// each as strings of their own, 640 MB.
BOOST_AUTO_TEST_CASE(many_shared_strings_cost_little_beside_their_text) {
    ImportLimits limits;
    limits.max_compression_ratio = 1'000'000;  // all alike: it compresses far
    const size_t strings = 20'000'000;
    WorkbookParts wb;
    wb.shared_strings = R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
    wb.shared_strings.reserve(strings * 5 + 200);
    for (size_t i = 0; i < strings; ++i) wb.shared_strings += "<si/>";
    wb.shared_strings += "<si><t>last</t></si></sst>";
    wb.sheets = {{"S", sheet_xml({row_xml(1, {"<c r=\"A1\" t=\"s\"><v>" + std::to_string(strings) + "</v></c>"})})}};
    const std::string bytes = wb.xlsx();
    std::string().swap(wb.shared_strings);
    BOOST_TEST(bounded([&] { return read_xlsx("strings.xlsx", bytes, limits).at(0).at(0, 0).text; }) == "last");
}

// A styles part of tiny elements: once parsed whole, about ten times its XML as a tree.
BOOST_AUTO_TEST_CASE(a_styles_part_bigger_than_any_workbooks_is_refused) {
    ImportLimits limits;
    limits.max_compression_ratio = 1'000'000;  // all alike: it compresses far
    WorkbookParts wb;
    wb.sheets = {{"S", sheet_xml({row_xml(1, {text_cell("A1", "x")})})}};
    std::string xfs;
    for (size_t i = 0; i < (size_t{40} << 20) / 6; ++i) xfs += "<xf/> ";
    wb.styles = R"(<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>)" +
                xfs + "</cellXfs></styleSheet>";
    std::string().swap(xfs);
    const std::string bytes = wb.xlsx();
    std::string().swap(wb.styles);
    const std::string said = bounded([&] {
        read_xlsx("styles.xlsx", bytes, limits);
        return std::string("read");
    });
    BOOST_TEST(said.find("styles.xlsx: is refused as unsafe to open: the part xl/styles.xml is ") == 0u, said);
    BOOST_TEST(said.find("more than the limit of 33554432 bytes for it; no workbook's is that big") != std::string::npos, said);
}

// What is read whole (a register, a form, a workbook's sheets) is held to max_held_cells.
BOOST_AUTO_TEST_CASE(files_read_whole_are_held_to_a_number_of_cells) {
    ImportLimits limits;
    limits.max_held_cells = 15;
    using fairgate::test::import_error;
    const std::string reg = "Reference Number,Title of Agreement,Supplier Name\nBX-1,Parks,Green Ltd\nBX-2,Roads,Grey Ltd\n"
                            "BX-3,Libraries,Blue Ltd\nBX-4,Schools,Red Ltd\nBX-5,Care,Pink Ltd\n";
    BOOST_TEST(import_error("register.csv", reg, limits) ==
               "register.csv line 6: the file holds more than 15 cells to read at once (a form, a contract register or a "
               "workbook's sheets), the most fairgate holds");
    limits.max_held_cells = 18;
    BOOST_TEST(fairgate::test::import_bytes("register.csv", reg, limits).contracts.size() == 5u);

    limits.max_held_cells = 15;
    WorkbookParts wb;
    const auto sheet = [](const std::string& a) {
        std::vector<std::string> rows;
        for (int r = 1; r <= 5; ++r) rows.push_back(row_xml(r, {text_cell("A" + std::to_string(r), a), text_cell("B" + std::to_string(r), "b")}));
        return sheet_xml(rows);
    };
    wb.sheets = {{"One", sheet("x")}, {"Two", sheet("y")}};
    BOOST_TEST(import_error("book.xlsx", wb.xlsx(), limits) ==
               "book.xlsx!Two row 3: the file holds more than 15 cells to read at once (a form, a contract register or a "
               "workbook's sheets), the most fairgate holds");
}

// One shared string of 200 KB (within the field limit) pointed at by thousands of cells: each
// cell copies it, so a file of a few kilobytes once took gigabytes. A row's text is held to a
// line's limit, and the text of what is read whole to max_held_text_bytes.
BOOST_AUTO_TEST_CASE(a_long_shared_string_in_many_cells_is_refused_in_bounded_memory) {
    ImportLimits limits;
    limits.max_compression_ratio = 1'000'000;  // the text is all one letter
    limits.threads = 1;
    const std::string sst = R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>)" +
                            std::string(200'000, 'a') + "</t></si></sst>";
    auto ref = [](const std::string& at) { return "<c r=\"" + at + "\" t=\"s\"><v>0</v></c>"; };
    // Across a row: the row's text passes 1 MB at its sixth cell.
    WorkbookParts wide;
    wide.shared_strings = sst;
    std::vector<std::string> cells;
    for (int c = 0; c < 5000; ++c) cells.push_back(ref(cell_reference(1, static_cast<unsigned>(c + 1))));
    wide.sheets = {{"Wide", sheet_xml({row_xml(1, cells)})}};
    const std::string wide_bytes = wide.xlsx();
    BOOST_TEST(bounded([&] {
                   read_xlsx("wide.xlsx", wide_bytes, limits);
                   return std::string("read");
               }) == "wide.xlsx!Wide!F1: the row holds more than 1048576 bytes of text by this cell, the limit; no return's row is that long");
    // Down a column: 5,000 rows of 200 KB (1 GB in all) pass 64 MB of text held at row 336.
    limits.max_held_text_bytes = 64 << 20;
    WorkbookParts tall;
    tall.shared_strings = sst;
    std::vector<std::string> rows;
    for (int r = 1; r <= 5000; ++r) rows.push_back(row_xml(r, {ref("A" + std::to_string(r))}));
    tall.sheets = {{"Tall", sheet_xml(rows)}};
    const std::string tall_bytes = tall.xlsx();
    BOOST_TEST(bounded([&] {
                   read_xlsx("tall.xlsx", tall_bytes, limits);
                   return std::string("read");
               }) == "tall.xlsx!Tall row 336: the file holds more than 67108864 bytes of text to read at once (a form, a "
                     "contract register or a workbook's sheets), the most fairgate holds");
}

// A big table of returns whose text holds a form heading's words ("Question", "comments") is
// still read record by record: a form is looked for in its first thousand records only.
BOOST_AUTO_TEST_CASE(a_table_with_a_form_headings_words_is_not_held_whole) {
    std::string csv = "return.kind,tender.id,supplier.id,supplier.name,B2a\n";
    const size_t returns = 1100;
    for (size_t i = 0; i < returns; ++i) {
        csv += "tender,T-" + std::to_string(i) + ",9,Acme,Question answered; comments in the evidence\n";
    }
    ImportLimits limits;
    limits.max_held_cells = 5 * 1000 + 100;  // room for the first thousand records, not for all
    const ImportResult r = fairgate::test::import_bytes("portal.csv", csv, limits);
    BOOST_TEST(r.format == "csv table");
    BOOST_TEST(r.returns.size() == returns);
}

BOOST_AUTO_TEST_SUITE_END()
