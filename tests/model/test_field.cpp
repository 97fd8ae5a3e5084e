#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

#include "model/field.hpp"
#include "print.hpp"

using namespace fairgate;

namespace {

FieldDef make(std::string name, FieldType type, std::string ref = {}, std::string question = {},
              std::vector<std::string> aliases = {}) {
    FieldDef f;
    f.name = std::move(name);
    f.type = type;
    f.ref = std::move(ref);
    f.question = std::move(question);
    f.aliases = std::move(aliases);
    return f;
}

struct Dictionary {
    FieldDictionary dict;
    Dictionary() {
        dict.add(make("eq.policy", FieldType::YesNo, "B1", "Do you have a written equality policy?",
                      {"Equality Policy", "EqPolicy"}));
        dict.add(make("eq.training_pct", FieldType::Percent, "B2", "What percentage of staff were trained?",
                      {"Training %"}));
        dict.add(make("contract.value", FieldType::Money, "", "", {"Contract Value (£)", "Total value"}));
        dict.add(make("pay.living_wage", FieldType::YesNo, "B12", "Do you pay the Real Living Wage?"));
    }
};

const char* name_of(const FieldDef* f) { return f ? f->name.c_str() : "(none)"; }

}  // namespace

BOOST_AUTO_TEST_SUITE(field)

BOOST_AUTO_TEST_CASE(field_type_names_round_trip) {
    const FieldType all[] = {FieldType::Text,    FieldType::Integer, FieldType::Number, FieldType::Money,
                             FieldType::Percent, FieldType::Date,    FieldType::YesNo,  FieldType::Enum,
                             FieldType::Days};
    const char* names[] = {"text", "integer", "number", "money", "percent", "date", "yes-no", "enum", "days"};
    for (size_t i = 0; i < std::size(all); ++i) {
        BOOST_TEST_CONTEXT(names[i]) {
            BOOST_TEST(to_string(all[i]) == names[i]);
            FieldType parsed = FieldType::Text;
            BOOST_TEST(parse_field_type(names[i], parsed));
            BOOST_TEST(parsed == all[i]);
        }
    }
    FieldType t = FieldType::Text;
    BOOST_TEST(parse_field_type("yesno", t));
    BOOST_TEST(t == FieldType::YesNo);
    BOOST_TEST(parse_field_type("enumeration", t));
    BOOST_TEST(t == FieldType::Enum);
    for (const char* unknown : {"", "bool", "Text", "string", "yes_no", "currency"}) {
        BOOST_TEST_CONTEXT('"' << unknown << '"') {
            FieldType out = FieldType::Money;
            BOOST_TEST(!parse_field_type(unknown, out));
            BOOST_TEST(out == FieldType::Money);  // untouched on failure
        }
    }
}

BOOST_AUTO_TEST_CASE(normalise_label_examples) {
    const std::pair<const char*, const char*> cases[] = {
        {"  Tender  Reference:", "tender reference"},
        {"B1.", "b1"},
        {"B1", "b1"},
        {"eq.policy", "eq policy"},
        {"Living-Wage (\xC2\xA3/hr)", "living wage \xC2\xA3 hr"},
        {"", ""},
        {"!!!  ...", ""},
        {"ABC", "abc"},
        {"a\tb\n c", "a b c"},
        {"Caf\xC3\xA9 Owner", "caf\xC3\xA9 owner"},
        {"__x__", "x"},
        {"Training %", "training"},
        {"  Do you have a written equality policy?  ", "do you have a written equality policy"},
        {"Q2-2026", "q2 2026"},
    };
    for (const auto& [in, out] : cases) {
        BOOST_TEST_CONTEXT('"' << in << '"') { BOOST_TEST(FieldDictionary::normalise_label(in) == out); }
    }
}

BOOST_AUTO_TEST_CASE(normalise_label_is_idempotent) {
    for (const char* s : {"  Tender  Reference:", "B1.", "Contract Value (\xC2\xA3)", "a--b__c  d", "X"}) {
        const std::string once = FieldDictionary::normalise_label(s);
        BOOST_TEST(FieldDictionary::normalise_label(once) == once);
    }
}

BOOST_AUTO_TEST_CASE(allows_enum_checks_codes) {
    FieldDef f = make("x", FieldType::Enum);
    f.enum_values = {"full", "partial", "none"};
    BOOST_TEST(f.allows_enum("full"));
    BOOST_TEST(f.allows_enum("none"));
    BOOST_TEST(!f.allows_enum("Full"));
    BOOST_TEST(!f.allows_enum(""));
    BOOST_TEST(!f.allows_enum("other"));
}

BOOST_FIXTURE_TEST_CASE(ids_are_dense_in_insertion_order, Dictionary) {
    BOOST_TEST(dict.size() == 4u);
    BOOST_TEST(dict.all().size() == 4u);
    for (FieldId id = 0; id < dict.size(); ++id) BOOST_TEST(dict.at(id).id == id);
    BOOST_TEST(dict.at(0).name == "eq.policy");
    BOOST_TEST(dict.at(3).name == "pay.living_wage");
    BOOST_CHECK_THROW(dict.at(4), std::out_of_range);
    BOOST_TEST_REQUIRE(dict.find("contract.value") != nullptr);
    BOOST_TEST(dict.find("contract.value")->id == 2);
    BOOST_TEST(dict.find("contract.value")->type == FieldType::Money);
    BOOST_TEST(dict.find("Contract.Value") == nullptr);  // find is exact
    BOOST_TEST(dict.find("nope") == nullptr);
}

BOOST_FIXTURE_TEST_CASE(match_by_every_kind_of_label, Dictionary) {
    const std::pair<const char*, const char*> cases[] = {
        {"eq.policy", "eq.policy"},
        {"EQ Policy", "eq.policy"},
        {"B1", "eq.policy"},
        {"b1", "eq.policy"},
        {"B1.", "eq.policy"},
        {" b1 ", "eq.policy"},
        {"B1 Equality policy", "eq.policy"},
        {"B1: Do you have a written equality policy?", "eq.policy"},
        {"DO YOU HAVE A WRITTEN EQUALITY POLICY", "eq.policy"},
        {"equality-policy", "eq.policy"},
        {"EqPolicy", "eq.policy"},
        {"B2", "eq.training_pct"},
        {"training %", "eq.training_pct"},
        {"B2) Staff trained (%)", "eq.training_pct"},
        {"Contract Value (\xC2\xA3)", "contract.value"},
        {"total  VALUE", "contract.value"},
        {"B12", "pay.living_wage"},
        {"B12 Real Living Wage", "pay.living_wage"},
        {"Do you pay the real living wage", "pay.living_wage"},
    };
    for (const auto& [label, expected] : cases) {
        BOOST_TEST_CONTEXT('"' << label << '"') { BOOST_TEST(std::string(name_of(dict.match(label))) == expected); }
    }
}

BOOST_FIXTURE_TEST_CASE(match_refuses_unknown_labels, Dictionary) {
    for (const char* label : {"", "   ", "?!", "B3", "B9 Something else", "B", "B1B", "B121", "policy",
                              "Contract Value (\xC2\xA3) 2026", "1 B1"}) {
        BOOST_TEST_CONTEXT('"' << label << '"') { BOOST_TEST(dict.match(label) == nullptr); }
    }
}

BOOST_FIXTURE_TEST_CASE(match_ref_matches_only_references, Dictionary) {
    BOOST_TEST(std::string(name_of(dict.match_ref("B1"))) == "eq.policy");
    BOOST_TEST(std::string(name_of(dict.match_ref("b1."))) == "eq.policy");
    BOOST_TEST(std::string(name_of(dict.match_ref("B12"))) == "pay.living_wage");
    BOOST_TEST(dict.match_ref("eq.policy") == nullptr);
    BOOST_TEST(dict.match_ref("Equality Policy") == nullptr);
    BOOST_TEST(dict.match_ref("B1 Equality policy") == nullptr);
    BOOST_TEST(dict.match_ref("") == nullptr);
    BOOST_TEST(dict.match_ref("B3") == nullptr);
}

BOOST_FIXTURE_TEST_CASE(duplicates_are_refused, Dictionary) {
    struct Case { const char* what; FieldDef def; };
    const Case cases[] = {
        {"same name", make("eq.policy", FieldType::Text)},
        {"same ref", make("other.a", FieldType::Text, "B1")},
        {"same ref spelt differently", make("other.b", FieldType::Text, "b1.")},
        {"alias is another field's name", make("other.c", FieldType::Text, "", "", {"EQ.POLICY"})},
        {"alias is another field's alias", make("other.d", FieldType::Text, "", "", {"total value"})},
        {"question is another field's question", make("other.e", FieldType::Text, "C1", "What percentage of staff were trained")},
        {"name normalises to another field's alias", make("Equality.Policy", FieldType::Text)},
        {"no name", make("", FieldType::Text, "C9")},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            BOOST_CHECK_THROW(dict.add(c.def), std::invalid_argument);
            // A refused field leaves the dictionary exactly as it was.
            BOOST_TEST(dict.size() == 4u);
            if (!c.def.name.empty() && c.def.name != "eq.policy") BOOST_TEST(dict.find(c.def.name) == nullptr);
        }
    }
    BOOST_TEST(std::string(name_of(dict.match("total value"))) == "contract.value");
    BOOST_TEST(dict.match("C1") == nullptr);
    // ...and the next field still gets the next dense id.
    const FieldId id = dict.add(make("other.ok", FieldType::Integer, "C1", "How many apprentices?"));
    BOOST_TEST(id == 4);
    BOOST_TEST(dict.at(4).name == "other.ok");
    BOOST_TEST(std::string(name_of(dict.match("C1"))) == "other.ok");
}

BOOST_AUTO_TEST_CASE(duplicate_message_names_both_fields) {
    FieldDictionary dict;
    dict.add(make("a.first", FieldType::Text, "A1"));
    try {
        dict.add(make("a.second", FieldType::Text, "a1"));
        BOOST_ERROR("duplicate reference accepted");
    } catch (const std::invalid_argument& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("a.first") != std::string::npos);
        BOOST_TEST(what.find("a.second") != std::string::npos);
    }
}

// Sub-question references ("B1.2", "3.1") normalise to several words; a heading that starts
// with one must match it, not the parent question that its first word names.
BOOST_AUTO_TEST_CASE(match_multi_word_references) {
    FieldDictionary dict;
    dict.add(make("eq.policy", FieldType::YesNo, "B1"));
    dict.add(make("eq.policy_reviewed", FieldType::Date, "B1.2"));
    dict.add(make("sv.apprentices", FieldType::Integer, "3.1"));
    const std::pair<const char*, const char*> cases[] = {
        {"B1.2", "eq.policy_reviewed"},
        {"B1.2 When was the policy last reviewed?", "eq.policy_reviewed"},
        {"b1.2) reviewed", "eq.policy_reviewed"},
        {"B1 Equality policy", "eq.policy"},
        {"B1. Equality policy", "eq.policy"},
        {"3.1 Number of apprentices", "sv.apprentices"},
        {"3.1", "sv.apprentices"},
        {"3.2 Something else", "(none)"},
        {"B1.3 Not a question", "eq.policy"},  // falls back to the parent reference
    };
    for (const auto& [label, expected] : cases) {
        BOOST_TEST_CONTEXT('"' << label << '"') { BOOST_TEST(std::string(name_of(dict.match(label))) == expected); }
    }
    BOOST_TEST(std::string(name_of(dict.match_ref("b1.2"))) == "eq.policy_reviewed");
    BOOST_TEST(std::string(name_of(dict.match_ref("B1"))) == "eq.policy");
}

BOOST_AUTO_TEST_CASE(a_field_may_repeat_its_own_labels) {
    FieldDictionary dict;
    BOOST_CHECK_NO_THROW(dict.add(make("policy", FieldType::Text, "P1", "Policy?", {"POLICY", "policy "})));
    BOOST_TEST(dict.size() == 1u);
    BOOST_TEST(std::string(name_of(dict.match("Policy"))) == "policy");
}

BOOST_AUTO_TEST_CASE(empty_dictionary_matches_nothing) {
    FieldDictionary dict;
    BOOST_TEST(dict.size() == 0u);
    BOOST_TEST(dict.match("B1") == nullptr);
    BOOST_TEST(dict.match_ref("B1") == nullptr);
    BOOST_TEST(dict.find("") == nullptr);
}

BOOST_FIXTURE_TEST_CASE(an_alias_added_later_matches_its_field_only, Dictionary) {
    const FieldId id = dict.find("eq.training_pct")->id;
    BOOST_TEST(!dict.match("Staff trained this year"));
    dict.add_alias(id, "Staff trained this year");
    BOOST_TEST(name_of(dict.match("staff  TRAINED this year.")) == std::string("eq.training_pct"));
    dict.add_alias(id, "Training %");  // its own label again: harmless
    BOOST_CHECK_THROW(dict.add_alias(id, "EqPolicy"), std::invalid_argument);  // another field's label
    BOOST_TEST(name_of(dict.match("EqPolicy")) == std::string("eq.policy"));
    BOOST_CHECK_THROW(dict.add_alias(id, " ! "), std::invalid_argument);
    BOOST_CHECK_THROW(dict.add_alias(static_cast<FieldId>(dict.size()), "x"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
