#include "importers/return_identity.hpp"

#include "importers/import_error.hpp"
#include "model/value_parse.hpp"

namespace fairgate::importers {
namespace {

const Answer* answer_of(const Record& r, const FieldDef* f) {
    return f ? r.get(f->id) : nullptr;
}

// The identity text of a field: its value when valid, else empty. Identity fields are text
// in the shipped rulebooks, but a rulebook may type them otherwise; canonical() covers both.
std::string text_of(const Record& r, const FieldDef* f) {
    const Answer* a = answer_of(r, f);
    if (!a || !a->value.is_valid()) return {};
    return std::string(trim(a->value.canonical()));
}

}  // namespace

IdentityFields::IdentityFields(const FieldDictionary& fields)
    : kind(fields.find(FieldRole::ReturnKind)),
      tender_id(fields.find(FieldRole::TenderId)),
      contract_id(fields.find(FieldRole::ContractId)),
      supplier_id(fields.find(FieldRole::SupplierId)),
      supplier_name(fields.find(FieldRole::SupplierName)),
      period(fields.find(FieldRole::ReturnPeriod)),
      submitted(fields.find(FieldRole::ReturnSubmitted)),
      quarters(fields.quarters()) {}

SupplierReturn identify_return(Record answers, const FieldDictionary& fields, const SourceFile& file,
                               const ReturnPlace& place, std::vector<ImportNote>& notes) {
    return identify_return(std::move(answers), IdentityFields(fields), file, place, notes);
}

SupplierReturn identify_return(Record answers, const IdentityFields& fields, const SourceFile& file,
                               const ReturnPlace& place, std::vector<ImportNote>& notes) {
    SupplierReturn ret;
    auto refuse = [&](const std::string& problem) -> void { throw ImportError(place.where, place.name + " " + problem); };

    const Answer* kind_answer = answer_of(answers, fields.kind);
    std::optional<ReturnKind> kind;
    if (kind_answer && !kind_answer->value.is_absent()) {
        const std::string typed = kind_answer->value.is_valid() ? kind_answer->value.canonical() : kind_answer->value.invalid_raw();
        kind = parse_return_kind(typed);
        if (!kind) refuse("has the return type '" + typed + "', which is neither Tender nor Quarterly");
    }
    const std::string tender_id = text_of(answers, fields.tender_id);
    const std::string contract_id = text_of(answers, fields.contract_id);
    const std::string period_text = text_of(answers, fields.period);
    if (!kind) {
        if (!place.may_infer_kind) refuse("has no return type (Tender or Quarterly)");
        if (!period_text.empty() || (!contract_id.empty() && tender_id.empty())) {
            kind = ReturnKind::Quarterly;
            notes.push_back(ImportNote{place.where, place.name + " has no return type; read as a quarterly return because it gives " +
                                                        (period_text.empty() ? "a contract reference" : "a reporting period")});
        } else if (!tender_id.empty()) {
            kind = ReturnKind::Tender;
            notes.push_back(ImportNote{place.where, place.name + " has no return type; read as a tender return because it gives a tender reference"});
        } else {
            refuse("has no return type, and neither a tender reference nor a contract reference to tell it by");
        }
    }
    ret.kind = *kind;
    ret.tender_id = tender_id;
    ret.contract_id = contract_id;
    ret.supplier_id = text_of(answers, fields.supplier_id);
    ret.supplier_name = text_of(answers, fields.supplier_name);
    if (ret.kind == ReturnKind::Tender) {
        if (ret.tender_id.empty()) refuse("has no tender reference");
    } else {
        if (ret.contract_id.empty()) refuse("has no contract reference");
    }
    if (ret.supplier_id.empty()) refuse("has no supplier registration number");
    if (ret.kind == ReturnKind::Quarterly) {
        if (period_text.empty()) refuse("has no reporting period");
        std::string why;
        ret.period = Quarter::parse(period_text, fields.quarters, &why);
        if (!ret.period) {
            refuse("has the reporting period '" + period_text + "', which is not a quarter such as 2026-Q2" +
                   (why.empty() ? "" : ": " + why));
        }
    }
    if (const Answer* submitted = answer_of(answers, fields.submitted)) {
        if (submitted->value.is_valid() && submitted->value.type() == FieldType::Date) ret.submitted = submitted->value.as_date();
    }
    ret.answers = std::move(answers);
    ret.source_sha256 = file.sha256;
    ret.source_name = file.name;
    return ret;
}

std::optional<RefusedIdentity> quarterly_identity(const Record& answers, const IdentityFields& fields) {
    if (const Answer* kind = answer_of(answers, fields.kind); kind && kind->value.is_valid()) {
        if (parse_return_kind(kind->value.canonical()) == ReturnKind::Tender) return std::nullopt;
    }
    RefusedIdentity identity;
    identity.contract_id = text_of(answers, fields.contract_id);
    const std::string period_text = text_of(answers, fields.period);
    if (identity.contract_id.empty() || period_text.empty()) return std::nullopt;
    const auto period = Quarter::parse(period_text, fields.quarters);
    if (!period) return std::nullopt;
    identity.period = *period;
    identity.supplier_id = text_of(answers, fields.supplier_id);
    if (const Answer* submitted = answer_of(answers, fields.submitted)) {
        if (submitted->value.is_valid() && submitted->value.type() == FieldType::Date)
            identity.submitted = submitted->value.as_date();
    }
    return identity;
}

}  // namespace fairgate::importers
