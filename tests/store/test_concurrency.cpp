// Several Stores (as several processes would) writing the same database at once: nothing
// fails, nothing is duplicated.

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>

#include "store_fixture.hpp"

using namespace fairgate;
using namespace fairgate::test;

BOOST_AUTO_TEST_SUITE(concurrency)

STORE_CASE(concurrent_writers_neither_fail_nor_duplicate) {
    // The schema is created by whichever opener wins; the others wait and find it current.
    constexpr int kWriters = 4, kRounds = 10;
    std::mutex m;
    std::vector<std::string> errors;
    std::vector<std::thread> threads;
    for (int w = 0; w < kWriters; ++w) {
        threads.emplace_back([&, w] {
            try {
                auto store = db.open();
                for (int round = 0; round < kRounds; ++round) {
                    // Every writer imports the same contracts and returns, in its own order,
                    // and replaces the same subjects' findings.
                    std::vector<Contract> cs = {make_contract("BX-1", "T-1", "reg"), make_contract("BX-2", "T-2", "reg")};
                    std::vector<SupplierReturn> rs = {tender_return("T-1", "SUP-1", "reg"),
                                                      quarterly_return("BX-1", {2026, 1}, "reg")};
                    if (w % 2) {
                        std::swap(cs[0], cs[1]);
                        std::swap(rs[0], rs[1]);
                    }
                    store->save_import("run-" + std::to_string(w), file_result("reg.csv", "reg"), cs, rs, dictionary());
                    std::vector<Finding> fs;
                    for (int k = 0; k < 20; ++k) {
                        fs.push_back(make_finding("subject-" + std::to_string(k), "R" + std::to_string(round % 3),
                                                  "BX-1", Outcome::Pass));
                    }
                    if (w % 2) std::reverse(fs.begin(), fs.end());
                    store->save_findings("run-" + std::to_string(w), fs);
                }
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> lock(m);
                errors.emplace_back(e.what());
            }
        });
    }
    for (auto& t : threads) t.join();
    for (const auto& e : errors) BOOST_TEST_MESSAGE(e);
    BOOST_TEST(errors.empty());
    BOOST_TEST(db.count("schema_migrations") >= 1);
    BOOST_TEST(db.count("files") == 1);
    BOOST_TEST(db.count("contracts") == 2);
    BOOST_TEST(db.count("contract_values") == 4);
    BOOST_TEST(db.count("returns") == 2);
    BOOST_TEST(db.count("return_values") == 11);
    // Each subject holds exactly the findings of the last save that touched it: one rule.
    BOOST_TEST(db.count("findings") == 20);
    BOOST_TEST(db.count("finding_evidence") == 40);
}

BOOST_AUTO_TEST_SUITE_END()
