// How workbooks are packed: parts assembled in memory (spilling to a temporary file when
// big), deflated at the level asked for (whole, by libdeflate, where built in), and only
// inside a PackagingScope.
#include <boost/test/unit_test.hpp>

#include <xlsxwriter.h>
#include <zlib.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

#include "report_fixture.hpp"
#include "reports/scratch_file.hpp"
#include "reports/workbook_file.hpp"
#include "reports/xlsx_packaging.hpp"
#include "support/xlsx_reader.hpp"

using namespace fairgate::reports::detail;
using fairgate::test::read_bytes;
using fairgate::test::scratch;
namespace fs = std::filesystem;

// libxlsxwriter's own, overridden by reports/xlsx_packaging.cpp.
extern "C" FILE* lxw_tmpfile(char* tmpdir);

namespace {

/// `n` bytes that differ from position to position, so that a misplaced block shows.
std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    return s;
}

std::string read_all(FILE* f) {
    std::string out;
    char buf[5000];
    std::size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, got);
    return out;
}

/// Open descriptors of this process whose file lies in `dir` (a deleted file still shows).
int descriptors_into(const fs::path& dir) {
    int n = 0;
    for (const auto& e : fs::directory_iterator("/proc/self/fd")) {
        std::error_code ec;
        const fs::path target = fs::read_symlink(e.path(), ec);
        if (!ec && target.string().rfind(dir.string() + "/", 0) == 0) ++n;
    }
    return n;
}

std::uint16_t u16(const std::string& s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8);
}
std::uint32_t u32(const std::string& s, std::size_t at) { return u16(s, at) | static_cast<std::uint32_t>(u16(s, at + 2)) << 16; }

/// Each member's general-purpose flags, from the zip's central directory. minizip records
/// the deflate level there: bits 1-2 are 6 for level 1, 0 for the default level.
std::vector<std::uint16_t> member_flags(const std::string& zip) {
    const std::size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
    BOOST_REQUIRE(eocd != std::string::npos);
    const std::uint16_t count = u16(zip, eocd + 10);
    std::size_t at = u32(zip, eocd + 16);
    std::vector<std::uint16_t> flags;
    for (unsigned i = 0; i < count; ++i) {
        BOOST_REQUIRE(u32(zip, at) == 0x02014b50u);
        flags.push_back(u16(zip, at + 8));
        at += 46 + u16(zip, at + 28) + u16(zip, at + 30) + u16(zip, at + 32);
    }
    return flags;
}

/// Inflates every member as a zip reader would, checking its size and CRC-32 against the
/// central directory and its local header (where minizip writes them back after the data);
/// returns how many members it checked.
unsigned check_members(const std::string& zip) {
    const std::size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
    BOOST_REQUIRE(eocd != std::string::npos);
    const std::uint16_t count = u16(zip, eocd + 10);
    std::size_t at = u32(zip, eocd + 16);
    for (unsigned i = 0; i < count; ++i) {
        BOOST_REQUIRE(u32(zip, at) == 0x02014b50u);
        const std::uint16_t method = u16(zip, at + 10);
        const std::uint32_t crc = u32(zip, at + 16), packed = u32(zip, at + 20), size = u32(zip, at + 24);
        const std::string name = zip.substr(at + 46, u16(zip, at + 28));
        const std::size_t local = u32(zip, at + 42);
        BOOST_REQUIRE(u32(zip, local) == 0x04034b50u);
        BOOST_TEST(u32(zip, local + 14) == crc, name);
        BOOST_TEST(u32(zip, local + 18) == packed, name);
        BOOST_TEST(u32(zip, local + 22) == size, name);
        BOOST_TEST(method == 8, name);
        const std::size_t data = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
        std::string out(size, '\0');
        z_stream z{};
        BOOST_REQUIRE(inflateInit2(&z, -MAX_WBITS) == Z_OK);
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
        z.avail_in = packed;
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = size;
        BOOST_TEST(inflate(&z, Z_FINISH) == Z_STREAM_END, name);
        BOOST_TEST(z.total_out == size, name);
        BOOST_TEST(z.total_in == packed, name);
        inflateEnd(&z);
        BOOST_TEST(crc32(0, reinterpret_cast<const Bytef*>(out.data()), size) == crc, name);
        at += 46 + u16(zip, at + 28) + u16(zip, at + 30) + u16(zip, at + 32);
    }
    return count;
}

/// A small workbook through write_workbook_file: two sheets, a table, repeated text.
void write_sample(const fs::path& path) {
    write_workbook_file(path.string(), [](lxw_workbook* wb, WorkbookErrors& errors) {
        // A fixed creation time, as every fairgate workbook has (its data date): libxlsxwriter
        // stamps the zip members with it, and the clock would differ between two writes.
        lxw_doc_properties props{};
        props.created = 1767225600;  // 2026-01-01
        workbook_set_properties(wb, &props);
        for (const char* name : {"First", "Second"}) {
            SheetWriter s = add_sheet(wb, errors, name);
            for (lxw_row_t r = 0; r < 300; ++r) {
                s.text(r, 0, "Row " + std::to_string(r) + " of the " + name + " sheet");
                s.number(r, 1, r * 1.5);
            }
        }
    });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scratch_file)

BOOST_AUTO_TEST_CASE(reads_back_what_was_written_in_memory) {
    FILE* f = open_scratch_file(nullptr, std::size_t{1} << 20);
    BOOST_REQUIRE(f);
    BOOST_TEST(fileno(f) == -1);  // no descriptor: nothing on disk
    const std::string text = pattern(100000);
    for (std::size_t at = 0; at < text.size(); at += 777) {
        BOOST_REQUIRE(std::fwrite(text.data() + at, 1, std::min<std::size_t>(777, text.size() - at), f) > 0);
    }
    std::fprintf(f, "<row r=\"%d\"/>", 42);
    BOOST_TEST(std::fflush(f) == 0);
    std::rewind(f);
    BOOST_TEST(read_all(f) == text + "<row r=\"42\"/>");
    BOOST_TEST(std::feof(f) != 0);
    BOOST_TEST(std::fclose(f) == 0);
}

BOOST_AUTO_TEST_CASE(seeks_and_overwrites_as_a_file_does) {
    FILE* f = open_scratch_file(nullptr, std::size_t{1} << 20);
    BOOST_REQUIRE(f);
    std::fputs("0123456789", f);
    BOOST_TEST(std::fseek(f, 3, SEEK_SET) == 0);
    std::fputs("abc", f);
    BOOST_TEST(std::fseek(f, -2, SEEK_END) == 0);
    std::fputs("XYZ", f);  // past the old end
    BOOST_TEST(std::ftell(f) == 11);
    BOOST_TEST(std::fseek(f, -20, SEEK_SET) != 0);  // before the start: refused
    std::rewind(f);
    BOOST_TEST(read_all(f) == "012abc67XYZ");
    std::fclose(f);
}

BOOST_AUTO_TEST_CASE(a_big_part_spills_to_a_temporary_file_and_reads_back_the_same) {
    const fs::path dir = scratch("packaging-spill");
    const int before = descriptors_into(dir);
    FILE* f = open_scratch_file(dir.c_str(), 4096);
    BOOST_REQUIRE(f);
    std::fputs("head ", f);
    std::fflush(f);
    BOOST_TEST(descriptors_into(dir) == before);  // small: still in memory
    const std::string text = pattern(50000);
    std::fwrite(text.data(), 1, text.size(), f);
    BOOST_TEST(std::fflush(f) == 0);
    BOOST_TEST(descriptors_into(dir) == before + 1);  // moved to a (deleted) file in dir
    BOOST_TEST(fs::is_empty(dir));                    // nothing left behind by name
    std::rewind(f);
    BOOST_TEST(read_all(f) == "head " + text);
    BOOST_TEST(std::fseek(f, 2, SEEK_SET) == 0);
    std::fputs("AD", f);
    std::rewind(f);
    BOOST_TEST(read_all(f).substr(0, 6) == "heAD " + text.substr(0, 1));
    BOOST_TEST(std::fclose(f) == 0);
    BOOST_TEST(descriptors_into(dir) == before);
}

BOOST_AUTO_TEST_CASE(a_spill_to_a_missing_folder_goes_to_the_system_temporary_folder) {
    FILE* f = open_scratch_file("/nonexistent/fairgate-spill", 1000);
    BOOST_REQUIRE(f);
    const std::string text = pattern(20000);
    std::fwrite(text.data(), 1, text.size(), f);
    BOOST_TEST(std::fflush(f) == 0);
    std::rewind(f);
    BOOST_TEST(read_all(f) == text);
    std::fclose(f);
}

BOOST_AUTO_TEST_CASE(a_spill_that_cannot_be_made_is_a_write_error) {
    FILE* f = open_scratch_file(nullptr, 1000);
    BOOST_REQUIRE(f);
    // No descriptor left to open: the lowest free one becomes the limit.
    const int lowest_free = ::dup(0);
    BOOST_REQUIRE(lowest_free >= 0);
    ::close(lowest_free);
    rlimit saved{};
    BOOST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    rlimit tight = saved;
    tight.rlim_cur = static_cast<rlim_t>(lowest_free);
    BOOST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &tight) == 0);
    const std::string text = pattern(20000);
    std::fwrite(text.data(), 1, text.size(), f);
    const bool failed = std::fflush(f) != 0 || std::ferror(f);
    ::setrlimit(RLIMIT_NOFILE, &saved);
    BOOST_TEST(failed);
    std::fclose(f);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(packaging)

BOOST_AUTO_TEST_CASE(libxlsxwriter_scratch_is_in_memory_only_inside_a_scope) {
    FILE* outside = lxw_tmpfile(nullptr);
    BOOST_REQUIRE(outside);
    BOOST_TEST(fileno(outside) >= 0);  // as shipped: a real temporary file
    std::fclose(outside);
    {
        const PackagingScope scope(XlsxPackaging{});
        FILE* inside = lxw_tmpfile(nullptr);
        BOOST_REQUIRE(inside);
        BOOST_TEST(fileno(inside) == -1);
        std::fclose(inside);
        {
            const PackagingScope nested(XlsxPackaging::as_shipped());
            FILE* shipped = lxw_tmpfile(nullptr);
            BOOST_TEST(fileno(shipped) >= 0);
            std::fclose(shipped);
        }
        FILE* again = lxw_tmpfile(nullptr);
        BOOST_TEST(fileno(again) == -1);  // the outer scope is back
        std::fclose(again);
    }
}

BOOST_AUTO_TEST_CASE(workbooks_are_deflated_fast_and_read_the_same_as_shipped) {
    const fs::path dir = scratch("packaging-level");
    write_sample(dir / "fast.xlsx");
    set_default_packaging(XlsxPackaging::as_shipped());
    write_sample(dir / "shipped.xlsx");
    set_default_packaging(XlsxPackaging{});

    const std::string fast = read_bytes(dir / "fast.xlsx"), shipped = read_bytes(dir / "shipped.xlsx");
    const std::vector<std::uint16_t> fast_flags = member_flags(fast), shipped_flags = member_flags(shipped);
    BOOST_TEST(fast_flags.size() == shipped_flags.size());
    BOOST_TEST(fast_flags.size() >= 10u);
    for (std::uint16_t f : fast_flags) BOOST_TEST((f & 6) == 6);   // level 1
    for (std::uint16_t f : shipped_flags) BOOST_TEST((f & 6) == 0);  // zlib's default
    BOOST_TEST(fast != shipped);
    BOOST_TEST(fairgate::test::XlsxFile((dir / "fast.xlsx").string()).dump() ==
               fairgate::test::XlsxFile((dir / "shipped.xlsx").string()).dump());

    // Reproducible either way.
    write_sample(dir / "fast-again.xlsx");
    BOOST_TEST(read_bytes(dir / "fast-again.xlsx") == fast);
}

BOOST_AUTO_TEST_CASE(parts_deflated_whole_by_libdeflate_are_sound_zip_members) {
    const fs::path dir = scratch("packaging-libdeflate");
    write_sample(dir / "whole.xlsx");
    XlsxPackaging zlib_only;
    zlib_only.libdeflate = false;
    set_default_packaging(zlib_only);
    write_sample(dir / "zlib.xlsx");
    XlsxPackaging streamed;
    streamed.whole_part_bytes = 1000;  // the sheets outgrow it: deflated by zlib as a stream
    set_default_packaging(streamed);
    write_sample(dir / "streamed.xlsx");
    set_default_packaging(XlsxPackaging{});

    const std::string whole = read_bytes(dir / "whole.xlsx");
    for (const char* name : {"whole.xlsx", "zlib.xlsx", "streamed.xlsx"}) {
        BOOST_TEST_CONTEXT(name) {
            const std::string zip = read_bytes(dir / name);
            BOOST_TEST(check_members(zip) >= 10u);
            for (std::uint16_t f : member_flags(zip)) BOOST_TEST((f & 6) == 6);  // level 1 still recorded
            BOOST_TEST(fairgate::test::XlsxFile((dir / name).string()).dump() ==
                       fairgate::test::XlsxFile((dir / "zlib.xlsx").string()).dump());
        }
    }
    if (XlsxPackaging::libdeflate_built_in()) {
        BOOST_TEST(whole != read_bytes(dir / "zlib.xlsx"));
        BOOST_TEST(whole.size() < read_bytes(dir / "zlib.xlsx").size());  // libdeflate packs tighter
    }
    // Reproducible, whole or streamed.
    write_sample(dir / "whole-again.xlsx");
    BOOST_TEST(read_bytes(dir / "whole-again.xlsx") == whole);
    set_default_packaging(streamed);
    write_sample(dir / "streamed-again.xlsx");
    set_default_packaging(XlsxPackaging{});
    BOOST_TEST(read_bytes(dir / "streamed-again.xlsx") == read_bytes(dir / "streamed.xlsx"));
}

BOOST_AUTO_TEST_CASE(other_libxlsxwriter_use_packs_as_shipped) {
    const fs::path dir = scratch("packaging-outside");
    write_sample(dir / "ours.xlsx");  // a fairgate workbook first: its scope must not leak
    const std::string plain = (dir / "plain.xlsx").string();
    lxw_workbook* wb = workbook_new(plain.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    worksheet_write_string(ws, 0, 0, "plain", nullptr);
    BOOST_REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    for (std::uint16_t f : member_flags(read_bytes(plain))) BOOST_TEST((f & 6) == 0);
    for (std::uint16_t f : member_flags(read_bytes(dir / "ours.xlsx"))) BOOST_TEST((f & 6) == 6);
}

BOOST_AUTO_TEST_CASE(a_sheet_bigger_than_the_spill_limit_is_still_written_whole) {
    const fs::path dir = scratch("packaging-big");
    XlsxPackaging small_limit;
    small_limit.spill_bytes = 8192;  // every sheet here is bigger
    set_default_packaging(small_limit);
    write_sample(dir / "spilled.xlsx");
    set_default_packaging(XlsxPackaging{});
    write_sample(dir / "memory.xlsx");
    BOOST_TEST(read_bytes(dir / "spilled.xlsx") == read_bytes(dir / "memory.xlsx"));
    BOOST_TEST(fairgate::test::XlsxFile((dir / "spilled.xlsx").string()).sheet("Second").at(299, 0) ==
               "Row 299 of the Second sheet");
}

BOOST_AUTO_TEST_SUITE_END()
