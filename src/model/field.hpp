#pragma once
// The field dictionary: the canonical vocabulary that returns, rules and importers share.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fairgate {

/// The types a field can have. Money is held in pence, Percent as a fraction (0.85 = 85%).
enum class FieldType : uint8_t { Text, Integer, Number, Money, Percent, Date, YesNo, Enum };

std::string_view to_string(FieldType type);
/// Accepts the names used in rulebook XML: text, integer, number, money, percent, date,
/// yes-no (or yesno), enum. Returns false if unknown.
bool parse_field_type(std::string_view text, FieldType& out);

using FieldId = uint16_t;
inline constexpr FieldId kNoField = 0xFFFF;

/// One entry of the dictionary. `name` is the canonical identifier ("eq.policy"); `ref` and
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

    bool allows_enum(std::string_view code) const;
};

/// Owns the FieldDefs of one rulebook. Ids are dense indexes in insertion order, so a Record
/// can be an array indexed by FieldId.
class FieldDictionary {
public:
    /// Adds a field; throws std::invalid_argument if the name, ref or a label is already taken
    /// by another field.
    FieldId add(FieldDef def);

    /// Adds another label for an existing field (a template's own heading). Throws
    /// std::invalid_argument if the label already names a different field.
    void add_alias(FieldId id, const std::string& label);

    const FieldDef* find(std::string_view name) const;
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

private:
    void index_label(const std::string& label, FieldId id);

    std::vector<FieldDef> fields_;
    std::unordered_map<std::string, FieldId> by_name_;
    std::unordered_map<std::string, FieldId> by_label_;
    std::unordered_map<std::string, FieldId> by_ref_;
};

}  // namespace fairgate
