// Text made safe for cells and file names.
#include <boost/test/unit_test.hpp>

#include "reports/workbook_text.hpp"

using fairgate::reports::detail::cell_text;
using fairgate::reports::detail::char_count;
using fairgate::reports::detail::header_footer_text;
using fairgate::reports::detail::kMaxCellChars;
using fairgate::reports::detail::row_height;
using fairgate::reports::detail::safe_file_name;
using fairgate::reports::detail::wrapped_lines;

BOOST_AUTO_TEST_SUITE(workbook_text)

BOOST_AUTO_TEST_CASE(file_names) {
    const std::pair<std::string, std::string> cases[] = {
        {"BX-2025-0142", "BX-2025-0142"},
        {"a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j"},
        {"tab\there\nnl", "tab_here_nl"},
        {"..", "__"},
        {".", "_"},
        {"", "_"},
        {".hidden", "_hidden"},
        {"trailing. ", "trailing._"},
        {"Caf\xC3\xA9 \xE2\x80\x94 ok", "Caf\xC3\xA9 \xE2\x80\x94 ok"},
    };
    for (const auto& [in, out] : cases) {
        BOOST_TEST_CONTEXT("'" << in << "'") { BOOST_TEST(safe_file_name(in) == out); }
    }
    // Shortened at a character boundary: "é" is two bytes and must not be split.
    BOOST_TEST(safe_file_name("ab\xC3\xA9", 3) == "ab");
    BOOST_TEST(safe_file_name(std::string(500, 'x')).size() == 120u);
}

BOOST_AUTO_TEST_CASE(cell_text_repairs_and_truncates) {
    BOOST_TEST(cell_text("=SUM(A1:A2)") == "=SUM(A1:A2)");
    BOOST_TEST(cell_text("Caf\xC3\xA9") == "Caf\xC3\xA9");
    BOOST_TEST(cell_text("bad \xC3 byte") == "bad \xEF\xBF\xBD byte");
    BOOST_TEST(cell_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
    BOOST_TEST(cell_text(std::string(kMaxCellChars, 'x')).size() == kMaxCellChars);

    std::string long_text;
    for (int i = 0; i < 20000; ++i) long_text += "\xC3\xA9";  // 20,000 two-byte characters ...
    long_text += std::string(20000, 'y');                    // ... and 20,000 one-byte ones
    const std::string cut = cell_text(long_text);
    BOOST_TEST(cut.find("the full text is 40000 characters") != std::string::npos);
    std::size_t chars = 0;
    for (unsigned char c : cut) chars += (c & 0xC0) != 0x80;
    BOOST_TEST(chars <= kMaxCellChars);
    BOOST_TEST(chars > kMaxCellChars - 200);
}


BOOST_AUTO_TEST_CASE(cell_text_unchanged_agrees_with_cell_text) {
    using fairgate::reports::detail::cell_text_unchanged;
    for (const std::string& s : {std::string(), std::string("plain"), std::string("£1,250 \xE2\x80\x94 caf\xC3\xA9"),
                                std::string("=HYPERLINK(\"x\")"), std::string("bad \xC3 byte"), std::string("\xED\xA0\x80"),
                                std::string(40000, 'x'), std::string(32767, 'x')}) {
        BOOST_TEST_CONTEXT("size " << s.size()) {
            BOOST_TEST(cell_text_unchanged(s) == (cell_text(s) == s));
        }
    }
}

BOOST_AUTO_TEST_CASE(wrapped_lines_estimates_a_wrapped_cell) {
    // Width 10 holds 11 characters a line (10 bold).
    BOOST_TEST(wrapped_lines("", 10) == 1u);
    BOOST_TEST(wrapped_lines("short", 10) == 1u);
    BOOST_TEST(wrapped_lines("eleven char", 10) == 1u);
    BOOST_TEST(wrapped_lines("eleven char", 10, true) == 2u);
    BOOST_TEST(wrapped_lines("aaaa bbbb cccc", 10) == 2u);         // "aaaa bbbb" then "cccc"
    BOOST_TEST(wrapped_lines("aaaa bbbbbbbbbb", 10) == 2u);        // the word does not fit after "aaaa"
    BOOST_TEST(wrapped_lines(std::string(25, 'x'), 10) == 3u);     // a long word is broken
    BOOST_TEST(wrapped_lines("a\nb\n\nc", 10) == 4u);              // line feeds, an empty line
    BOOST_TEST(wrapped_lines("one two\n", 10) == 2u);
    // Code points, not bytes: eleven "é" (22 bytes) fit on one line.
    std::string accents;
    for (int i = 0; i < 11; ++i) accents += "\xC3\xA9";
    BOOST_TEST(wrapped_lines(accents, 10) == 1u);
    BOOST_TEST(wrapped_lines(accents + "\xC3\xA9", 10) == 2u);
    // Widths of a merged range add up; a tiny width still gives a line a character.
    BOOST_TEST(wrapped_lines(std::string(100, 'x'), 34 + 90) == 1u);
    BOOST_TEST(wrapped_lines("abc", 0.1) == 3u);
}

BOOST_AUTO_TEST_CASE(row_height_is_15_points_a_line_up_to_excels_limit) {
    BOOST_TEST(row_height(0) == 15.0);
    BOOST_TEST(row_height(1) == 15.0);
    BOOST_TEST(row_height(3) == 45.0);
    BOOST_TEST(row_height(27) == 405.0);
    BOOST_TEST(row_height(28) == 409.0);
    BOOST_TEST(row_height(100000) == 409.0);
}

// Page headers and footers: '&' doubled, nothing cut that fits, and what does not fit ends at
// a word with an ellipsis, never mid-word or between a doubled '&'.
BOOST_AUTO_TEST_CASE(header_footer_text_shortens_at_words_only_when_needed) {
    const std::string ellipsis = "\xE2\x80\xA6";
    BOOST_TEST(header_footer_text("Smith & Sons", 255) == "Smith && Sons");
    BOOST_TEST(header_footer_text("tab\there", 255) == "tabhere");  // control characters dropped
    const std::string title = "Home to School Travel Assistance (SEND) - call-off from the London transport framework";
    BOOST_TEST(header_footer_text(title, 238) == title);  // 86 characters: whole
    BOOST_TEST(header_footer_text(title, 30) == "Home to School Travel " + ellipsis);
    BOOST_TEST(char_count(header_footer_text(title, 30)) <= 30u);
    // A cut that would land inside "Assistance" goes back to the word before.
    BOOST_TEST(header_footer_text(title, 27) == "Home to School Travel " + ellipsis);
    // One word longer than the room is cut inside it, still marked.
    BOOST_TEST(header_footer_text("Supercalifragilistic", 10) == "Supercali" + ellipsis);
    // Never between the two '&' of a doubled one: "A&&B" cut after 2 characters keeps "A".
    BOOST_TEST(header_footer_text("A&BCDEFG", 3) == "A" + ellipsis);
    // Characters, not bytes, count: 200 two-byte letters fit in 200.
    std::string accents;
    for (int i = 0; i < 200; ++i) accents += "\xC3\xA9";
    BOOST_TEST(header_footer_text(accents, 200) == accents);
}

BOOST_AUTO_TEST_SUITE_END()
