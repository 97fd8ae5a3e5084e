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
/// A missing value shows as "(no answer)". "{{" and "}}" stand for literal braces.
class MessageTemplate {
public:
    /// Throws ExpressionError with the offset into `text`.
    static std::shared_ptr<const MessageTemplate> compile(std::string_view text, const Rulebook& rulebook);
    std::string render(const Subject& subject, std::vector<FieldRead>* reads = nullptr) const;
    const std::string& text() const { return text_; }

private:
    struct Piece {
        std::string literal;
        std::shared_ptr<const Expression> expr;
    };
    std::string text_;
    std::vector<Piece> pieces_;
};

}  // namespace fairgate
