#pragma once
// The council's two questionnaires as the generator writes them: tender (A1-D8) and quarterly
// monitoring (Q1-Q13a). Wording is the council template's, copied from the domain README, so
// that importers can be tested on the labels they will really meet.

#include <cstddef>
#include <string_view>
#include <vector>

namespace fairgate::gen {

/// How an answer is typed into the form, which decides the cell type and number format.
enum class AnswerType { Text, Integer, Number, Money, Percent, Date, YesNo, Choice };

struct Question {
    std::string_view ref;       ///< "B1", "Q2a".
    std::string_view field;     ///< Canonical field name, "eq.policy": the quarterly CSV heading.
    std::string_view wording;   ///< The question column of the Excel template.
    std::string_view heading;   ///< Short words after the ref in a portal CSV: "Equality policy".
    AnswerType type;
};

enum class ReturnKind { Tender, Quarterly };

/// All questions of a return kind, in template order.
const std::vector<Question>& questions(ReturnKind kind);
/// Index of `ref` in questions(kind); throws std::out_of_range for an unknown ref (a typo in
/// the curated sample should stop the generator, not write a silently shorter form).
size_t question_index(ReturnKind kind, std::string_view ref);

/// The D1..D8 social value measures and their quarterly counterparts Q12a..Q12h share an order.
inline constexpr size_t kSocialValueMeasures = 8;

}  // namespace fairgate::gen
