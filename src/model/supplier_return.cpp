#include "model/supplier_return.hpp"

#include "model/company_number.hpp"
#include "model/field.hpp"

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

std::string SupplierReturn::supplier_key() const { return fairgate::supplier_key(supplier_id); }

}  // namespace fairgate
