#pragma once
// The field dictionary: the canonical vocabulary that returns, rules and importers share.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/quarter_scheme.hpp"

namespace fairgate {

/// The types a field can have. Money is held in pence, Percent as a fraction (0.85 = 85%),
/// Days as a whole number of days (a notice period, payment terms: "30 days", "3 months").
enum class FieldType : uint8_t { Text, Integer, Number, Money, Percent, Date, YesNo, Enum, Days };

std::string_view to_string(FieldType type);
/// Accepts the names used in rulebook XML: text, integer, number, money, percent, date,
/// yes-no (or yesno), enum, days. Returns false if unknown.
bool parse_field_type(std::string_view text, FieldType& out);

/// What a field means to fairgate itself, apart from the rules that read it. The rulebook
/// names its fields as it likes and marks, with `role="contract-value"`, the field that holds
/// each fact the importers and reports need (a return's identity, a contract's term and value,
/// what a public register says about a bidder), so no council's field name lives in code.
/// At most one field per role; a role no field takes is simply not known.
enum class FieldRole : uint8_t {
    None,
    // The header of every return.
    ReturnKind, ReturnPeriod, ReturnSubmitted, TenderId, ContractId, SupplierId, SupplierName,
    // A contract's or a tender's own facts (council register, tender pipeline, OCDS).
    ContractTitle, ContractCategory, ContractBuyer, ContractValue, ContractStart, ContractEnd, FundingType,
    SupplierScale, SupplierVcse, SocialValueWeighting, TenderClosingDate, TenderProcedure, TenderLots,
    SuitabilitySme, SuitabilityVcse,
    // What the gender pay gap service says about a bidder.
    GpgYear, GpgReported, GpgSizeBand, GpgEmployeesMin, GpgLate, GpgSubmitted, GpgMedianGap,
};
inline constexpr std::size_t kFieldRoles = static_cast<std::size_t>(FieldRole::GpgMedianGap) + 1;

/// The rulebook spelling, "contract-value"; "" for None.
std::string_view to_string(FieldRole role);
/// Parses the rulebook spelling. Returns false if unknown.
bool parse_field_role(std::string_view text, FieldRole& out);
/// True for the facts a public register gives about a bidder (GpgYear ... GpgMedianGap).
bool is_register_role(FieldRole role);
/// Whether a field of `type` can hold the role's fact: a date role needs a date field, a
/// money role money; identity and wording roles take any type. For a wrong pairing, `why`
/// says what the role needs.
bool role_accepts(FieldRole role, FieldType type, std::string* why = nullptr);

using FieldId = uint16_t;
inline constexpr FieldId kNoField = 0xFFFF;

/// One entry of the dictionary. `name` is the canonical identifier (say "policy.equality"); `ref` and
/// `question` are how the council's template shows it ("B1", "Do you have a written ...");
/// `aliases` are other labels importers accept (portal column headings, register headings).
struct FieldDef {
    FieldId id = kNoField;
    std::string name;
    FieldType type = FieldType::Text;
    std::vector<std::string> enum_values;  ///< For Enum: the allowed codes, in order.
    /// For Enum: other spellings that mean a code ("N/A" -> "not-applicable"), keyed by
    /// normalised label.
    std::unordered_map<std::string, std::string> enum_aliases;
    std::string ref;
    std::string question;
    std::vector<std::string> aliases;
    /// Where the field belongs: "identity" (return header), "contract" (register), "tender",
    /// "quarterly". Informative; rules may read any field.
    std::string group;
    /// What fairgate itself reads the field as (FieldRole::None for most fields).
    FieldRole role = FieldRole::None;
    /// The kinds of record source that may not publish this fact (`unpublished-in="ocds"`):
    /// a record from such a source that does not carry the field has it NotPublished, not
    /// absent. Known sources: "ocds".
    std::vector<std::string> unpublished_in;
    /// Whether "N/A" answers the question (`not-applicable="refused"` says it does not: a
    /// question every bidder must answer). Refused, "N/A" is an unreadable answer.
    bool takes_not_applicable = true;

    bool unpublished_by(std::string_view source) const {
        for (const auto& s : unpublished_in) if (s == source) return true;
        return false;
    }

    bool allows_enum(std::string_view code) const;
};

/// Owns the FieldDefs of one rulebook. Ids are dense indexes in insertion order, so a Record
/// can be an array indexed by FieldId.
class FieldDictionary {
public:
    /// Adds a field; throws std::invalid_argument if the name, ref, role or a label is already
    /// taken by another field, or the role does not suit the field's type.
    FieldId add(FieldDef def);

    /// Adds another label for an existing field (a template's own heading). Throws
    /// std::invalid_argument if the label already names a different field.
    void add_alias(FieldId id, const std::string& label);

    const FieldDef* find(std::string_view name) const;
    /// The field that plays `role`, or nullptr when no field does.
    const FieldDef* find(FieldRole role) const {
        const FieldId id = by_role_[static_cast<std::size_t>(role)];
        return role == FieldRole::None || id == kNoField ? nullptr : &fields_[id];
    }
    const FieldDef& at(FieldId id) const { return fields_.at(id); }
    size_t size() const { return fields_.size(); }
    const std::vector<FieldDef>& all() const { return fields_; }

    /// Maps a column heading or a form row label to a field: the canonical name, the question
    /// reference, the question wording or an alias, ignoring case, spacing and punctuation.
    /// A heading that starts with a reference ("B1 Equality policy", "B1.") matches that ref.
    /// Returns nullptr when nothing matches.
    const FieldDef* match(std::string_view label) const;
    /// Matches only a question reference ("B1", "b1", "B1.").
    const FieldDef* match_ref(std::string_view ref) const;

    /// Lower-cases ASCII, drops everything that is not a letter or digit, and folds runs of
    /// spaces: "  Tender  Reference:" -> "tender reference".
    static std::string normalise_label(std::string_view label);

    /// How the rulebook numbers its quarters, so that importers read a return's period as the
    /// rulebook's quarter ("Oct-Dec 2025" is 2025-Q3 of the financial year, 2025-Q4 of the
    /// calendar). Financial unless set, as a rulebook's is.
    QuarterScheme quarters() const { return quarters_; }
    void set_quarters(QuarterScheme scheme) { quarters_ = scheme; }

private:
    void index_label(const std::string& label, FieldId id);

    std::vector<FieldDef> fields_;
    std::unordered_map<std::string, FieldId> by_name_;
    std::unordered_map<std::string, FieldId> by_label_;
    std::unordered_map<std::string, FieldId> by_ref_;
    std::array<FieldId, kFieldRoles> by_role_ = filled_roles();
    QuarterScheme quarters_ = QuarterScheme::Financial;

    static constexpr std::array<FieldId, kFieldRoles> filled_roles() {
        std::array<FieldId, kFieldRoles> a{};
        for (auto& id : a) id = kNoField;
        return a;
    }
};

}  // namespace fairgate
