// fairgate's own formatting of libxlsxwriter's plain printf formats: the C library's bytes,
// and the C library's formatting for everything else.
#include <boost/test/unit_test.hpp>

#include <xlsxwriter.h>

#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "reports/part_formatting.hpp"
#include "reports/xlsx_packaging.hpp"

using fairgate::reports::detail::format_plain;
using fairgate::reports::detail::PackagingScope;
using fairgate::reports::detail::XlsxPackaging;

namespace {

struct Formatted {
    bool plain = false;
    std::string ours;    ///< format_plain's output (empty when not plain)
    std::string libc;    ///< vsnprintf's
};

Formatted both(const char* format, ...) {
    Formatted f;
    va_list args;
    va_start(args, format);
    f.plain = format_plain(f.ours, format, args);
    // format_plain reads a copy: `args` is still at the first argument.
    char buffer[512];
    const int n = std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    f.libc.assign(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
    return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(part_formatting)

BOOST_AUTO_TEST_CASE(plain_formats_give_the_c_librarys_bytes) {
    const Formatted cases[] = {
        both("<c r=\"%s\" s=\"%d\" t=\"s\"><v>%d</v></c>", "B12", 7, 123456),
        both("<c r=\"%s\"><v>%.16G</v></c>", "A1", 0.1),
        both("%.16G", 1.0 / 3),
        both("%.16G", 1e22),
        both("%.16G", -0.0),
        both("%.16G", 45992.5),
        both("%.16g", 2.5e-310),
        both("%.16G", HUGE_VAL),
        both("%d %d %d %i", INT_MIN, INT_MAX, 0, -42),
        both("%u %u", 0u, UINT_MAX),
        both("100%% of %s", "returns"),
        both("%s|%s", "", static_cast<const char*>(nullptr)),
        both("no conversion at all"),
        both(""),
        both(" %s=\"%s\"", "ref", "A1:F200"),
    };
    for (const Formatted& f : cases) {
        BOOST_TEST(f.plain);
        BOOST_TEST(f.ours == f.libc);
    }
}

BOOST_AUTO_TEST_CASE(any_other_format_is_left_to_the_c_library) {
    for (const Formatted& f : {both("%05d", 42), both("%x", 255u), both("%.3f", 1.5), both("%-4s|", "a"),
                               both("%ld", 5L), both("%c", 'x'), both("%.15G", 0.1), both("ok %s then %02d", "a", 3),
                               both("trailing %", 1)}) {
        BOOST_TEST(!f.plain);
        BOOST_TEST(f.ours.empty());  // nothing appended, not even the plain part before
    }
}

BOOST_AUTO_TEST_CASE(format_plain_appends_to_what_is_there) {
    std::string out = "kept:";
    auto append = [&](const char* format, ...) {
        va_list args;
        va_start(args, format);
        const bool plain = format_plain(out, format, args);
        va_end(args);
        return plain;
    };
    BOOST_TEST(append("%d|", 5));
    BOOST_TEST(!append("%d then %x", 6, 7u));
    BOOST_TEST(out == "kept:5|");
}

// Through the overrides: snprintf inside a scope asking for plain formatting, with the
// C library's truncation and return value; outside it, and for other formats, the C library.
BOOST_AUTO_TEST_CASE(snprintf_in_a_scope_truncates_and_counts_as_the_c_library_does) {
    for (bool plain : {true, false}) {
        XlsxPackaging packing;
        packing.plain_formatting = plain;
        const PackagingScope scope(packing);
        // Through volatiles, so that the compiler cannot work the calls out itself.
        volatile int number = 123456, seven = 7;
        const char* volatile four = "four";
        char small[6];
        BOOST_TEST(std::snprintf(small, sizeof small, "%s%d", "AB", number) == 8);
        BOOST_TEST(std::string(small) == "AB123");
        BOOST_TEST(std::snprintf(nullptr, 0, "%s", four) == 4);
        char wide[32];
        BOOST_TEST(std::snprintf(wide, sizeof wide, "%03d|%.16G", seven, 0.25) == 8);
        BOOST_TEST(std::string(wide) == "007|0.25");
    }
}

// A whole workbook written with and without plain formatting: the same bytes.
BOOST_AUTO_TEST_CASE(a_workbook_is_the_same_bytes_either_way) {
    auto write = [](bool plain, const std::string& path) {
        XlsxPackaging packing;
        packing.plain_formatting = plain;
        const PackagingScope scope(packing);
        lxw_workbook_options options{};
        lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
        lxw_worksheet* ws = workbook_add_worksheet(wb, "Findings & notes");
        lxw_format* bold = workbook_add_format(wb);
        format_set_bold(bold);
        for (lxw_row_t r = 0; r < 300; ++r) {
            worksheet_write_string(ws, r, 0, ("row <" + std::to_string(r) + "> & \"q\"").c_str(), bold);
            worksheet_write_number(ws, r, 1, r * 0.1 - 7, nullptr);
            worksheet_write_number(ws, r, 2, static_cast<double>(r) * 1e15, nullptr);
        }
        worksheet_set_column(ws, 0, 0, 31.5, nullptr);
        lxw_doc_properties props{};
        char title[] = "Same bytes";
        props.title = title;
        props.created = 1700000000;
        workbook_set_properties(wb, &props);
        BOOST_REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
        std::FILE* f = std::fopen(path.c_str(), "rb");
        std::string bytes;
        char buffer[4096];
        for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) bytes.append(buffer, n);
        std::fclose(f);
        return bytes;
    };
    const std::string dir = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
    const std::string ours = write(true, dir + "/fairgate-part-formatting-plain.xlsx");
    const std::string libc = write(false, dir + "/fairgate-part-formatting-libc.xlsx");
    std::remove((dir + "/fairgate-part-formatting-plain.xlsx").c_str());
    std::remove((dir + "/fairgate-part-formatting-libc.xlsx").c_str());
    BOOST_TEST(ours.size() > 1000u);
    BOOST_TEST((ours == libc));
}

BOOST_AUTO_TEST_SUITE_END()
