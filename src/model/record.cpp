#include "model/record.hpp"

#include <tuple>

namespace fairgate {

std::string Answer::raw_for(const Value& value, std::string_view typed) {
    // As typed() reads an answer whose raw is empty.
    const bool own_text = value.is_valid() && (value.type() == FieldType::Text || value.type() == FieldType::Enum);
    if (own_text ? typed == value.as_text() : typed.empty()) return {};
    return std::string(typed);
}

Answer Answer::read(Value value, std::string_view typed, Provenance where) {
    std::string raw = raw_for(value, typed);
    return Answer(std::move(value), std::move(raw), std::move(where));
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

const Answer& Record::read(FieldId field, Value&& value, std::string_view typed, Provenance&& where) {
    if (field >= slots_.size()) slots_.resize(static_cast<size_t>(field) + 1, -1);
    std::string raw = Answer::raw_for(value, typed);
    if (slots_[field] >= 0) {
        Answer& a = answers_[static_cast<size_t>(slots_[field])].second;
        a = Answer(std::move(value), std::move(raw), std::move(where));
        return a;
    }
    slots_[field] = static_cast<int32_t>(answers_.size());
    return answers_
        .emplace_back(std::piecewise_construct, std::forward_as_tuple(field),
                      std::forward_as_tuple(std::move(value), std::move(raw), std::move(where)))
        .second;
}

void Record::reserve(size_t answers, FieldId last_field) {
    if (last_field != kNoField && last_field >= slots_.size()) slots_.resize(static_cast<size_t>(last_field) + 1, -1);
    answers_.reserve(answers);
}

const Value& Record::value(FieldId field) const {
    static const Value absent{};  // braces: clang (the fuzz build) requires them for a const object
    const Answer* a = get(field);
    return a ? a->value : absent;
}

}  // namespace fairgate
