#include "model/field.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace fairgate {

std::string_view to_string(FieldType type) {
    switch (type) {
        case FieldType::Text: return "text";
        case FieldType::Integer: return "integer";
        case FieldType::Number: return "number";
        case FieldType::Money: return "money";
        case FieldType::Percent: return "percent";
        case FieldType::Date: return "date";
        case FieldType::YesNo: return "yes-no";
        case FieldType::Enum: return "enum";
        case FieldType::Days: return "days";
    }
    return "?";
}

bool parse_field_type(std::string_view t, FieldType& out) {
    static const std::pair<std::string_view, FieldType> names[] = {
        {"text", FieldType::Text},       {"integer", FieldType::Integer},
        {"number", FieldType::Number},   {"money", FieldType::Money},
        {"percent", FieldType::Percent}, {"date", FieldType::Date},
        {"yes-no", FieldType::YesNo},    {"yesno", FieldType::YesNo},
        {"enum", FieldType::Enum},       {"enumeration", FieldType::Enum},
        {"days", FieldType::Days},
    };
    for (const auto& [name, type] : names) {
        if (t == name) { out = type; return true; }
    }
    return false;
}

namespace {

// One row per role: its rulebook spelling and the field types that can hold its fact.
enum TypeMask : unsigned {
    kAny = ~0u,
    kText = 1u << static_cast<unsigned>(FieldType::Text),
    kEnum = 1u << static_cast<unsigned>(FieldType::Enum),
    kDate = 1u << static_cast<unsigned>(FieldType::Date),
    kMoney = 1u << static_cast<unsigned>(FieldType::Money),
    kPercent = 1u << static_cast<unsigned>(FieldType::Percent),
    kYesNo = 1u << static_cast<unsigned>(FieldType::YesNo),
    kWhole = 1u << static_cast<unsigned>(FieldType::Integer),
};
struct RoleRow {
    FieldRole role;
    std::string_view name;
    unsigned types;
    std::string_view needs;  // for the message when the type does not suit
};
constexpr RoleRow kRoles[] = {
    {FieldRole::None, "", kAny, ""},
    {FieldRole::ReturnKind, "return-kind", kText | kEnum, "text or enum"},
    {FieldRole::ReturnPeriod, "return-period", kText, "text"},
    {FieldRole::ReturnSubmitted, "return-submitted", kDate, "date"},
    {FieldRole::TenderId, "tender-id", kAny, ""},
    {FieldRole::ContractId, "contract-id", kAny, ""},
    {FieldRole::SupplierId, "supplier-id", kAny, ""},
    {FieldRole::SupplierName, "supplier-name", kAny, ""},
    {FieldRole::ContractTitle, "contract-title", kAny, ""},
    {FieldRole::ContractCategory, "contract-category", kAny, ""},
    {FieldRole::ContractBuyer, "contract-buyer", kAny, ""},
    {FieldRole::ContractValue, "contract-value", kMoney, "money"},
    {FieldRole::ContractStart, "contract-start", kDate, "date"},
    {FieldRole::ContractEnd, "contract-end", kDate, "date"},
    {FieldRole::FundingType, "funding-type", kText | kEnum, "text or enum"},
    {FieldRole::SupplierScale, "supplier-scale", kText | kEnum, "text or enum"},
    {FieldRole::SupplierVcse, "supplier-vcse", kYesNo, "yes-no"},
    {FieldRole::SocialValueWeighting, "social-value-weighting", kPercent, "percent"},
    {FieldRole::TenderClosingDate, "tender-closing-date", kDate, "date"},
    {FieldRole::TenderProcedure, "tender-procedure", kText | kEnum, "text or enum"},
    {FieldRole::TenderLots, "tender-lots", kWhole, "integer"},
    {FieldRole::SuitabilitySme, "suitability-sme", kYesNo, "yes-no"},
    {FieldRole::SuitabilityVcse, "suitability-vcse", kYesNo, "yes-no"},
    {FieldRole::GpgYear, "gpg-year", kText, "text"},
    {FieldRole::GpgReported, "gpg-reported", kYesNo, "yes-no"},
    {FieldRole::GpgSizeBand, "gpg-size-band", kText, "text"},
    {FieldRole::GpgEmployeesMin, "gpg-employees-min", kWhole, "integer"},
    {FieldRole::GpgLate, "gpg-late", kYesNo, "yes-no"},
    {FieldRole::GpgSubmitted, "gpg-submitted", kDate, "date"},
    {FieldRole::GpgMedianGap, "gpg-median-gap", kPercent, "percent"},
};
static_assert(std::size(kRoles) == kFieldRoles, "one row per FieldRole");

constexpr bool rows_in_order() {
    for (std::size_t i = 0; i < std::size(kRoles); ++i)
        if (static_cast<std::size_t>(kRoles[i].role) != i) return false;
    return true;
}
static_assert(rows_in_order(), "kRoles is indexed by FieldRole");

}  // namespace

std::string_view to_string(FieldRole role) { return kRoles[static_cast<std::size_t>(role)].name; }

bool parse_field_role(std::string_view text, FieldRole& out) {
    for (const RoleRow& row : kRoles) {
        if (row.role != FieldRole::None && row.name == text) { out = row.role; return true; }
    }
    return false;
}

bool is_register_role(FieldRole role) { return role >= FieldRole::GpgYear && role <= FieldRole::GpgMedianGap; }

bool role_accepts(FieldRole role, FieldType type, std::string* why) {
    const RoleRow& row = kRoles[static_cast<std::size_t>(role)];
    if (row.types & (1u << static_cast<unsigned>(type))) return true;
    if (why) *why = "role " + std::string(row.name) + " needs a " + std::string(row.needs) + " field, not " + std::string(to_string(type));
    return false;
}

bool FieldDef::allows_enum(std::string_view code) const {
    return std::find(enum_values.begin(), enum_values.end(), code) != enum_values.end();
}

std::string FieldDictionary::normalise_label(std::string_view label) {
    std::string out;
    out.reserve(label.size());
    bool pending_space = false;
    for (unsigned char c : label) {
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           c >= 0x80;  // keep UTF-8 bytes: "£" and accented letters matter
        if (!alnum) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
    }
    return out;
}

void FieldDictionary::index_label(const std::string& label, FieldId id) {
    const std::string key = normalise_label(label);
    if (key.empty()) return;
    auto [it, inserted] = by_label_.emplace(key, id);
    if (!inserted && it->second != id) {
        throw std::invalid_argument("label \"" + label + "\" of field " + fields_[id].name +
                                    " is already used by field " + fields_[it->second].name);
    }
}

FieldId FieldDictionary::add(FieldDef def) {
    if (def.name.empty()) throw std::invalid_argument("field without a name");
    if (by_name_.count(def.name)) throw std::invalid_argument("duplicate field " + def.name);
    if (fields_.size() >= kNoField) throw std::invalid_argument("too many fields");
    if (def.role != FieldRole::None) {
        std::string why;
        if (!role_accepts(def.role, def.type, &why)) throw std::invalid_argument("field " + def.name + ": " + why);
        if (const FieldDef* other = find(def.role)) {
            throw std::invalid_argument("role " + std::string(to_string(def.role)) + " of field " + def.name +
                                        " is already taken by field " + other->name);
        }
    }
    // Check every conflict before changing anything, so that a refused field leaves the
    // dictionary as it was.
    if (!def.ref.empty()) {
        if (auto it = by_ref_.find(normalise_label(def.ref)); it != by_ref_.end()) {
            throw std::invalid_argument("question reference " + def.ref + " of field " + def.name +
                                        " is already used by field " + fields_[it->second].name);
        }
    }
    std::vector<const std::string*> labels{&def.name};
    if (!def.question.empty()) labels.push_back(&def.question);
    for (const auto& alias : def.aliases) labels.push_back(&alias);
    for (const std::string* label : labels) {
        if (auto it = by_label_.find(normalise_label(*label)); it != by_label_.end()) {
            throw std::invalid_argument("label \"" + *label + "\" of field " + def.name +
                                        " is already used by field " + fields_[it->second].name);
        }
    }
    const auto id = static_cast<FieldId>(fields_.size());
    def.id = id;
    fields_.push_back(std::move(def));
    const FieldDef& f = fields_.back();
    by_name_.emplace(f.name, id);
    if (f.role != FieldRole::None) by_role_[static_cast<std::size_t>(f.role)] = id;
    if (!f.ref.empty()) by_ref_.emplace(normalise_label(f.ref), id);
    index_label(f.name, id);
    if (!f.question.empty()) index_label(f.question, id);
    for (const auto& alias : f.aliases) index_label(alias, id);
    return id;
}

void FieldDictionary::add_alias(FieldId id, const std::string& label) {
    if (id >= fields_.size()) throw std::invalid_argument("no field with id " + std::to_string(id));
    if (FieldDictionary::normalise_label(label).empty()) throw std::invalid_argument("an empty label");
    index_label(label, id);
    fields_[id].aliases.push_back(label);
}

const FieldDef* FieldDictionary::find(std::string_view name) const {
    auto it = by_name_.find(std::string(name));
    return it == by_name_.end() ? nullptr : &fields_[it->second];
}

const FieldDef* FieldDictionary::match_ref(std::string_view ref) const {
    auto it = by_ref_.find(normalise_label(ref));
    return it == by_ref_.end() ? nullptr : &fields_[it->second];
}

const FieldDef* FieldDictionary::match(std::string_view label) const {
    if (auto exact = find(label)) return exact;
    const std::string key = normalise_label(label);
    if (key.empty()) return nullptr;
    if (auto it = by_label_.find(key); it != by_label_.end()) return &fields_[it->second];
    if (auto it = by_ref_.find(key); it != by_ref_.end()) return &fields_[it->second];
    // "B1 Equality policy", "B1.2 Staff trained": the longest run of leading words that is a
    // reference (a ref "B1.2" normalises to "b1 2", so the first word alone would find B1).
    for (auto space = key.rfind(' '); space != std::string::npos && space > 0; space = key.rfind(' ', space - 1)) {
        if (auto it = by_ref_.find(key.substr(0, space)); it != by_ref_.end()) return &fields_[it->second];
    }
    return nullptr;
}

}  // namespace fairgate
