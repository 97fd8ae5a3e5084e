#include "model/record.hpp"

namespace fairgate {

Answer Answer::read(Value value, std::string_view typed, Provenance where) {
    Answer a{std::move(value), std::string(), std::move(where)};
    if (typed != a.typed()) a.raw.assign(typed);
    return a;
}

void Record::set(FieldId field, Answer&& answer) {
    if (field >= slots_.size()) slots_.resize(static_cast<size_t>(field) + 1, -1);
    if (slots_[field] >= 0) {
        answers_[static_cast<size_t>(slots_[field])].second = std::move(answer);
        return;
    }
    slots_[field] = static_cast<int32_t>(answers_.size());
    answers_.emplace_back(field, std::move(answer));
}

void Record::reserve(size_t answers, FieldId last_field) {
    if (last_field != kNoField && last_field >= slots_.size()) slots_.resize(static_cast<size_t>(last_field) + 1, -1);
    answers_.reserve(answers);
}

const Value& Record::value(FieldId field) const {
    static const Value absent;
    const Answer* a = get(field);
    return a ? a->value : absent;
}

}  // namespace fairgate
