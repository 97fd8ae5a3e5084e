// CSV as spreadsheets and supplier systems really write it.

#include <boost/test/unit_test.hpp>

#include "importer_fixture.hpp"
#include "importers/csv_reader.hpp"
#include "importers/text_encoding.hpp"

using namespace fairgate;
using namespace fairgate::importers;

BOOST_AUTO_TEST_SUITE(csv_reader)

BOOST_AUTO_TEST_CASE(quoted_fields_keep_commas_doubled_quotes_and_line_breaks) {
    const Grid g = read_csv("r.csv", "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\r\n");
    BOOST_TEST(g.rows.size() == 3u);
    BOOST_TEST(g.at(1, 0).text == "x, y");
    BOOST_TEST(g.at(1, 1).text == "say \"hi\"");
    BOOST_TEST(g.at(1, 2).text == "two\nlines");
    BOOST_TEST(g.at(2, 0).text == "last");
    BOOST_TEST(g.rows[2].size() == 3u);
    BOOST_TEST((g.at(2, 1).kind == Cell::Kind::Empty));
}

BOOST_AUTO_TEST_CASE(cells_know_the_line_they_start_on) {
    const Grid g = read_csv("r.csv", "a,b\n\"1\n2\",x\ny,z");
    BOOST_TEST(g.rows.size() == 3u);
    BOOST_TEST(g.at(1, 0).line == 2u);
    BOOST_TEST(g.at(1, 1).line == 3u);  // after the embedded line break
    BOOST_TEST(g.at(2, 0).line == 4u);
    BOOST_TEST(g.where(2, 1).display() == "r.csv line 4, column 2");
    BOOST_TEST(g.row_name(2) == "line 4");
}

BOOST_AUTO_TEST_CASE(lf_and_lone_cr_end_records_and_a_last_line_without_break_counts) {
    const Grid g = read_csv("r.csv", "a;b\rc;d\ne;f");
    BOOST_TEST(g.rows.size() == 3u);
    BOOST_TEST(g.at(2, 1).text == "f");
}

BOOST_AUTO_TEST_CASE(delimiter_is_detected_from_the_heading_line) {
    BOOST_TEST(detect_delimiter("a;b;c\n1,5;2;3") == ';');
    BOOST_TEST(detect_delimiter("a\tb\tc\n") == '\t');
    BOOST_TEST(detect_delimiter("\"a;b\",c\n") == ',');  // the ; is inside quotes
    BOOST_TEST(detect_delimiter("single") == ',');
    const Grid g = read_csv("r.csv", "a\tb\n\"1,5\"\t2\n");
    BOOST_TEST(g.at(1, 0).text == "1,5");
    BOOST_TEST(g.at(1, 1).text == "2");
}

BOOST_AUTO_TEST_CASE(utf8_byte_order_mark_is_dropped) {
    BOOST_TEST(decode_text("\xEF\xBB\xBFreturn.kind") == "return.kind");
}

BOOST_AUTO_TEST_CASE(windows_1252_is_converted_to_utf8) {
    // Excel's "CSV" on a UK machine: £ is the single byte 0xA3; 0x80 is the euro sign.
    BOOST_TEST(decode_text("\xA3" "1,250") == "\xC2\xA3" "1,250");
    BOOST_TEST(decode_text("\x80 5 \x93q\x94") == "\xE2\x82\xAC 5 \xE2\x80\x9Cq\xE2\x80\x9D");
    // Valid UTF-8 is left alone.
    BOOST_TEST(decode_text("\xC2\xA3" "5") == "\xC2\xA3" "5");
    BOOST_TEST(!is_valid_utf8("\xC0\xAF"));  // overlong
    BOOST_TEST(!is_valid_utf8("\xED\xA0\x80"));  // surrogate
}

BOOST_AUTO_TEST_CASE(unterminated_quote_names_the_line_and_column) {
    try {
        read_csv("broken.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
        BOOST_FAIL("expected an ImportError");
    } catch (const ImportError& e) {
        BOOST_TEST(e.where() == "broken.csv line 3, column 3");
        BOOST_TEST(e.describe().find("closing quote") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(binary_is_not_text) {
    BOOST_TEST(!looks_like_text(std::string("\x89PNG\r\n\x1A\n\0\0\0", 11)));
    BOOST_TEST(looks_like_text("a,b\r\n1,2\r\n"));
}

// looks_like_text reads eight bytes at a time; it must judge every byte as one at a time does.
BOOST_AUTO_TEST_CASE(text_check_reads_every_byte_wherever_it_falls) {
    auto reference = [](std::string_view b) {
        size_t controls = 0;
        for (unsigned char c : b) {
            if (c == 0) return false;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
        }
        return controls * 100 <= b.size();
    };
    const std::string base(203, 'x');  // not a multiple of eight
    for (size_t at = 0; at < base.size(); ++at) {
        for (char c : {'\0', '\x01', '\x1F', '\n', ' ', '\x7F', '\x80', '\xFF'}) {
            std::string s = base;
            s[at] = c;
            BOOST_TEST_CONTEXT("byte " << static_cast<int>(static_cast<unsigned char>(c)) << " at " << at) {
                BOOST_TEST(looks_like_text(s) == reference(s));
                // Two controls in 203 bytes is over the 1% allowed.
                s[(at + 101) % s.size()] = '\x02';
                BOOST_TEST(looks_like_text(s) == reference(s));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
