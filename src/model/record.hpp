#pragma once
// The answers of one return or one contract record, keyed by field.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/field.hpp"
#include "model/provenance.hpp"
#include "model/value.hpp"

namespace fairgate {

/// One field's answer: the typed value, the text exactly as it stood in the file, and where.
struct Answer {
    Value value;
    /// The text as it stood in the file. Left empty when that text is exactly the value's own
    /// text (a Text or Enum answer read as written), which is most of a big table's answers:
    /// read it through typed().
    std::string raw;
    Provenance where;

    Answer() = default;
    Answer(Value v, std::string typed_text, Provenance w)
        : value(std::move(v)), raw(std::move(typed_text)), where(std::move(w)) {}

    /// An answer read from `typed` text, which is kept in `raw` only when typed() could not
    /// give it back from the value.
    static Answer read(Value value, std::string_view typed, Provenance where);
    /// What `raw` holds for an answer read from `typed` with `value`: `typed`, or nothing when
    /// the value gives it back.
    static std::string raw_for(const Value& value, std::string_view typed);
    /// The text as it stood in the file.
    const std::string& typed() const {
        return raw.empty() && value.is_valid() && (value.type() == FieldType::Text || value.type() == FieldType::Enum)
                   ? value.as_text()
                   : raw;
    }
};

/// Answers indexed by FieldId (dense, so a rule reads a field in O(1)). Only fields that were
/// answered, blank or not, are present: a field the file never mentioned is distinct from a
/// blank answer only through `present()`, and both read as Absent values.
class Record {
public:
    /// Sets (or replaces) the answer of `field`.
    void set(FieldId field, Answer&& answer);
    /// Sets (or replaces) the answer of `field` with Answer::read(value, typed, where), built
    /// in place rather than moved in (what an importer reading millions of answers calls).
    /// Returns it.
    const Answer& read(FieldId field, Value&& value, std::string_view typed, Provenance&& where);
    void set(FieldId field, const Answer& answer) { set(field, Answer(answer)); }
    /// Makes room for `answers` answers to fields up to `last_field`, so that setting them
    /// allocates nothing more (an importer reading many records of one shape).
    void reserve(size_t answers, FieldId last_field);
    /// nullptr when the file did not carry the field.
    const Answer* get(FieldId field) const {
        return field < slots_.size() && slots_[field] >= 0 ? &answers_[static_cast<size_t>(slots_[field])].second : nullptr;
    }
    /// The value, or Absent.
    const Value& value(FieldId field) const;
    bool present(FieldId field) const { return get(field) != nullptr; }

    /// Answers in the order they were set (the file's order).
    const std::vector<std::pair<FieldId, Answer>>& answers() const { return answers_; }
    size_t size() const { return answers_.size(); }
    bool empty() const { return answers_.empty(); }

private:
    std::vector<int32_t> slots_;  // FieldId -> index in answers_, or -1
    std::vector<std::pair<FieldId, Answer>> answers_;
};

}  // namespace fairgate
