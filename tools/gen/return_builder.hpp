#pragma once
// The answers a compliant supplier gives, shared by the curated sample (which then bends a
// few answers into scenarios) and the synthetic portfolio (which bends some at random).
// Keeping "what a good return looks like" in one place means a scenario changes only what it
// is about, so each one triggers the rule it is meant to and nothing else.

#include <array>
#include <cstdint>
#include <string>

#include "model/date.hpp"
#include "model/period.hpp"
#include "portfolio.hpp"
#include "rng.hpp"

namespace fairgate::gen {

/// The UK financial-year scheme the council reports in (2026-Q1 = Apr-Jun 2026).
inline constexpr QuarterScheme kScheme = QuarterScheme::Financial;
/// Days after quarter end by which a monitoring return is due.
inline constexpr int kReturnDueDays = 28;

struct SupplierProfile {
    std::string id;
    std::string name;
    int employees = 0;
    int64_t turnover_pounds = 0;
    bool vcse = false;
};

/// micro / small / medium / large by the Companies Act headcount and turnover limits.
std::string scale_of(int employees, int64_t turnover_pounds);

/// D1..D8 (tender commitment over the contract) or Q12a..Q12h (delivered in a quarter), in the
/// same order; money in pounds.
using SocialValue = std::array<double, kSocialValueMeasures>;

/// A tender return answering every question as a compliant bidder would: policies in place,
/// no findings, statutory answers "Yes" above their thresholds and "N/A" below, Disability
/// Confident level 2, London Living Wage committed, subcontractors paid in 30 days.
Return compliant_tender_return(const std::string& tender_id, const SupplierProfile& supplier,
                               Date submitted, const SocialValue& offer);

/// What a service looks like from its monitoring returns.
struct ServiceProfile {
    int64_t service_users = 0;       ///< Per quarter; 0 for a back-office service.
    double recorded_shift = 0;       ///< Added to the typical shares recorded (may be negative).
    int max_complaints = 1;          ///< Discrimination complaints per quarter, at most.
    int max_hate_incidents = 1;      ///< Hate incidents reported per quarter, at most.
    Date last_accessibility_review;  ///< Reviewed again every 300 days after.
    bool living_wage_promised = true;
    std::string users_note;          ///< Evidence on Q1 (what "residents served" counts here).
};

/// Social value due in `quarter` pro rata to the days of the term it covers, times `factor`,
/// rounded up (to 0.1 for FTE and weeks, to whole pounds and hours) so that a delivery at
/// factor >= 1 never looks short because of rounding.
SocialValue delivered_in_quarter(const ContractRow& contract, Quarter quarter,
                                 const SocialValue& commitment, double factor);

/// The factor a compliant supplier delivers at in the n-th quarter it reports: slightly ahead
/// and rising, so that no measure falls two quarters running through quarter length alone.
double compliant_delivery_factor(int quarter_number);

/// A compliant monitoring return for `contract` in `quarter`; `quarter_number` counts the
/// supplier's returns from 0; `rng` varies the figures within compliant ranges.
Return compliant_quarterly_return(const ContractRow& contract, Quarter quarter, int quarter_number,
                                  Date submitted, const SocialValue& commitment,
                                  const ServiceProfile& service, Rng& rng);

/// The last day a return for `quarter` is on time.
Date due_date(Quarter quarter);
Date add_days(Date d, int days);

}  // namespace fairgate::gen
