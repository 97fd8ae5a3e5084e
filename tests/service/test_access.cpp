// Tokens and roles: what the configuration stores, and who may do what.
#include <boost/test/unit_test.hpp>

#include "model/content_hash.hpp"
#include "service/access.hpp"

using namespace fairgate;
using namespace fairgate::service;

BOOST_AUTO_TEST_SUITE(tokens_and_roles)

BOOST_AUTO_TEST_CASE(a_new_token_is_stored_only_as_a_salted_hash) {
    const NewToken t = make_token("procurement", Role::Officer);
    BOOST_TEST(t.token.size() == 64u);
    BOOST_TEST(t.entry.salt.size() == 32u);
    BOOST_TEST(t.entry.sha256 == sha256_hex(t.entry.salt + t.token));
    BOOST_TEST(t.entry.sha256.find(t.token) == std::string::npos);
    const NewToken u = make_token("procurement", Role::Officer);
    BOOST_TEST(u.token != t.token, "tokens are random");
    BOOST_TEST(u.entry.salt != t.entry.salt, "salts are random");
}

BOOST_AUTO_TEST_CASE(a_token_finds_its_holder_and_nothing_else_does) {
    const NewToken officer = make_token("procurement", Role::Officer);
    const NewToken auditor = make_token("internal-audit", Role::Auditor);
    const AccessList list({officer.entry, auditor.entry});
    const auto p = list.find(auditor.token);
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(p->name == "internal-audit");
    BOOST_TEST((p->role == Role::Auditor));
    BOOST_TEST(list.find(officer.token)->name == "procurement");
    BOOST_TEST(!list.find("").has_value());
    BOOST_TEST(!list.find(officer.entry.sha256).has_value(), "the stored hash is not a token");
    std::string wrong = officer.token;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    BOOST_TEST(!list.find(wrong).has_value());
    BOOST_TEST(!AccessList({}).find(officer.token).has_value());
}

BOOST_AUTO_TEST_CASE(bearer_tokens_are_read_from_the_authorization_header) {
    BOOST_TEST(AccessList::bearer("Bearer abc123") == "abc123");
    BOOST_TEST(AccessList::bearer("bearer  abc123 ") == "abc123", "scheme is case-insensitive; spaces trimmed");
    BOOST_TEST(AccessList::bearer("Basic dXNlcjpwYXNz").empty());
    BOOST_TEST(AccessList::bearer("Bearer ").empty());
    BOOST_TEST(AccessList::bearer("").empty());
}

BOOST_AUTO_TEST_CASE(roles_allow_what_the_issue_says) {
    BOOST_TEST(permits(Role::Auditor, Permission::Read));
    BOOST_TEST(!permits(Role::Auditor, Permission::Upload));
    BOOST_TEST(!permits(Role::Auditor, Permission::Administer));
    BOOST_TEST(permits(Role::Officer, Permission::Read));
    BOOST_TEST(permits(Role::Officer, Permission::Upload));
    BOOST_TEST(!permits(Role::Officer, Permission::Administer));
    BOOST_TEST(permits(Role::Admin, Permission::Upload));
    BOOST_TEST(permits(Role::Admin, Permission::Administer));
    for (Role r : {Role::Auditor, Role::Officer, Role::Admin}) BOOST_TEST((parse_role(to_string(r)) == r));
    BOOST_TEST(!parse_role("root").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
