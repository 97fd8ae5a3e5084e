// Which files are inputs, and how a file's content decides how it is read.

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "importer_fixture.hpp"
#include "importers/input_format.hpp"

using namespace fairgate;
using namespace fairgate::importers;
using fairgate::test::import_error;

BOOST_AUTO_TEST_SUITE(import_file_detection)

BOOST_AUTO_TEST_CASE(candidate_inputs_by_name) {
    BOOST_TEST(is_candidate_input("Q3 return.xlsx"));
    BOOST_TEST(is_candidate_input("export.CSV"));
    BOOST_TEST(is_candidate_input("portal export.txt"));
    BOOST_TEST(is_candidate_input("inbox/sub/x.csv"));
    BOOST_TEST(!is_candidate_input("README.md"));
    BOOST_TEST(!is_candidate_input("Q3 return.csv.reason.txt"));
    BOOST_TEST(!is_candidate_input(".hidden.csv"));
    BOOST_TEST(!is_candidate_input("~$lock.xlsx"));
    BOOST_TEST(!is_candidate_input("old.xls"));
    BOOST_TEST(!is_candidate_input("scan.pdf"));
}

// The extensions inputs are taken by are the format table's, and docs/input-formats.md lists
// those and no others: adding a format's entry is all it takes, and the page must follow.
BOOST_AUTO_TEST_CASE(candidate_extensions_are_the_format_table_s_and_documented) {
    std::set<std::string> table;
    for (const InputFormat& format : input_formats()) {
        BOOST_TEST_CONTEXT(format.name) {
            BOOST_TEST(!format.extensions.empty());
            for (const std::string& extension : format.extensions) {
                table.insert(extension);
                BOOST_TEST(is_candidate_input("return" + extension));
            }
        }
    }
    std::ifstream in(FAIRGATE_SOURCE_DIR "/docs/input-formats.md");
    std::stringstream doc;
    doc << in.rdbuf();
    const std::string text = doc.str();
    const size_t from = text.find("## Which files are read");
    BOOST_REQUIRE(from != std::string::npos);
    const std::string section = text.substr(from, text.find("\n## ", from + 1) - from);
    std::set<std::string> documented;
    std::istringstream lines(section);
    const std::regex extension("`(\\.[a-z]+)`");
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("| ", 0) != 0) continue;  // the table's rows
        for (std::sregex_iterator m(line.begin(), line.end(), extension), end; m != end; ++m) documented.insert((*m)[1]);
    }
    BOOST_TEST(documented == table, boost::test_tools::per_element());
}

// Choosing a format walks the table in order: the zip signature, then JSON and XML by their
// first character, then CSV for any other text.
BOOST_AUTO_TEST_CASE(formats_are_chosen_in_the_table_s_order) {
    BOOST_TEST(choose_format("a.xlsx", std::string("PK\x03\x04", 4)).name == std::string("xlsx"));
    BOOST_TEST(choose_format("a.json", "\xEF\xBB\xBF  {\"releases\": []}").name == std::string("ocds json"));
    BOOST_TEST(choose_format("a.xml", "\n<returns/>").name == std::string("xml returns"));
    BOOST_TEST(choose_format("a.csv", "Supplier,Value\n").name == std::string("csv"));
    // A CSV export named .json is CSV: the bytes decide, not the name.
    BOOST_TEST(choose_format("a.json", "a,b\n").name == std::string("csv"));
    BOOST_TEST(sniff_format(std::string("\x89PNG\r\n\x1A\n\0\0", 10)) == nullptr);
    BOOST_CHECK_THROW(choose_format("a.xlsx", std::string("PK\x05\x06", 4)), ImportError);
}

BOOST_AUTO_TEST_CASE(empty_and_binary_files_are_refused) {
    BOOST_TEST(import_error("empty.csv", "") == "empty.csv: is empty");
    BOOST_TEST(import_error("pic.csv", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)).find("neither an Excel workbook") != std::string::npos);
    BOOST_TEST(import_error("old.xlsx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)).find("Excel 97-2003") != std::string::npos);
}

namespace {

// An OLE2 compound file: the header's signature, then one directory sector holding an entry
// for each of `streams` (after the root entry), as Excel writes an encrypted workbook or an .xls.
std::string compound_file(const std::vector<std::string>& streams) {
    std::string bytes(512, '\0');
    bytes.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    auto entry = [&](const std::string& name, char type) {
        std::string e(128, '\0');
        for (size_t i = 0; i < name.size(); ++i) e[2 * i] = name[i];
        e[64] = static_cast<char>((name.size() + 1) * 2);
        e[66] = type;
        bytes += e;
    };
    entry("Root Entry", 5);
    for (const std::string& s : streams) entry(s, 2);
    bytes.resize(1024, '\0');
    return bytes;
}

}  // namespace

// A password-protected .xlsx is an OLE2 file holding the encrypted package: its owner is told
// to take the password off, not to save it as .xlsx (which it already is).
BOOST_AUTO_TEST_CASE(an_encrypted_workbook_is_told_apart_from_an_old_xls) {
    const std::string encrypted = compound_file({"\x06" "DataSpaces", "EncryptionInfo", "EncryptedPackage"});
    const std::string why = import_error("protected.xlsx", encrypted);
    BOOST_TEST(why.find("protected.xlsx: is a password-protected (encrypted) Excel workbook, and fairgate cannot read protected "
                        "files: remove the password") == 0u, why);
    BOOST_TEST(why.find(".xls)") == std::string::npos);
    // fairgate inspect --cells says the same.
    try {
        read_cells(fairgate::test::write_input("protected.xlsx", encrypted));
        BOOST_FAIL("expected an ImportError");
    } catch (const ImportError& e) {
        BOOST_TEST(e.describe() == why);
    }
    // An old .xls (a Workbook stream) keeps its message; so does a stream merely named alike.
    BOOST_TEST(import_error("old.xls.xlsx", compound_file({"Workbook", "SummaryInformation"})).find("Excel 97-2003") != std::string::npos);
    BOOST_TEST(import_error("odd.xlsx", compound_file({"EncryptionInfo"})).find("Excel 97-2003") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(files_over_the_size_limit_are_refused_unread) {
    ImportLimits limits;
    limits.max_file_bytes = 10;
    BOOST_TEST(import_error("big.csv", "a,b,c\n1,2,3\n", limits) == "big.csv: is 12 bytes, more than the limit of 10 bytes; it was not read");
}

BOOST_AUTO_TEST_CASE(content_decides_not_the_name) {
    // CSV text named .xlsx is read as CSV; a workbook named .csv as a workbook.
    const ImportResult r = fairgate::test::import_bytes("mislabelled.xlsx", "return.kind,tender.id,supplier.id\ntender,T-1,9\n");
    BOOST_TEST(r.format == "csv table");
}

BOOST_AUTO_TEST_CASE(unknown_headings_only_is_not_an_input) {
    BOOST_TEST(import_error("notes.txt", "Dear officer,\nplease find attached\n").find("none of its column headings") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(damaged_workbooks)

// Any damage to a real workbook ends in a clean ImportError or a read, never a crash or
// another exception escaping to the pipeline.
BOOST_AUTO_TEST_CASE(flipped_bytes_give_import_errors_only) {
    std::ifstream in(FAIRGATE_SOURCE_DIR "/samples/inbox/tenders/BX-T-2025-014/carewell-group.xlsx", std::ios::binary);
    const std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_REQUIRE(original.size() > 1000);
    int refused = 0, read = 0;
    for (size_t at = 0; at < original.size(); at += 31) {
        std::string bytes = original;
        bytes[at] = static_cast<char>(bytes[at] ^ 0x5A);
        try {
            fairgate::test::import_bytes("damaged.xlsx", bytes);
            ++read;
        } catch (const ImportError&) {
            ++refused;
        } catch (const std::exception& e) {
            BOOST_ERROR("byte " << at << ": " << e.what());
        }
    }
    BOOST_TEST_MESSAGE("damaged copies read " << read << ", refused " << refused);
    BOOST_TEST(refused > 0);
}

BOOST_AUTO_TEST_SUITE_END()
