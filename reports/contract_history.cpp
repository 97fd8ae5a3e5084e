#include "reports/contract_history.hpp"

#include <algorithm>

#include "rulebook/judgement.hpp"

namespace fairgate::reports::detail {

namespace {

// Bounds the schedule so that a mistyped start year cannot make thousands of rows.
constexpr int kMaxScheduledQuarters = 200;

std::optional<double> number_of(const Record& record, FieldId field) {
    if (field == kNoField) return std::nullopt;
    const Value& v = record.value(field);
    if (!v.is_valid()) return std::nullopt;
    switch (v.type()) {
        case FieldType::Integer: case FieldType::Number: case FieldType::Money: case FieldType::Percent: case FieldType::Days:
            return v.numeric();
        default: return std::nullopt;
    }
}

std::vector<const SupplierReturn*> quarterly_in_order(const ContractReport& report) {
    std::vector<const SupplierReturn*> q;
    for (const SupplierReturn* r : report.returns) {
        if (r && r->kind == ReturnKind::Quarterly && r->period) q.push_back(r);
    }
    std::stable_sort(q.begin(), q.end(), [](const SupplierReturn* a, const SupplierReturn* b) {
        return *a->period < *b->period;
    });
    return q;
}

}  // namespace

const SupplierReturn* awarded_tender(const ContractReport& report) {
    const SupplierReturn* only = nullptr;
    int tenders = 0;
    for (const SupplierReturn* r : report.returns) {
        if (!r || r->kind != ReturnKind::Tender) continue;
        if (report.contract && report.contract->supplied_by(r->supplier_id)) {
            return r;
        }
        only = r;
        ++tenders;
    }
    return tenders == 1 ? only : nullptr;
}

std::vector<ScheduledReturn> return_schedule(const ContractReport& report) {
    const std::vector<const SupplierReturn*> q = quarterly_in_order(report);
    // The quarters whose return was due by the date the position is stated at count too, so
    // that a quarter nobody reported on shows as missing, not as nothing; and those whose
    // return was refused, so that they show as received and refused.
    std::vector<Quarter> due;
    if (report.rulebook && report.contract)
        due = due_quarters(*report.rulebook, *report.contract, Date::parse_iso(report.data_date));
    std::vector<const RefusedReturn*> refused;
    for (const RefusedReturn* r : report.refused)
        if (r) refused.push_back(r);
    std::stable_sort(refused.begin(), refused.end(), [](const RefusedReturn* a, const RefusedReturn* b) {
        return a->identity.period < b->identity.period;
    });
    for (const RefusedReturn* r : refused) due.push_back(r->identity.period);
    std::sort(due.begin(), due.end());
    if (q.empty() && due.empty()) return {};
    const QuarterScheme scheme = report.rulebook ? report.rulebook->quarters : QuarterScheme::Financial;
    Quarter first = q.empty() ? due.front() : *q.front()->period;
    Quarter last = q.empty() ? due.back() : *q.back()->period;
    if (!due.empty()) {
        first = std::min(first, due.front());
        last = std::max(last, due.back());
    }
    if (report.contract && report.contract->start) {
        first = std::min(first, Quarter::containing(*report.contract->start, scheme));
    }
    if (last.ordinal() - first.ordinal() >= kMaxScheduledQuarters) {
        first = Quarter{0, 1};
        const int start = last.ordinal() - kMaxScheduledQuarters + 1;
        first.year = start / 4;
        first.quarter = start % 4 + 1;
    }

    std::vector<ScheduledReturn> out;
    auto next = q.begin();
    for (Quarter qt = first; !(last < qt); qt = qt.next()) {
        ScheduledReturn s;
        s.quarter = qt;
        while (next != q.end() && *(*next)->period < qt) ++next;
        if (next != q.end() && *(*next)->period == qt) s.ret = *next;
        for (const RefusedReturn* r : refused)
            if (r->identity.period == qt) s.refused.push_back(r);
        if (report.rulebook) s.due = report.rulebook->return_due(qt);
        if (s.due) {
            const std::optional<FirstReceipt> received = s.ret ? s.ret->first_receipt() : std::nullopt;
            if (received) s.days_late = received->date.days() - s.due->days();
        }
        out.push_back(s);
    }
    return out;
}

std::vector<QuarterMeasures> history(const ContractReport& report) {
    const Rulebook* rb = report.rulebook;
    const QuarterScheme scheme = rb ? rb->quarters : QuarterScheme::Financial;

    const WorkbookContent& shown = report.shown();

    // Each measure's commitment, from the winning tender, for the whole term.
    std::vector<std::optional<double>> commitments(shown.measures.size());
    if (const SupplierReturn* t = awarded_tender(report)) {
        for (size_t i = 0; i < shown.measures.size(); ++i) commitments[i] = number_of(t->answers, shown.measures[i].commitment);
    }
    const Contract* c = report.contract;
    const bool term_known = c && c->start && c->end && *c->start < *c->end;

    std::vector<QuarterMeasures> out;
    std::vector<std::optional<double>> running(shown.measures.size());
    for (const SupplierReturn* r : quarterly_in_order(report)) {
        QuarterMeasures m;
        m.quarter = *r->period;
        m.ret = r;
        for (FieldId id : shown.completeness) {
            const Value& v = r->answers.value(id);
            if (v.is_valid() && v.type() == FieldType::Percent) {
                m.completeness = m.completeness ? std::min(*m.completeness, v.as_fraction()) : v.as_fraction();
            }
        }
        m.complaints = number_of(r->answers, shown.complaints);
        m.resolved = number_of(r->answers, shown.complaints_resolved);
        if (term_known) {
            // As the rulebook's elapsed_share(): days to the quarter's end over the term, both inclusive.
            const double elapsed = m.quarter.last_day(scheme).days() - c->start->days() + 1;
            const double term = c->end->days() - c->start->days() + 1;
            m.elapsed_share = std::clamp(elapsed / term, 0.0, 1.0);
        }
        m.measures.resize(shown.measures.size());
        for (size_t i = 0; i < shown.measures.size(); ++i) {
            MeasureProgress& p = m.measures[i];
            p.delivered = number_of(r->answers, shown.measures[i].delivered);
            // As the rulebook's sum_to_date(): quarters without an answer add nothing.
            if (p.delivered) running[i] = running[i].value_or(0.0) + *p.delivered;
            p.delivered_to_date = running[i];
            if (m.elapsed_share && commitments[i]) p.due_to_date = *commitments[i] * *m.elapsed_share;
        }
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace fairgate::reports::detail
