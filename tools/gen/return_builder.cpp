#include "return_builder.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace fairgate::gen {

namespace {

constexpr int64_t kModernSlaveryTurnover = 36'000'000;
constexpr int kGenderPayGapEmployees = 250;

/// "Bexley Care Partnership Ltd" -> "bexleycarepartnership", for made-up web addresses.
std::string slug(const std::string& name) {
    std::string s;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c))) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    for (const char* suffix : {"ltd", "plc", "cic", "cio"}) {
        const std::string suf = suffix;
        if (s.size() > suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0) s.erase(s.size() - suf.size());
    }
    return s;
}

double round_up(double v, double step) { return std::ceil(v / step - 1e-9) * step; }
/// Rounds to a multiple of 1/per_unit; dividing (not multiplying by a step like 0.01) gives the
/// double nearest the decimal, so 0.95 is written as 0.95 and not 0.9500000000000001.
double round_to(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

// Typical shares recorded, highest first: age and sex are asked at referral; sexual
// orientation and gender reassignment are the ones people most often leave out.
constexpr std::array<double, 9> kRecordedTypical = {0.97, 0.93, 0.87, 0.89, 0.88, 0.94, 0.90, 0.98, 0.86};

}  // namespace

Date add_days(Date d, int days) { return Date::from_days(d.days() + days); }

Date due_date(Quarter quarter) { return add_days(quarter.last_day(kScheme), kReturnDueDays); }

std::string scale_of(int employees, int64_t turnover_pounds) {
    if (employees < 10 && turnover_pounds <= 2'000'000) return "micro";
    if (employees < 50 && turnover_pounds <= 10'000'000) return "small";
    if (employees < 250 && turnover_pounds <= 50'000'000) return "medium";
    return "large";
}

Return compliant_tender_return(const std::string& tender_id, const SupplierProfile& supplier,
                               Date submitted, const SocialValue& offer) {
    Return r(ReturnKind::Tender);
    r.tender_id = tender_id;
    r.supplier_id = supplier.id;
    r.supplier_name = supplier.name;
    r.submitted = submitted;

    r.at("A1") = Cell::str(supplier.name);
    r.at("A2") = Cell::str(supplier.id);
    r.at("A3") = Cell::integer(supplier.employees);
    r.at("A4") = Cell::money(static_cast<double>(supplier.turnover_pounds));
    r.at("A5") = Cell::yes_no(supplier.vcse);
    r.at("B1") = Cell::yes_no(true).with_evidence("Policy attached: " + supplier.name + " Equality, Diversity and Inclusion Policy");
    r.at("B2") = Cell::yes_no(false);
    r.at("B3") = Cell::yes_no(false);
    for (const char* ref : {"B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11", "B12"}) r.at(ref) = Cell::yes_no(true);
    r.at("B4").evidence = "Mandatory e-learning at induction, refreshed every two years";
    r.at("B8").evidence = "Complaints procedure in Easy Read, large print and BSL video";

    if (supplier.turnover_pounds >= kModernSlaveryTurnover) {
        r.at("C1") = Cell::str("Yes").with_evidence("https://www." + slug(supplier.name) + ".example/modern-slavery-statement");
    } else {
        r.at("C1") = Cell::str("N/A");
    }
    if (supplier.employees >= kGenderPayGapEmployees) {
        r.at("C2") = Cell::str("Yes").with_evidence("Published on the government gender pay gap service, snapshot 5 April 2024");
    } else {
        r.at("C2") = Cell::str("N/A");
    }
    r.at("C3") = Cell::str("2");
    r.at("C4") = Cell::str("Committed");
    r.at("C5") = Cell::integer(30);
    r.at("C6") = Cell::yes_no(true);

    for (size_t i = 0; i < kSocialValueMeasures; ++i) {
        const size_t index = question_index(ReturnKind::Tender, "D1") + i;
        r.answers[index] = questions(ReturnKind::Tender)[index].type == AnswerType::Money ? Cell::money(offer[i]) : Cell::num(offer[i]);
    }
    return r;
}

SocialValue delivered_in_quarter(const ContractRow& contract, Quarter quarter,
                                 const SocialValue& commitment, double factor) {
    const int32_t term_days = contract.end.days() - contract.start.days() + 1;
    const int32_t first = std::max(quarter.first_day(kScheme).days(), contract.start.days());
    const int32_t last = std::min(quarter.last_day(kScheme).days(), contract.end.days());
    const double share = term_days > 0 && last >= first ? static_cast<double>(last - first + 1) / term_days : 0.0;
    SocialValue out{};
    const auto& qs = questions(ReturnKind::Tender);
    const size_t d1 = question_index(ReturnKind::Tender, "D1");
    for (size_t i = 0; i < kSocialValueMeasures; ++i) {
        const double due = commitment[i] * share * factor;
        const bool whole = qs[d1 + i].type == AnswerType::Money || qs[d1 + i].ref == "D8";
        out[i] = whole ? round_up(due, 1.0) : round_up(due, 0.1);
        // Keep one decimal exactly, so a CSV shows 0.3 and not 0.30000000000000004.
        if (!whole) out[i] = std::round(out[i] * 10.0) / 10.0;
    }
    return out;
}

double compliant_delivery_factor(int quarter_number) { return std::min(1.05 + 0.05 * quarter_number, 1.3); }

Return compliant_quarterly_return(const ContractRow& contract, Quarter quarter, int quarter_number,
                                  Date submitted, const SocialValue& commitment,
                                  const ServiceProfile& service, Rng& rng) {
    Return r(ReturnKind::Quarterly);
    r.contract_id = contract.id;
    r.supplier_id = contract.supplier_id;
    r.supplier_name = contract.supplier_name;
    r.period = quarter;
    r.submitted = submitted;

    const bool residents = contract.service_to_residents && service.service_users > 0;
    if (residents) {
        const double users = static_cast<double>(service.service_users) * rng.uniform(0.94, 1.08);
        r.at("Q1") = Cell::integer(static_cast<int64_t>(std::llround(users)));
        if (!service.users_note.empty()) r.at("Q1").evidence = service.users_note;
        const size_t q2a = question_index(ReturnKind::Quarterly, "Q2a");
        for (size_t i = 0; i < kRecordedTypical.size(); ++i) {
            const double share = std::clamp(kRecordedTypical[i] + service.recorded_shift + rng.uniform(-0.02, 0.02), 0.82, 1.0);
            r.answers[q2a + i] = Cell::percent(round_to(share, 100));
        }
    } else {
        r.at("Q1") = Cell::integer(0).with_evidence(service.users_note.empty() ? "Back-office service: no residents served directly" : service.users_note);
    }

    const int64_t complaints = rng.between(0, service.max_complaints);
    r.at("Q3") = Cell::integer(complaints);
    r.at("Q4") = Cell::integer(complaints);
    if (complaints > 0) r.at("Q4").evidence = "All acknowledged within 2 working days and closed within 28 days";
    r.at("Q5") = Cell::integer(rng.between(0, service.max_hate_incidents));
    r.at("Q6") = Cell::percent(round_to(rng.uniform(0.92, 0.99), 100));
    r.at("Q7") = Cell::yes_no(true);
    // A back-office service holds no resident feedback sessions (the rule does not apply to it);
    // the draw is made either way so that the figures after it do not depend on the service.
    const int64_t feedback_sessions = rng.between(2, 6);
    r.at("Q8") = Cell::integer(residents ? feedback_sessions : 0);

    // Reviewed again every 300 days, so the last review is always well inside the 12 months
    // the council allows, whatever quarter or leap year the return is for.
    Date review = service.last_accessibility_review;
    const Date quarter_end = quarter.last_day(kScheme);
    while (add_days(review, 300) <= quarter_end) review = add_days(review, 300);
    r.at("Q9") = Cell::day(review);
    r.at("Q10") = Cell::yes_no(service.living_wage_promised);
    r.at("Q11") = Cell::num(round_to(rng.uniform(14.0, 27.0), 2));

    // The council reviews each service's Equality Impact Assessment about once a year: the
    // supplier contributes 45 days after the contract starts (or half way to the quarter's end,
    // for a contract younger than that) and every 300 days after, so the latest contribution is
    // always inside the 12 months the council allows.
    Date eqia = add_days(contract.start, 45);
    if (eqia > quarter_end) eqia = add_days(contract.start, std::max(0, (quarter_end.days() - contract.start.days()) / 2));
    while (add_days(eqia, 300) <= quarter_end) eqia = add_days(eqia, 300);
    r.at("Q13") = Cell::yes_no(true);
    r.at("Q13a") = Cell::day(eqia);

    const SocialValue delivered = delivered_in_quarter(contract, quarter, commitment, compliant_delivery_factor(quarter_number));
    const size_t q12a = question_index(ReturnKind::Quarterly, "Q12a");
    const auto& qs = questions(ReturnKind::Quarterly);
    for (size_t i = 0; i < kSocialValueMeasures; ++i) {
        r.answers[q12a + i] = qs[q12a + i].type == AnswerType::Money ? Cell::money(delivered[i]) : Cell::num(delivered[i]);
    }
    return r;
}

}  // namespace fairgate::gen
