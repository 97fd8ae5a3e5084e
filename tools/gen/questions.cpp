#include "questions.hpp"

#include <stdexcept>
#include <string>

namespace fairgate::gen {

namespace {

using T = AnswerType;

// Tender questionnaire: wording exactly as the council's template (domain README, section 2),
// with B12 (harassment and bullying procedures, EQP-5C) after it.
const std::vector<Question> kTender = {
    {"A1", "supplier.name", "Full legal name of the organisation", "Organisation name", T::Text},
    {"A2", "supplier.id", "Companies House or charity registration number", "Registration number", T::Text},
    {"A3", "supplier.employees", "Number of employees in the UK", "Employees", T::Integer},
    {"A4", "supplier.turnover", "Annual turnover (last full financial year)", "Turnover", T::Money},
    {"A5", "supplier.vcse", "Are you a voluntary, community or social enterprise organisation?", "VCSE", T::YesNo},
    {"B1", "eq.policy", "Do you have a written equality, diversity and inclusion policy covering all nine protected characteristics? (attach it)", "Equality policy", T::YesNo},
    {"B2", "eq.discrimination_findings", "In the last three years, has any court or employment tribunal made a finding of unlawful discrimination against your organisation?", "Discrimination findings", T::YesNo},
    {"B2a", "eq.discrimination_remedy", "If yes: what have you done to prevent it happening again?", "Discrimination remedy", T::Text},
    {"B3", "eq.ehrc_investigation", "In the last three years, has the Equality and Human Rights Commission formally investigated your organisation for alleged unlawful discrimination?", "EHRC investigation", T::YesNo},
    {"B3a", "eq.ehrc_outcome", "If yes: the outcome and the measures taken", "EHRC outcome", T::Text},
    {"B4", "eq.staff_training", "Do staff delivering this contract receive equality and diversity training?", "Staff equality training", T::YesNo},
    {"B5", "eq.workforce_monitoring", "Do you monitor your workforce by protected characteristic?", "Workforce monitoring", T::YesNo},
    {"B6", "eq.service_user_monitoring", "Will you collect equality monitoring data on service users and report it each quarter, stored under UK GDPR / DPA 2018?", "Service user monitoring", T::YesNo},
    {"B7", "eq.subcontractor_flowdown", "Will you bind subcontractors to equivalent equality obligations?", "Subcontractor flow-down", T::YesNo},
    {"B8", "eq.complaints_procedure", "Can residents raise discrimination complaints through a procedure available in accessible formats?", "Accessible complaints procedure", T::YesNo},
    {"B9", "eq.accessible_information", "Will you provide service information in accessible formats, Easy Read included?", "Accessible information", T::YesNo},
    {"B10", "eq.hate_incident_reporting", "Will you report hate incidents and discrimination linked to the service to the council?", "Hate incident reporting", T::YesNo},
    {"B11", "eq.eqia_contribution", "Will you contribute to the council's Equality Impact Assessment of the service?", "EQIA contribution", T::YesNo},
    {"B12", "eq.harassment_procedures", "Do you have procedures that support all employees to receive fair treatment and address any harassment or bullying?", "Harassment and bullying procedures", T::YesNo},
    {"C1", "fw.modern_slavery_statement", "If turnover is £36m or more: have you published a Modern Slavery Act s54 statement? (give its address)", "Modern slavery statement", T::Choice},
    {"C2", "fw.gender_pay_gap_published", "If you have 250 or more employees: have you published your latest gender pay gap figures?", "Gender pay gap published", T::Choice},
    {"C3", "fw.disability_confident_level", "Your Disability Confident level", "Disability Confident level", T::Choice},
    {"C4", "fw.living_wage", "Will staff on this contract be paid at least the London Living Wage?", "London Living Wage", T::Choice},
    {"C5", "fw.subcontractor_payment_days", "Payment terms you give your subcontractors, in days", "Subcontractor payment days", T::Integer},
    {"C6", "fw.uses_subcontractors", "Will you subcontract any part of this contract?", "Uses subcontractors", T::YesNo},
    {"D1", "sv.local_jobs_fte", "Commitment over the contract: local people employed (FTE) (National TOMs NT1)", "Local people employed (FTE)", T::Number},
    {"D2", "sv.long_term_unemployed_fte", "long-term unemployed people hired (FTE) (NT3)", "Long-term unemployed hired (FTE)", T::Number},
    {"D3", "sv.disabled_jobs_fte", "disabled people hired (FTE) (NT6)", "Disabled people hired (FTE)", T::Number},
    {"D4", "sv.apprenticeship_weeks", "weeks of apprenticeships (NT10)", "Apprenticeship weeks", T::Number},
    {"D5", "sv.training_weeks", "weeks of training (NT9)", "Training weeks", T::Number},
    {"D6", "sv.vcse_spend", "spend with voluntary, community and social enterprises", "VCSE spend", T::Money},
    {"D7", "sv.local_sme_spend", "spend with local small and medium enterprises", "Local SME spend", T::Money},
    {"D8", "sv.volunteering_hours", "staff volunteering hours in the borough", "Volunteering hours", T::Number},
};

// Quarterly monitoring return: the README's meaning column as the question, capitalised as a
// form would show it; Q2 and Q12 split into one row per characteristic / measure; Q13 and Q13a
// follow up the tender's B11 (a contribution to the council's Equality Impact Assessment).
const std::vector<Question> kQuarterly = {
    {"Q1", "q.service_users", "Residents served in the quarter", "Residents served", T::Integer},
    {"Q2a", "q.recorded.age", "Share of service users with age recorded", "", T::Percent},
    {"Q2b", "q.recorded.disability", "Share of service users with disability recorded", "", T::Percent},
    {"Q2c", "q.recorded.gender_reassignment", "Share of service users with gender reassignment recorded", "", T::Percent},
    {"Q2d", "q.recorded.marriage_civil_partnership", "Share of service users with marriage and civil partnership recorded", "", T::Percent},
    {"Q2e", "q.recorded.pregnancy_maternity", "Share of service users with pregnancy and maternity recorded", "", T::Percent},
    {"Q2f", "q.recorded.race", "Share of service users with race recorded", "", T::Percent},
    {"Q2g", "q.recorded.religion_belief", "Share of service users with religion or belief recorded", "", T::Percent},
    {"Q2h", "q.recorded.sex", "Share of service users with sex recorded", "", T::Percent},
    {"Q2i", "q.recorded.sexual_orientation", "Share of service users with sexual orientation recorded", "", T::Percent},
    {"Q3", "q.discrimination_complaints", "Discrimination complaints received", "", T::Integer},
    {"Q4", "q.discrimination_complaints_resolved_28d", "Of those, resolved within 28 days", "", T::Integer},
    {"Q5", "q.hate_incidents_reported", "Hate incidents reported to the council", "", T::Integer},
    {"Q6", "q.staff_training_pct", "Contract staff with current equality training", "", T::Percent},
    {"Q7", "q.easy_read_available", "Easy Read service information available this quarter", "", T::YesNo},
    {"Q8", "q.feedback_sessions", "Resident feedback opportunities held", "", T::Integer},
    {"Q9", "q.accessibility_review_date", "Last accessibility review of the service", "", T::Date},
    {"Q10", "q.living_wage_paid", "All contract staff paid at least the London Living Wage", "", T::YesNo},
    {"Q11", "q.subcontractor_payment_days_avg", "Average days taken to pay subcontractors", "", T::Number},
    {"Q12a", "q.sv.local_jobs_fte", "Delivered this quarter: local people employed (FTE) (National TOMs NT1)", "", T::Number},
    {"Q12b", "q.sv.long_term_unemployed_fte", "Delivered this quarter: long-term unemployed people hired (FTE) (NT3)", "", T::Number},
    {"Q12c", "q.sv.disabled_jobs_fte", "Delivered this quarter: disabled people hired (FTE) (NT6)", "", T::Number},
    {"Q12d", "q.sv.apprenticeship_weeks", "Delivered this quarter: weeks of apprenticeships (NT10)", "", T::Number},
    {"Q12e", "q.sv.training_weeks", "Delivered this quarter: weeks of training (NT9)", "", T::Number},
    {"Q12f", "q.sv.vcse_spend", "Delivered this quarter: spend with voluntary, community and social enterprises", "", T::Money},
    {"Q12g", "q.sv.local_sme_spend", "Delivered this quarter: spend with local small and medium enterprises", "", T::Money},
    {"Q12h", "q.sv.volunteering_hours", "Delivered this quarter: staff volunteering hours in the borough", "", T::Number},
    {"Q13", "q.eqia_contributed", "Contributed to the council's Equality Impact Assessment of the service in the last 12 months (since award, if sooner)", "", T::YesNo},
    {"Q13a", "q.eqia_contribution_date", "If yes: date of the latest contribution to the Equality Impact Assessment", "", T::Date},
};

}  // namespace

const std::vector<Question>& questions(ReturnKind kind) {
    return kind == ReturnKind::Tender ? kTender : kQuarterly;
}

size_t question_index(ReturnKind kind, std::string_view ref) {
    const auto& qs = questions(kind);
    for (size_t i = 0; i < qs.size(); ++i)
        if (qs[i].ref == ref) return i;
    throw std::out_of_range("no question " + std::string(ref));
}

}  // namespace fairgate::gen
