#pragma once
// Message templates: text with {expressions} filled in from the subject judged.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rulebook/expression.hpp"

namespace fairgate {

/// "Turnover {bidder.turnover} is at least {param.msa_turnover}" — each {...} is an
/// expression compiled with the rulebook, shown as an officer reads it ("£40,000,000").
/// A missing value shows as "(no answer)". "{{" and "}}" stand for literal braces; any other
/// '{' must open a placeholder that a '}' closes, and a '}' must close one.
class MessageTemplate {
public:
    /// What a template's placeholders may read.
    enum class Placeholders {
        Any,             ///< Fields, functions and parameters: a text rendered for a subject.
        ParametersOnly,  ///< Parameters and literals only: a text shown without a subject (a title).
    };

    /// Throws ExpressionError with every problem, each at its offset into `text`: a placeholder
    /// that does not compile
    /// (an unknown field or parameter, bad syntax), a '{' not closed, a '}' not opened, and
    /// with ParametersOnly, a placeholder that reads a field or calls a function.
    static std::shared_ptr<const MessageTemplate> compile(std::string_view text, const Rulebook& rulebook,
                                                          Placeholders allowed = Placeholders::Any);
    std::string render(const Subject& subject, std::vector<FieldRead>* reads = nullptr) const;
    /// For documents, where nothing is judged: placeholders that need no subject (parameters)
    /// filled in, the others left as written ("{org.name}").
    std::string render_parameters() const;
    const std::string& text() const { return text_; }

private:
    struct Piece {
        std::string literal;
        std::shared_ptr<const Expression> expr;
        bool reads_subject = false;
    };
    std::string text_;
    std::vector<Piece> pieces_;
};

}  // namespace fairgate
