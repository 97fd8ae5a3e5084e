#include "reports/contract_history.hpp"

#include <algorithm>
#include <string_view>

namespace fairgate::reports::detail {

namespace {

// Which dictionary fields the History sheet reads. Data, not logic: a rulebook that names
// its fields differently needs only this table changed, and a field the rulebook lacks
// leaves its column blank.
struct HistoryFields {
    std::string_view completeness_prefix;  // every percent field under it; the lowest counts
    std::string_view complaints;
    std::string_view resolved;
    std::string_view delivered;            // quarterly social value delivered
    std::string_view commitment;           // the tender's commitment for the whole term
    std::string_view due_days_parameter;   // days after quarter end a return is due
};
constexpr HistoryFields kFields{
    "q.recorded.",
    "q.discrimination_complaints",
    "q.discrimination_complaints_resolved_28d",
    "q.sv.local_jobs_fte",
    "sv.local_jobs_fte",
    "return_due_days",
};

// Bounds the schedule so that a mistyped start year cannot make thousands of rows.
constexpr int kMaxScheduledQuarters = 200;

std::optional<double> number_of(const Rulebook* rb, const Record& record, std::string_view name) {
    if (!rb) return std::nullopt;
    const FieldDef* def = rb->fields.find(name);
    if (!def) return std::nullopt;
    const Value& v = record.value(def->id);
    if (!v.is_valid()) return std::nullopt;
    switch (v.type()) {
        case FieldType::Integer: case FieldType::Number: case FieldType::Money: case FieldType::Percent:
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
        if (report.contract && !report.contract->supplier_id.empty() && r->supplier_id == report.contract->supplier_id) {
            return r;
        }
        only = r;
        ++tenders;
    }
    return tenders == 1 ? only : nullptr;
}

std::vector<ScheduledReturn> return_schedule(const ContractReport& report) {
    const std::vector<const SupplierReturn*> q = quarterly_in_order(report);
    if (q.empty()) return {};
    const QuarterScheme scheme = report.rulebook ? report.rulebook->quarters : QuarterScheme::Financial;
    Quarter first = *q.front()->period;
    const Quarter last = *q.back()->period;
    if (report.contract && report.contract->start) {
        first = std::min(first, Quarter::containing(*report.contract->start, scheme));
    }
    if (last.ordinal() - first.ordinal() >= kMaxScheduledQuarters) {
        first = Quarter{0, 1};
        const int start = last.ordinal() - kMaxScheduledQuarters + 1;
        first.year = start / 4;
        first.quarter = start % 4 + 1;
    }

    std::optional<int64_t> due_days;
    if (report.rulebook) {
        auto it = report.rulebook->parameters.find(std::string(kFields.due_days_parameter));
        if (it != report.rulebook->parameters.end() && it->second.value.is_valid() &&
            it->second.value.type() == FieldType::Integer) {
            due_days = it->second.value.as_integer();
        }
    }

    std::vector<ScheduledReturn> out;
    auto next = q.begin();
    for (Quarter qt = first; !(last < qt); qt = qt.next()) {
        ScheduledReturn s;
        s.quarter = qt;
        while (next != q.end() && *(*next)->period < qt) ++next;
        if (next != q.end() && *(*next)->period == qt) s.ret = *next;
        if (due_days) {
            s.due = Date::from_days(static_cast<int32_t>(qt.last_day(scheme).days() + *due_days));
            if (s.ret && s.ret->submitted) s.days_late = s.ret->submitted->days() - s.due->days();
        }
        out.push_back(s);
    }
    return out;
}

std::vector<QuarterMeasures> history(const ContractReport& report) {
    const Rulebook* rb = report.rulebook;
    const QuarterScheme scheme = rb ? rb->quarters : QuarterScheme::Financial;

    std::vector<FieldId> recorded;
    if (rb) {
        for (const FieldDef& def : rb->fields.all()) {
            if (def.type == FieldType::Percent && std::string_view(def.name).substr(0, kFields.completeness_prefix.size()) ==
                                                     kFields.completeness_prefix) {
                recorded.push_back(def.id);
            }
        }
    }

    std::optional<double> commitment;
    if (const SupplierReturn* t = awarded_tender(report)) commitment = number_of(rb, t->answers, kFields.commitment);
    const Contract* c = report.contract;
    const bool term_known = c && c->start && c->end && *c->start < *c->end;

    std::vector<QuarterMeasures> out;
    std::optional<double> running;
    for (const SupplierReturn* r : quarterly_in_order(report)) {
        QuarterMeasures m;
        m.quarter = *r->period;
        m.ret = r;
        for (FieldId id : recorded) {
            const Value& v = r->answers.value(id);
            if (v.is_valid() && v.type() == FieldType::Percent) {
                m.completeness = m.completeness ? std::min(*m.completeness, v.as_fraction()) : v.as_fraction();
            }
        }
        m.complaints = number_of(rb, r->answers, kFields.complaints);
        m.resolved = number_of(rb, r->answers, kFields.resolved);
        m.delivered = number_of(rb, r->answers, kFields.delivered);
        // As the rulebook's sum_to_date(): quarters without an answer add nothing.
        if (m.delivered) running = running.value_or(0.0) + *m.delivered;
        m.delivered_to_date = running;
        if (term_known) {
            // As the rulebook's elapsed_share(): days to the quarter's end over the term, both inclusive.
            const double elapsed = m.quarter.last_day(scheme).days() - c->start->days() + 1;
            const double term = c->end->days() - c->start->days() + 1;
            m.elapsed_share = std::clamp(elapsed / term, 0.0, 1.0);
            if (commitment) m.due_to_date = *commitment * *m.elapsed_share;
        }
        out.push_back(m);
    }
    return out;
}

}  // namespace fairgate::reports::detail
