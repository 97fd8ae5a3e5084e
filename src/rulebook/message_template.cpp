#include "rulebook/message_template.hpp"

namespace fairgate {

std::shared_ptr<const MessageTemplate> MessageTemplate::compile(std::string_view text, const Rulebook& rb,
                                                                Placeholders allowed) {
    auto t = std::make_shared<MessageTemplate>();
    t->text_ = std::string(text);
    std::vector<ExpressionError::Problem> problems;  // every placeholder's, for one lint
    std::string literal;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            literal.push_back(c);
            ++i;
            continue;
        }
        if (c == '}') {
            problems.push_back({i, "'}' without a matching '{' (write '}}' for a brace)"});
            continue;
        }
        if (c != '{') {
            literal.push_back(c);
            continue;
        }
        const size_t close = text.find('}', i + 1);
        if (close == std::string_view::npos) {
            problems.push_back({i, "'{' is not closed (write '{{' for a brace)"});
            break;
        }
        if (!literal.empty()) t->pieces_.push_back(Piece{std::move(literal), nullptr});
        literal.clear();
        std::shared_ptr<const Expression> expr;
        try {
            expr = Expression::compile(text.substr(i + 1, close - i - 1), rb);
        } catch (const ExpressionError& e) {
            for (const auto& p : e.problems()) problems.push_back({i + 1 + p.offset, p.message});
            i = close;
            continue;
        }
        const auto read = expr->subject_read();
        if (read && allowed == Placeholders::ParametersOnly) {
            problems.push_back({i + 1 + read->offset,
                                "'" + read->text + "' reads what is judged, but a title is shown without it: its "
                                "placeholders may use parameters only ({param.NAME})"});
        }
        t->pieces_.push_back(Piece{{}, std::move(expr), read.has_value()});
        i = close;
    }
    if (!problems.empty()) throw ExpressionError(std::move(problems));
    if (!literal.empty()) t->pieces_.push_back(Piece{std::move(literal), nullptr});
    return t;
}

std::string MessageTemplate::render(const Subject& subject, std::vector<FieldRead>* reads) const {
    std::string out;
    for (const auto& p : pieces_) {
        if (!p.expr) {
            out += p.literal;
            continue;
        }
        const Evaluated v = p.expr->evaluate(subject, reads);
        out += v.state == Evaluated::State::Missing ? "(no answer)" : v.display();  // NotApplicable: "(not applicable)"
    }
    return out;
}

std::string MessageTemplate::render_parameters() const {
    std::string out;
    for (const auto& p : pieces_) {
        if (!p.expr) out += p.literal;
        else if (p.reads_subject) out += "{" + p.expr->text() + "}";
        else out += p.expr->evaluate(Subject{}).display();
    }
    return out;
}

}  // namespace fairgate
