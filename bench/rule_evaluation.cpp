// How fast the rulebook judges in-memory returns: rule evaluations per second on one core.
//
//   build/bench/bench-rule-evaluation [rules/bexley.xml] [contracts=2000] [repeats=7]
//
// Builds a synthetic contract (register record, three bids, four quarters) per contract with
// answers typed as suppliers type them, then times judge_contract over all of them; prints
// the median of the repeats. One "rule evaluation" is one rule judging one subject, with its
// finding built (message, evidence and provenance included).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "model/value_parse.hpp"
#include "rulebook/judgement.hpp"
#include "rulebook/rulebook_loader.hpp"

using namespace fairgate;

namespace {

void put(const Rulebook& rb, Record& r, const char* name, const std::string& raw) {
    const FieldDef* f = rb.fields.find(name);
    if (!f) return;
    r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{"bench.xlsx", "Questionnaire!C" + std::to_string(f->id)}});
}

struct Portfolio {
    std::vector<Contract> contracts;
    std::vector<std::vector<SupplierReturn>> bids;
    std::vector<std::vector<SupplierReturn>> quarters;
};

Portfolio make(const Rulebook& rb, int n) {
    Portfolio p;
    p.contracts.resize(static_cast<size_t>(n));
    p.bids.resize(static_cast<size_t>(n));
    p.quarters.resize(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        Contract& c = p.contracts[static_cast<size_t>(i)];
        c.id = "BX-" + std::to_string(i);
        c.tender_id = "T-" + std::to_string(i);
        c.supplier_id = "S" + std::to_string(i % 7);
        c.start = Date::from_ymd(2025, 4, 1);
        c.end = Date::from_ymd(2028, 3, 31);
        put(rb, c.fields, "contract.value", i % 3 ? "£6m" : "£400,000");
        put(rb, c.fields, "contract.start", "01/04/2025");
        put(rb, c.fields, "contract.end", "31/03/2028");
        put(rb, c.fields, "contract.service_to_residents", "Yes");
        put(rb, c.fields, "contract.notice_period_days", i % 5 ? "91" : "30");
        put(rb, c.fields, "contract.payment_terms_days", "30");
        put(rb, c.fields, "contract.payment_in_advance", "Yes");
        put(rb, c.fields, "contract.full_cost_recovery", "No");
        put(rb, c.fields, "contract.kpi_count", std::to_string(i % 4 + 1));
        put(rb, c.fields, "tender.id", c.tender_id);
        put(rb, c.fields, "tender.social_value_weighting", i % 4 ? "10%" : "5%");
        put(rb, c.fields, "supplier.vcse", i % 2 ? "Yes" : "No");
        for (int b = 0; b < 3; ++b) {
            SupplierReturn t;
            t.kind = ReturnKind::Tender;
            t.tender_id = c.tender_id;
            t.supplier_id = b == 0 ? c.supplier_id : "X" + std::to_string(b);
            static const char* yes_no[] = {"Yes", "No"};
            for (const char* f : {"eq.policy", "eq.staff_training", "eq.workforce_monitoring", "eq.service_user_monitoring",
                                  "eq.subcontractor_flowdown", "eq.complaints_procedure", "eq.accessible_information",
                                  "eq.hate_incident_reporting", "eq.eqia_contribution"}) {
                put(rb, t.answers, f, yes_no[(i + b) % 11 == 0]);
            }
            put(rb, t.answers, "eq.discrimination_findings", (i + b) % 13 == 0 ? "Yes" : "No");
            put(rb, t.answers, "eq.ehrc_investigation", "No");
            put(rb, t.answers, "supplier.employees", std::to_string(40 + 37 * ((i + b) % 11)));
            put(rb, t.answers, "supplier.turnover", (i + b) % 6 ? "£4.5m" : "£40m");
            put(rb, t.answers, "fw.modern_slavery_statement", (i + b) % 4 ? "Yes" : "N/A");
            put(rb, t.answers, "fw.gender_pay_gap_published", "Yes");
            put(rb, t.answers, "fw.disability_confident_level", std::to_string((i + b) % 4));
            put(rb, t.answers, "fw.living_wage", "Committed");
            put(rb, t.answers, "fw.subcontractor_payment_days", (i + b) % 9 ? "30" : "45");
            for (const char* f : {"sv.local_jobs_fte", "sv.long_term_unemployed_fte", "sv.disabled_jobs_fte",
                                  "sv.apprenticeship_weeks", "sv.training_weeks", "sv.volunteering_hours"}) {
                put(rb, t.answers, f, "6");
            }
            put(rb, t.answers, "sv.vcse_spend", "£20,000");
            put(rb, t.answers, "sv.local_sme_spend", "£50,000");
            p.bids[static_cast<size_t>(i)].push_back(std::move(t));
        }
        for (int q = 0; q < 4; ++q) {
            SupplierReturn r;
            r.kind = ReturnKind::Quarterly;
            r.contract_id = c.id;
            r.supplier_id = c.supplier_id;
            r.period = Quarter{2025, q + 1};
            put(rb, r.answers, "return.submitted", Quarter{2025, q + 1}.last_day(QuarterScheme::Financial).iso());
            put(rb, r.answers, "q.service_users", "120");
            for (const char* f : {"q.recorded.age", "q.recorded.disability", "q.recorded.gender_reassignment",
                                  "q.recorded.marriage_civil_partnership", "q.recorded.pregnancy_maternity", "q.recorded.race",
                                  "q.recorded.religion_belief", "q.recorded.sex", "q.recorded.sexual_orientation"}) {
                put(rb, r.answers, f, (i + q) % 5 ? "92%" : "71%");
            }
            put(rb, r.answers, "q.discrimination_complaints", "2");
            put(rb, r.answers, "q.discrimination_complaints_resolved_28d", (i + q) % 3 ? "2" : "1");
            put(rb, r.answers, "q.hate_incidents_reported", "0");
            put(rb, r.answers, "q.staff_training_pct", "91%");
            put(rb, r.answers, "q.easy_read_available", "Yes");
            put(rb, r.answers, "q.feedback_sessions", "3");
            put(rb, r.answers, "q.accessibility_review_date", "01/02/2025");
            put(rb, r.answers, "q.living_wage_paid", "Yes");
            put(rb, r.answers, "q.subcontractor_payment_days_avg", "28");
            put(rb, r.answers, "q.sv.local_jobs_fte", std::to_string(1 + (i + q) % 3));
            p.quarters[static_cast<size_t>(i)].push_back(std::move(r));
        }
    }
    return p;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : "rules/bexley.xml";
    const int n = argc > 2 ? std::stoi(argv[2]) : 2000;
    const int repeats = argc > 3 ? std::stoi(argv[3]) : 7;
    const Rulebook rb = load_rulebook(path);
    const Portfolio p = make(rb, n);

    // Two measures: deciding every rule (the engine), and deciding plus rendering each
    // finding's text and evidence (what a run stores and reports).
    auto measure = [&](bool render) {
        std::vector<double> rates;
        size_t evaluations = 0;
        for (int r = 0; r < repeats; ++r) {
            evaluations = 0;
            const auto t0 = std::chrono::steady_clock::now();
            for (size_t i = 0; i < p.contracts.size(); ++i) {
                ContractPortfolio cp;
                cp.contract = &p.contracts[i];
                for (const auto& b : p.bids[i]) cp.tender_returns.push_back(&b);
                for (const auto& q : p.quarters[i]) cp.quarterly_returns.push_back(&q);
                visit_subjects(rb, cp, [&](const Subject& s, const SubjectIdentity& who) {
                    for (const auto& rule : rb.rules) {
                        if (rule.stage != who.stage) continue;
                        if (render) {
                            const Finding f = judge(rb, rule, s, who);
                            evaluations += f.rule_id.empty() ? 0 : 1;
                        } else {
                            const Verdict v = evaluate_rule(rule, s);
                            evaluations += v.rule ? 1 : 0;
                        }
                    }
                });
            }
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            rates.push_back(static_cast<double>(evaluations) / secs);
        }
        std::sort(rates.begin(), rates.end());
        std::printf("%-34s median %10.0f /s  (min %.0f, max %.0f; %zu evaluations x %d repeats)\n",
                    render ? "rule evaluations with findings:" : "rule evaluations (decide only):",
                    rates[rates.size() / 2], rates.front(), rates.back(), evaluations, repeats);
    };
    std::printf("%d contracts (register record, 3 bids, 4 quarters each), %zu rules, one core\n", n, rb.rules.size());
    measure(false);
    measure(true);
    return 0;
}
