// What counts as UTF-8 for every writer of outside text (printable, the service's HTML and
// JSON), and printable's escapes.
#include <boost/test/unit_test.hpp>

#include <string>

#include "model/printable.hpp"

using namespace fairgate;

BOOST_AUTO_TEST_SUITE(printable_text)

BOOST_AUTO_TEST_CASE(utf8_sequence_lengths) {
    BOOST_TEST(utf8_sequence_length("a", 0) == 1u);
    BOOST_TEST(utf8_sequence_length("\x01", 0) == 1u, "a control character is still one ASCII byte");
    BOOST_TEST(utf8_sequence_length("\xC2\xA3", 0) == 2u);          // £
    BOOST_TEST(utf8_sequence_length("\xE2\x80\x94", 0) == 3u);      // em dash
    BOOST_TEST(utf8_sequence_length("\xF0\x9F\x98\x80", 0) == 4u);  // U+1F600
    BOOST_TEST(utf8_sequence_length("x\xC2\xA3", 1) == 2u, "from the middle of a text");
}

BOOST_AUTO_TEST_CASE(what_is_not_utf8_has_no_length) {
    BOOST_TEST(utf8_sequence_length("\x80", 0) == 0u);              // a stray continuation byte
    BOOST_TEST(utf8_sequence_length("\xC2", 0) == 0u);              // cut short
    BOOST_TEST(utf8_sequence_length("\xE2\x80", 0) == 0u);          // cut short
    BOOST_TEST(utf8_sequence_length("\xC0\xAF", 0) == 0u);          // overlong '/'
    BOOST_TEST(utf8_sequence_length("\xE0\x80\xAF", 0) == 0u);      // overlong '/'
    BOOST_TEST(utf8_sequence_length("\xED\xA0\x80", 0) == 0u);      // a surrogate
    BOOST_TEST(utf8_sequence_length("\xF4\x90\x80\x80", 0) == 0u);  // past U+10FFFF
    BOOST_TEST(utf8_sequence_length("\xE2" "a" "\x94", 0) == 0u);   // not a continuation byte
}

BOOST_AUTO_TEST_CASE(printable_escapes_controls_and_bytes_that_are_not_utf8) {
    BOOST_TEST(printable("a\nb\x1b[2J") == "a\\nb\\x1b[2J");
    BOOST_TEST(printable("\xC2\x85") == "\\u0085", "NEL, a C1 control");
    BOOST_TEST(printable("\xE2\x80\x94 \xFF") == "\xE2\x80\x94 \\xff");
    BOOST_TEST(printable("a\\b") == "a\\\\b");
}

BOOST_AUTO_TEST_SUITE_END()
