#include "pipeline/public_register.hpp"

#include <string>

#include "model/register_entry.hpp"

namespace fairgate {
namespace {

// The role table guarantees the field's type suits the register's fact (model/field.cpp).
FieldId declared(const FieldDictionary& fields, FieldRole role) {
    const FieldDef* f = fields.find(role);
    return f ? f->id : kNoField;
}

}  // namespace

RegisterFacts::RegisterFacts(const FieldDictionary& fields)
    : year_(declared(fields, FieldRole::GpgYear)),
      reported_(declared(fields, FieldRole::GpgReported)),
      size_band_(declared(fields, FieldRole::GpgSizeBand)),
      employees_min_(declared(fields, FieldRole::GpgEmployeesMin)),
      late_(declared(fields, FieldRole::GpgLate)),
      submitted_(declared(fields, FieldRole::GpgSubmitted)),
      median_gap_(declared(fields, FieldRole::GpgMedianGap)) {}

bool RegisterFacts::wanted() const {
    for (FieldId f : {year_, reported_, size_band_, employees_min_, late_, submitted_, median_gap_})
        if (f != kNoField) return true;
    return false;
}

void RegisterFacts::attach(Store& store, std::vector<SupplierReturn>& returns) const {
    if (!wanted()) return;
    const std::string register_name(kGenderPayGapRegister);
    std::optional<std::string> year;
    bool looked = false;
    for (SupplierReturn& r : returns) {
        if (r.kind != ReturnKind::Tender) continue;
        if (!looked) {
            year = store.latest_register_year(register_name);
            looked = true;
        }
        if (!year) return;  // no register held: nothing to say about anyone
        auto set = [&](FieldId field, Value value, std::string_view typed, const Provenance& where) {
            if (field == kNoField) return;
            r.answers.set(field, Answer::read(std::move(value), typed, Provenance(where)));
        };
        const auto entry = store.find_register_entry(register_name, r.supplier_id, r.supplier_name);
        if (!entry) {
            const Provenance none(register_name + " " + *year, "no row");
            set(year_, Value::text(*year), *year, none);
            set(reported_, Value::yes_no(false), "No", none);
            continue;
        }
        const Provenance row(entry->citation(), entry->place());
        set(year_, Value::text(entry->year), entry->year, row);
        set(reported_, Value::yes_no(true), "Yes", row);
        const std::string band(to_string(entry->size_band));
        set(size_band_, Value::text(band), band, row);
        if (const auto least = minimum_employees(entry->size_band)) set(employees_min_, Value::integer(*least), band, row);
        set(late_, Value::yes_no(entry->late), entry->late ? "True" : "False", row);
        if (entry->submitted) set(submitted_, Value::date(*entry->submitted), entry->submitted->iso(), row);
        if (entry->median_gap_percent) {
            set(median_gap_, Value::percent(*entry->median_gap_percent / 100), entry->median_gap_text(), row);
        }
    }
}

}  // namespace fairgate
