#include "model/supplier_return.hpp"

#include "model/company_number.hpp"
#include "model/field.hpp"
#include "model/value.hpp"

namespace fairgate {

std::string_view to_string(ReturnKind kind) {
    return kind == ReturnKind::Tender ? "tender" : "quarterly";
}

std::optional<ReturnKind> parse_return_kind(std::string_view text) {
    const std::string k = FieldDictionary::normalise_label(text);
    if (k == "tender" || k == "tender return" || k == "tender questionnaire") return ReturnKind::Tender;
    if (k == "quarterly" || k == "quarterly monitoring" || k == "monitoring" || k == "quarterly return" ||
        k == "quarterly monitoring return")
        return ReturnKind::Quarterly;
    return std::nullopt;
}

std::string SupplierReturn::id() const {
    if (kind == ReturnKind::Tender) return "tender:" + tender_id + ":" + supplier_id;
    return "quarterly:" + contract_id + ":" + (period ? period->label() : std::string("?"));
}

std::string SupplierReturn::identity() const {
    if (kind == ReturnKind::Tender) return "tender:" + tender_id + ":" + supplier_key();
    return id();
}

bool supersedes(const std::optional<Date>& submitted, const std::string& sha256,
                const std::optional<Date>& other_submitted, const std::string& other_sha256) {
    if (submitted.has_value() != other_submitted.has_value()) return submitted.has_value();
    if (submitted && *submitted != *other_submitted) return *other_submitted < *submitted;
    return other_sha256 < sha256;
}

std::optional<FirstReceipt> SupplierReturn::first_receipt(const std::string& submitted_locator) const {
    std::optional<FirstReceipt> first;
    if (submitted) first = FirstReceipt{*submitted, source_name, submitted_locator, false};
    for (const ReturnVersion& v : superseded) {
        if (v.submitted && (!first || *v.submitted < first->date))
            first = FirstReceipt{*v.submitted, v.source_name, v.submitted_locator, true};
    }
    return first;
}

std::string SupplierReturn::correction_summary() const {
    if (!corrected()) return {};
    const auto first = first_receipt();
    std::string out = "first received " + (first ? format_date(first->date) : std::string("(date not stated)"));
    out += ", corrected " + (submitted ? format_date(*submitted) : std::string("(date not stated)"));
    out += ", superseding ";
    for (size_t i = 0; i < superseded.size(); ++i) {
        if (i) out += i + 1 == superseded.size() ? " and " : ", ";
        out += superseded[i].source_name.empty() ? superseded[i].source_sha256 : superseded[i].source_name;
    }
    return out;
}

std::string SupplierReturn::supplier_key() const { return fairgate::supplier_key(supplier_id); }

}  // namespace fairgate
