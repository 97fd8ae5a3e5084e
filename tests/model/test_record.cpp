#include <boost/test/unit_test.hpp>

#include <vector>

#include "model/record.hpp"
#include "print.hpp"

using namespace fairgate;

namespace {
Answer answer(Value v, std::string raw, std::string locator = "Q!C1") {
    return Answer{std::move(v), std::move(raw), Provenance{"r.xlsx", std::move(locator)}};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(record)

BOOST_AUTO_TEST_CASE(empty_record) {
    const Record r;
    BOOST_TEST(r.empty());
    BOOST_TEST(r.size() == 0u);
    BOOST_TEST(r.get(0) == nullptr);
    BOOST_TEST(!r.present(0));
    BOOST_TEST(r.value(0).is_absent());
    BOOST_TEST(r.value(kNoField).is_absent());
    BOOST_TEST(r.answers().empty());
}

BOOST_AUTO_TEST_CASE(set_and_get) {
    Record r;
    r.set(3, answer(Value::yes_no(true), "Yes", "Q!C3"));
    BOOST_TEST(!r.empty());
    BOOST_TEST(r.size() == 1u);
    BOOST_TEST(r.present(3));
    BOOST_TEST_REQUIRE(r.get(3) != nullptr);
    BOOST_TEST(r.get(3)->raw == "Yes");
    BOOST_TEST(r.get(3)->where.display() == "r.xlsx!Q!C3");
    BOOST_TEST(r.value(3) == Value::yes_no(true));
    // Fields below and above the one set are not present.
    for (FieldId id : {FieldId{0}, FieldId{1}, FieldId{2}, FieldId{4}, FieldId{100}, kNoField}) {
        BOOST_TEST_CONTEXT("field " << id) {
            BOOST_TEST(r.get(id) == nullptr);
            BOOST_TEST(!r.present(id));
            BOOST_TEST(r.value(id).is_absent());
        }
    }
}

BOOST_AUTO_TEST_CASE(blank_answer_is_present_but_absent) {
    Record r;
    r.set(0, answer(Value::absent(), "   "));
    BOOST_TEST(r.present(0));
    BOOST_TEST(r.value(0).is_absent());
    BOOST_TEST(r.get(0)->raw == "   ");
    BOOST_TEST(!r.present(1));
    BOOST_TEST(r.value(1).is_absent());
}

BOOST_AUTO_TEST_CASE(answers_keep_the_order_they_were_set) {
    Record r;
    const std::vector<FieldId> order = {10, 2, 7, 0, 5};
    for (FieldId id : order) r.set(id, answer(Value::integer(id), std::to_string(id)));
    BOOST_TEST(r.size() == order.size());
    for (size_t i = 0; i < order.size(); ++i) {
        BOOST_TEST_CONTEXT("position " << i) {
            BOOST_TEST(r.answers()[i].first == order[i]);
            BOOST_TEST(r.answers()[i].second.value == Value::integer(order[i]));
        }
    }
    for (FieldId id = 0; id <= 11; ++id) {
        const bool expected = id == 10 || id == 2 || id == 7 || id == 0 || id == 5;
        BOOST_TEST_CONTEXT("field " << id) {
            BOOST_TEST(r.present(id) == expected);
            if (expected) BOOST_TEST(r.value(id) == Value::integer(id));
        }
    }
}

BOOST_AUTO_TEST_CASE(set_replaces_in_place) {
    Record r;
    r.set(1, answer(Value::text("first"), "first"));
    r.set(2, answer(Value::text("second"), "second"));
    r.set(1, answer(Value::money_pence(1480), "\xC2\xA3" "14.80", "Q!D9"));
    BOOST_TEST(r.size() == 2u);
    BOOST_TEST(r.answers()[0].first == 1);  // keeps its original position
    BOOST_TEST(r.answers()[1].first == 2);
    BOOST_TEST(r.value(1) == Value::money_pence(1480));
    BOOST_TEST(r.get(1)->raw == "\xC2\xA3" "14.80");
    BOOST_TEST(r.get(1)->where.locator() == "Q!D9");
    BOOST_TEST(r.value(2) == Value::text("second"));
    // Replacing with a blank keeps the field present.
    r.set(2, answer(Value::absent(), ""));
    BOOST_TEST(r.present(2));
    BOOST_TEST(r.value(2).is_absent());
    BOOST_TEST(r.size() == 2u);
}

BOOST_AUTO_TEST_CASE(copies_are_independent) {
    Record a;
    a.set(0, answer(Value::integer(1), "1"));
    Record b = a;
    b.set(0, answer(Value::integer(2), "2"));
    b.set(1, answer(Value::integer(3), "3"));
    BOOST_TEST(a.value(0) == Value::integer(1));
    BOOST_TEST(a.size() == 1u);
    BOOST_TEST(b.value(0) == Value::integer(2));
    BOOST_TEST(b.size() == 2u);
}

BOOST_AUTO_TEST_CASE(answers_keep_the_typed_text_only_when_the_value_cannot_give_it_back) {
    const Provenance where{"r.csv", "line 2, column 3"};
    // Text read as typed: nothing more is kept, and typed() gives it back.
    const Answer name = Answer::read(Value::text("Acme Care Services Ltd"), "Acme Care Services Ltd", where);
    BOOST_TEST(name.raw.empty());
    BOOST_TEST(name.typed() == "Acme Care Services Ltd");
    const Answer code = Answer::read(Value::enumeration("micro"), "micro", where);
    BOOST_TEST(code.raw.empty());
    BOOST_TEST(code.typed() == "micro");
    // Anything else keeps the text as typed.
    const Answer spaced = Answer::read(Value::text("Acme"), "  Acme ", where);
    BOOST_TEST(spaced.raw == "  Acme ");
    BOOST_TEST(spaced.typed() == "  Acme ");
    const Answer enum_typed = Answer::read(Value::enumeration("micro"), "Micro", where);
    BOOST_TEST(enum_typed.typed() == "Micro");
    const Answer percent = Answer::read(Value::percent(0.85), "85%", where);
    BOOST_TEST(percent.typed() == "85%");
    const Answer whole = Answer::read(Value::integer(12), "12", where);
    BOOST_TEST(whole.typed() == "12");
    const Answer blank = Answer::read(Value::absent(), "   ", where);
    BOOST_TEST(blank.typed() == "   ");
    BOOST_TEST(Answer::read(Value::absent(), "", where).typed() == "");
    const Answer refused = Answer::read(Value::invalid(FieldType::Integer, "lots", "expected a whole number"), "lots", where);
    BOOST_TEST(refused.typed() == "lots");
    BOOST_TEST((name.where == where));
}

// Record::read builds the answer in place: the same answer Answer::read gives, set or replaced.
BOOST_AUTO_TEST_CASE(read_in_place_is_answer_read_set) {
    Record r;
    const FileName file("r.csv");
    const Answer& first = r.read(3, Value::percent(0.85), "85%", Provenance::csv_field(file, 2, 4));
    BOOST_TEST(first.typed() == "85%");
    BOOST_TEST(r.size() == 1u);
    r.read(5, Value::text("Acme"), "Acme", Provenance::csv_field(file, 2, 5));
    BOOST_TEST(r.get(5)->raw.empty());  // the value gives the text back
    // Replacing keeps the place in the order and drops the old raw text.
    const Answer& again = r.read(3, Value::text("x"), "x", Provenance::csv_field(file, 3, 4));
    BOOST_TEST(r.size() == 2u);
    BOOST_TEST(r.answers()[0].first == 3u);
    BOOST_TEST(again.raw.empty());
    BOOST_TEST(again.typed() == "x");
    BOOST_TEST(again.where.display() == "r.csv line 3, column 4");
    const Answer same = Answer::read(Value::text("x"), "x", Provenance::csv_field(file, 3, 4));
    BOOST_TEST((again.value == same.value && again.raw == same.raw && again.where == same.where));
}

BOOST_AUTO_TEST_SUITE_END()
