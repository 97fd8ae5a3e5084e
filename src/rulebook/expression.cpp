#include "rulebook/expression.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "model/contract.hpp"
#include "model/record.hpp"
#include "model/value.hpp"
#include "model/value_parse.hpp"
#include "rulebook/rulebook.hpp"

namespace fairgate {

std::string_view to_string(ExprType t) {
    switch (t) {
        case ExprType::Bool: return "yes/no";
        case ExprType::Number: return "number";
        case ExprType::Money: return "money";
        case ExprType::Percent: return "percent";
        case ExprType::Date: return "date";
        case ExprType::Text: return "text";
    }
    return "?";
}

std::string Evaluated::display() const {
    if (state == State::Missing) return "(missing)";
    switch (type) {
        case ExprType::Bool: return number != 0 ? "Yes" : "No";
        case ExprType::Number: return format_number(number);
        case ExprType::Money: return format_money(static_cast<int64_t>(std::llround(number * 100)));
        case ExprType::Percent: return format_percent(number);
        case ExprType::Date: return format_date(Date::from_days(static_cast<int32_t>(number)));
        case ExprType::Text: return text;
    }
    return {};
}

namespace {

enum class Op : uint8_t {
    Literal, Field, Or, And, Not, Eq, Ne, Lt, Le, Gt, Ge, In, Add, Sub, Mul, Div, Neg, Call,
};

enum class Fn : uint8_t {
    None, Present, Blank, Tender, Contract, Previous, SumToDate, ElapsedShare, QuarterEnd,
    QuarterStart, DaysBetween, Min, Max, CountAtLeast, Abs, Ratio,
};

bool is_numeric(ExprType t) {
    return t == ExprType::Number || t == ExprType::Money || t == ExprType::Percent;
}

ExprType type_of_field(FieldType t) {
    switch (t) {
        case FieldType::Text: case FieldType::Enum: return ExprType::Text;
        case FieldType::Integer: case FieldType::Number: return ExprType::Number;
        case FieldType::Money: return ExprType::Money;
        case FieldType::Percent: return ExprType::Percent;
        case FieldType::Date: return ExprType::Date;
        case FieldType::YesNo: return ExprType::Bool;
    }
    return ExprType::Text;
}

Evaluated make_value(ExprType t, double n) {
    Evaluated e;
    e.type = t;
    e.number = n;
    return e;
}

Evaluated make_bool(bool b) { return make_value(ExprType::Bool, b ? 1 : 0); }

Evaluated from_value(const Value& v) {
    Evaluated e;
    e.type = type_of_field(v.type());
    if (v.type() == FieldType::Text || v.type() == FieldType::Enum) e.text = v.as_text();
    else e.number = v.numeric();
    return e;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace

struct Expression::Node {
    Op op = Op::Literal;
    ExprType type = ExprType::Bool;
    Evaluated literal;
    FieldId field = kNoField;
    Scope scope = Scope::Subject;
    int back = 1;
    Fn fn = Fn::None;
    std::vector<std::unique_ptr<Node>> kids;
    std::vector<std::string> enum_values;  // For a Text field of enum type: allowed codes.
    size_t pos = 0;    // Where errors point: the operator, function name or operand.
    size_t begin = 0;  // The span of source text this node was parsed from, for traces.
    size_t end = 0;
};

namespace {

using Node = Expression::Node;

// --- lexing ---------------------------------------------------------------------------------

enum class Tok : uint8_t { End, Ident, Number, Percent, Money, String, LParen, RParen, Comma, Op };

struct Token {
    Tok kind = Tok::End;
    std::string text;
    double number = 0;
    size_t pos = 0;
};

class Lexer {
public:
    explicit Lexer(std::string_view s) : s_(s) {}

    Token next() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
        Token t;
        t.pos = i_;
        if (i_ >= s_.size()) return t;
        const char c = s_[i_];
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t j = i_;
            while (j < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[j])) || s_[j] == '_' || s_[j] == '.')) ++j;
            while (j > i_ && s_[j - 1] == '.') --j;
            t.kind = Tok::Ident;
            t.text = std::string(s_.substr(i_, j - i_));
            i_ = j;
            return t;
        }
        const bool pound = s_.compare(i_, 2, "\xC2\xA3") == 0;
        if (std::isdigit(static_cast<unsigned char>(c)) || pound ||
            (c == '.' && i_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + 1])))) {
            size_t j = pound ? i_ + 2 : i_;
            const size_t start = j;
            while (j < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[j])) || s_[j] == '.' ||
                                     (s_[j] == ',' && j + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j + 1])))))
                ++j;
            std::string digits;
            for (size_t k = start; k < j; ++k) if (s_[k] != ',') digits.push_back(s_[k]);
            if (digits.empty()) throw ExpressionError(i_, "expected an amount after £");
            t.number = std::strtod(digits.c_str(), nullptr);
            t.kind = pound ? Tok::Money : Tok::Number;
            if (j < s_.size() && s_[j] == '%' && !pound) { t.kind = Tok::Percent; t.number /= 100.0; ++j; }
            else if (pound && j < s_.size() && (s_[j] == 'm' || s_[j] == 'k') &&
                     (j + 1 >= s_.size() || !std::isalnum(static_cast<unsigned char>(s_[j + 1])))) {
                t.number *= s_[j] == 'm' ? 1e6 : 1e3;
                ++j;
            }
            t.text = std::string(s_.substr(i_, j - i_));
            i_ = j;
            return t;
        }
        if (c == '\'' || c == '"') {
            size_t j = i_ + 1;
            while (j < s_.size() && s_[j] != c) ++j;
            if (j >= s_.size()) throw ExpressionError(i_, "text literal is not closed");
            t.kind = Tok::String;
            t.text = std::string(s_.substr(i_ + 1, j - i_ - 1));
            i_ = j + 1;
            return t;
        }
        if (c == '(') { ++i_; t.kind = Tok::LParen; return t; }
        if (c == ')') { ++i_; t.kind = Tok::RParen; return t; }
        if (c == ',') { ++i_; t.kind = Tok::Comma; return t; }
        static const char* ops[] = {"<=", ">=", "!=", "<>", "==", "=", "<", ">", "+", "-", "*", "/"};
        for (const char* op : ops) {
            const size_t n = std::char_traits<char>::length(op);
            if (s_.compare(i_, n, op) == 0) {
                t.kind = Tok::Op;
                t.text = op;
                i_ += n;
                return t;
            }
        }
        throw ExpressionError(i_, std::string("unexpected character '") + c + "'");
    }

    /// Just past the last token returned.
    size_t position() const { return i_; }

private:
    std::string_view s_;
    size_t i_ = 0;
};

// --- parsing and type checking --------------------------------------------------------------

class Parser {
public:
    Parser(std::string_view text, const Rulebook& rb) : lex_(text), rb_(rb) { advance(); }

    std::unique_ptr<Node> parse() {
        auto n = parse_or();
        if (tok_.kind != Tok::End) throw ExpressionError(tok_.pos, "unexpected '" + tok_.text + "' after the end of the expression");
        widen_span(*n);
        return n;
    }

private:
    void advance() {
        consumed_end_ = lex_.position();
        tok_ = lex_.next();
    }
    // A binary node is made at its operator; its text runs from its left operand's start.
    static void widen_span(Node& n) {
        for (auto& k : n.kids) {
            widen_span(*k);
            n.begin = std::min(n.begin, k->begin);
            n.end = std::max(n.end, k->end);
        }
    }
    bool is_word(const char* w) const { return tok_.kind == Tok::Ident && tok_.text == w; }
    bool is_op(const char* o) const { return tok_.kind == Tok::Op && tok_.text == o; }
    void expect(Tok k, const char* what) {
        if (tok_.kind != k) throw ExpressionError(tok_.pos, std::string("expected ") + what);
        advance();
    }

    std::unique_ptr<Node> node(Op op, ExprType type, size_t pos) const {
        auto n = std::make_unique<Node>();
        n->op = op;
        n->type = type;
        n->pos = pos;
        n->begin = pos;
        n->end = consumed_end_;
        return n;
    }

    void require_bool(const Node& n, const char* context) {
        if (n.type != ExprType::Bool) {
            throw ExpressionError(n.pos, std::string(context) + " needs a yes/no condition, not " + std::string(to_string(n.type)));
        }
    }

    std::unique_ptr<Node> parse_or() {
        auto left = parse_and();
        while (is_word("or")) {
            const size_t pos = tok_.pos;
            advance();
            auto right = parse_and();
            require_bool(*left, "'or'");
            require_bool(*right, "'or'");
            auto n = node(Op::Or, ExprType::Bool, pos);
            n->kids.push_back(std::move(left));
            n->kids.push_back(std::move(right));
            left = std::move(n);
        }
        return left;
    }

    std::unique_ptr<Node> parse_and() {
        auto left = parse_not();
        while (is_word("and")) {
            const size_t pos = tok_.pos;
            advance();
            auto right = parse_not();
            require_bool(*left, "'and'");
            require_bool(*right, "'and'");
            auto n = node(Op::And, ExprType::Bool, pos);
            n->kids.push_back(std::move(left));
            n->kids.push_back(std::move(right));
            left = std::move(n);
        }
        return left;
    }

    std::unique_ptr<Node> parse_not() {
        if (is_word("not")) {
            const size_t pos = tok_.pos;
            advance();
            auto operand = parse_not();
            require_bool(*operand, "'not'");
            auto n = node(Op::Not, ExprType::Bool, pos);
            n->kids.push_back(std::move(operand));
            return n;
        }
        return parse_comparison();
    }

    // Checks that `lit` (a text literal) is a code of the enum field on the other side.
    void check_enum_literal(const Node& field_side, const Node& lit) {
        if (field_side.enum_values.empty() || lit.op != Op::Literal || lit.type != ExprType::Text) return;
        if (std::find(field_side.enum_values.begin(), field_side.enum_values.end(), lit.literal.text) ==
            field_side.enum_values.end()) {
            std::string allowed;
            for (const auto& v : field_side.enum_values) allowed += (allowed.empty() ? "" : ", ") + v;
            throw ExpressionError(lit.pos, "'" + lit.literal.text + "' is not a value of this field (" + allowed + ")");
        }
    }

    void check_comparable(const Node& a, const Node& b, size_t pos, bool ordering) {
        const bool ok = a.type == b.type || (is_numeric(a.type) && is_numeric(b.type) &&
                                             (a.type == ExprType::Number || b.type == ExprType::Number));
        if (!ok) {
            throw ExpressionError(pos, "cannot compare " + std::string(to_string(a.type)) + " with " +
                                           std::string(to_string(b.type)));
        }
        if (ordering && (a.type == ExprType::Bool || a.type == ExprType::Text)) {
            throw ExpressionError(pos, "cannot order " + std::string(to_string(a.type)) + " values; use = or !=");
        }
        check_enum_literal(a, b);
        check_enum_literal(b, a);
    }

    std::unique_ptr<Node> parse_comparison() {
        auto left = parse_additive();
        static const std::pair<const char*, Op> cmp[] = {{"=", Op::Eq}, {"==", Op::Eq}, {"!=", Op::Ne}, {"<>", Op::Ne},
                                                         {"<", Op::Lt}, {"<=", Op::Le}, {">", Op::Gt}, {">=", Op::Ge}};
        for (const auto& [text, op] : cmp) {
            if (is_op(text)) {
                const size_t pos = tok_.pos;
                advance();
                auto right = parse_additive();
                check_comparable(*left, *right, pos, op != Op::Eq && op != Op::Ne);
                auto n = node(op, ExprType::Bool, pos);
                n->kids.push_back(std::move(left));
                n->kids.push_back(std::move(right));
                return n;
            }
        }
        bool negate = false;
        size_t pos = tok_.pos;
        if (is_word("not")) {
            // "x not in (...)": only valid directly before "in".
            Lexer saved = lex_;
            Token saved_tok = tok_;
            advance();
            if (!is_word("in")) { lex_ = saved; tok_ = saved_tok; return left; }
            negate = true;
        }
        if (is_word("in")) {
            pos = tok_.pos;
            advance();
            expect(Tok::LParen, "'(' after 'in'");
            auto n = node(Op::In, ExprType::Bool, pos);
            n->kids.push_back(std::move(left));
            for (;;) {
                auto item = parse_additive();
                check_comparable(*n->kids.front(), *item, item->pos, false);
                n->kids.push_back(std::move(item));
                if (tok_.kind == Tok::Comma) { advance(); continue; }
                expect(Tok::RParen, "')' to close the list");
                break;
            }
            n->end = consumed_end_;
            if (!negate) return n;
            auto neg = node(Op::Not, ExprType::Bool, pos);
            neg->kids.push_back(std::move(n));
            return neg;
        }
        return left;
    }

    ExprType arithmetic_type(Op op, const Node& a, const Node& b, size_t pos) {
        const ExprType x = a.type, y = b.type;
        auto fail = [&]() -> ExprType {
            throw ExpressionError(pos, "cannot apply '" + std::string(op == Op::Add ? "+" : op == Op::Sub ? "-" : op == Op::Mul ? "*" : "/") +
                                           "' to " + std::string(to_string(x)) + " and " + std::string(to_string(y)));
        };
        if (op == Op::Add || op == Op::Sub) {
            if (x == ExprType::Date && y == ExprType::Number) return ExprType::Date;
            if (op == Op::Sub && x == ExprType::Date && y == ExprType::Date) return ExprType::Number;
            if (!is_numeric(x) || !is_numeric(y)) return fail();
            if (x == y) return x;
            if (y == ExprType::Number) return x;
            if (x == ExprType::Number) return y;
            return fail();
        }
        if (!is_numeric(x) || !is_numeric(y)) return fail();
        if (op == Op::Mul) {
            if (x == ExprType::Money && y == ExprType::Money) return fail();
            if (x == ExprType::Money || y == ExprType::Money) return ExprType::Money;
            if (x == ExprType::Percent && y == ExprType::Percent) return ExprType::Percent;
            return ExprType::Number;
        }
        // Division: a share of like by like is a number; money divided by a number is money.
        if (x == y) return ExprType::Number;
        if (y == ExprType::Number || y == ExprType::Percent) return x;
        return fail();
    }

    std::unique_ptr<Node> parse_additive() {
        auto left = parse_multiplicative();
        while (is_op("+") || is_op("-")) {
            const Op op = tok_.text == "+" ? Op::Add : Op::Sub;
            const size_t pos = tok_.pos;
            advance();
            auto right = parse_multiplicative();
            auto n = node(op, arithmetic_type(op, *left, *right, pos), pos);
            n->kids.push_back(std::move(left));
            n->kids.push_back(std::move(right));
            left = std::move(n);
        }
        return left;
    }

    std::unique_ptr<Node> parse_multiplicative() {
        auto left = parse_unary();
        while (is_op("*") || is_op("/")) {
            const Op op = tok_.text == "*" ? Op::Mul : Op::Div;
            const size_t pos = tok_.pos;
            advance();
            auto right = parse_unary();
            auto n = node(op, arithmetic_type(op, *left, *right, pos), pos);
            n->kids.push_back(std::move(left));
            n->kids.push_back(std::move(right));
            left = std::move(n);
        }
        return left;
    }

    std::unique_ptr<Node> parse_unary() {
        if (is_op("-")) {
            const size_t pos = tok_.pos;
            advance();
            auto operand = parse_unary();
            if (!is_numeric(operand->type)) throw ExpressionError(pos, "cannot negate " + std::string(to_string(operand->type)));
            auto n = node(Op::Neg, operand->type, pos);
            n->kids.push_back(std::move(operand));
            return n;
        }
        return parse_primary();
    }

    std::unique_ptr<Node> literal(ExprType t, double n, size_t pos, std::string text = {}) {
        auto lit = node(Op::Literal, t, pos);
        lit->literal = make_value(t, n);
        lit->literal.text = std::move(text);
        return lit;
    }

    std::unique_ptr<Node> field_node(const std::string& name, size_t pos, Scope scope) {
        const FieldDef* f = rb_.fields.find(name);
        if (!f) {
            std::string best;
            size_t best_d = 4;
            for (const auto& def : rb_.fields.all()) {
                const size_t d = edit_distance(name, def.name);
                if (d < best_d) { best_d = d; best = def.name; }
            }
            throw ExpressionError(pos, "unknown field '" + name + "'" + (best.empty() ? "" : " (did you mean " + best + "?)"));
        }
        auto n = node(Op::Field, type_of_field(f->type), pos);
        n->field = f->id;
        n->scope = scope;
        if (f->type == FieldType::Enum) n->enum_values = f->enum_values;
        return n;
    }

    std::unique_ptr<Node> parse_primary() {
        const Token t = tok_;
        switch (t.kind) {
            case Tok::Number: advance(); return literal(ExprType::Number, t.number, t.pos);
            case Tok::Percent: advance(); return literal(ExprType::Percent, t.number, t.pos);
            case Tok::Money: advance(); return literal(ExprType::Money, t.number, t.pos);
            case Tok::String: advance(); return literal(ExprType::Text, 0, t.pos, t.text);
            case Tok::LParen: {
                advance();
                auto inner = parse_or();
                expect(Tok::RParen, "')'");
                return inner;
            }
            case Tok::Ident: break;
            default: throw ExpressionError(t.pos, t.kind == Tok::End ? "the expression ends too soon" : "unexpected '" + t.text + "'");
        }
        advance();
        if (t.text == "yes" || t.text == "true") return literal(ExprType::Bool, 1, t.pos);
        if (t.text == "no" || t.text == "false") return literal(ExprType::Bool, 0, t.pos);
        if (tok_.kind == Tok::LParen) return parse_call(t);
        if (t.text.rfind("param.", 0) == 0) return parameter(t);
        return field_node(t.text, t.pos, Scope::Subject);
    }

    std::unique_ptr<Node> parameter(const Token& t) {
        const std::string name = t.text.substr(6);
        auto it = rb_.parameters.find(name);
        if (it == rb_.parameters.end()) {
            std::string best;
            size_t best_d = 4;
            for (const auto& [pname, p] : rb_.parameters) {
                const size_t d = edit_distance(name, pname);
                if (d < best_d) { best_d = d; best = pname; }
            }
            throw ExpressionError(t.pos, "unknown parameter '" + name + "'" + (best.empty() ? "" : " (did you mean param." + best + "?)"));
        }
        const Evaluated v = from_value(it->second.value);
        auto lit = node(Op::Literal, v.type, t.pos);
        lit->literal = v;
        return lit;
    }

    std::unique_ptr<Node> parse_call(const Token& name) {
        static const std::pair<const char*, Fn> fns[] = {
            {"present", Fn::Present}, {"blank", Fn::Blank}, {"tender", Fn::Tender}, {"contract", Fn::Contract},
            {"previous", Fn::Previous}, {"sum_to_date", Fn::SumToDate}, {"elapsed_share", Fn::ElapsedShare},
            {"quarter_end", Fn::QuarterEnd}, {"quarter_start", Fn::QuarterStart}, {"days_between", Fn::DaysBetween},
            {"min", Fn::Min}, {"max", Fn::Max}, {"count_at_least", Fn::CountAtLeast}, {"abs", Fn::Abs},
            {"ratio", Fn::Ratio}, {"date", Fn::None},
        };
        Fn fn = Fn::None;
        bool known = false;
        for (const auto& [text, f] : fns) if (name.text == text) { fn = f; known = true; }
        if (!known) throw ExpressionError(name.pos, "unknown function '" + name.text + "'");
        advance();  // '('

        // Functions whose arguments are field names in another scope.
        if (fn == Fn::Present || fn == Fn::Blank || fn == Fn::Tender || fn == Fn::Contract || fn == Fn::Previous ||
            fn == Fn::SumToDate) {
            if (tok_.kind != Tok::Ident) throw ExpressionError(tok_.pos, name.text + "() takes a field name");
            const Token field_tok = tok_;
            advance();
            Scope scope = fn == Fn::Tender ? Scope::Tender : fn == Fn::Contract ? Scope::Contract
                        : fn == Fn::Previous ? Scope::Previous : Scope::Subject;
            std::unique_ptr<Node> inner;
            if ((fn == Fn::Present || fn == Fn::Blank) && tok_.kind == Tok::LParen &&
                (field_tok.text == "tender" || field_tok.text == "contract" || field_tok.text == "previous")) {
                inner = parse_call(field_tok);  // present(tender(x))
            } else {
                inner = field_node(field_tok.text, field_tok.pos, scope);
            }
            int back = 1;
            if (fn == Fn::Previous && tok_.kind == Tok::Comma) {
                advance();
                if (tok_.kind != Tok::Number || tok_.number < 1 || tok_.number > 8 || tok_.number != std::floor(tok_.number))
                    throw ExpressionError(tok_.pos, "previous() counts back 1 to 8 quarters");
                back = static_cast<int>(tok_.number);
                advance();
            }
            expect(Tok::RParen, "')'");
            if (fn == Fn::Tender || fn == Fn::Contract || fn == Fn::Previous) {
                inner->back = back;
                inner->begin = name.pos;  // the trace shows "tender(x)", not "x"
                inner->end = consumed_end_;
                return inner;
            }
            if (fn == Fn::SumToDate && !is_numeric(inner->type))
                throw ExpressionError(field_tok.pos, "sum_to_date() needs a numeric field");
            auto n = node(Op::Call, fn == Fn::SumToDate ? inner->type : ExprType::Bool, name.pos);
            n->fn = fn;
            n->kids.push_back(std::move(inner));
            return n;
        }

        std::vector<std::unique_ptr<Node>> args;
        if (tok_.kind != Tok::RParen) {
            for (;;) {
                args.push_back(parse_or());
                if (tok_.kind == Tok::Comma) { advance(); continue; }
                break;
            }
        }
        expect(Tok::RParen, "')'");
        auto arity = [&](size_t lo, size_t hi) {
            if (args.size() < lo || args.size() > hi)
                throw ExpressionError(name.pos, name.text + "() takes " + (lo == hi ? std::to_string(lo) : std::to_string(lo) + " or more") + " argument(s)");
        };
        if (name.text == "date") {
            arity(1, 1);
            auto d = args[0]->op == Op::Literal && args[0]->type == ExprType::Text ? Date::parse_iso(args[0]->literal.text) : std::nullopt;
            if (!d) throw ExpressionError(name.pos, "date() takes a literal 'YYYY-MM-DD'");
            return literal(ExprType::Date, d->days(), name.pos);
        }
        ExprType result = ExprType::Number;
        switch (fn) {
            case Fn::ElapsedShare: arity(0, 0); result = ExprType::Percent; break;
            case Fn::QuarterEnd: case Fn::QuarterStart: arity(0, 0); result = ExprType::Date; break;
            case Fn::DaysBetween:
                arity(2, 2);
                for (auto& a : args) if (a->type != ExprType::Date) throw ExpressionError(a->pos, "days_between() takes two dates");
                result = ExprType::Number;
                break;
            case Fn::Min: case Fn::Max:
                arity(1, 64);
                result = args[0]->type;
                for (auto& a : args) {
                    if (a->type != result || !(is_numeric(result) || result == ExprType::Date))
                        throw ExpressionError(a->pos, name.text + "() takes numbers or dates of one kind");
                }
                break;
            case Fn::CountAtLeast:
                arity(2, 64);
                for (auto& a : args) if (!is_numeric(a->type)) throw ExpressionError(a->pos, "count_at_least() takes numbers");
                result = ExprType::Number;
                break;
            case Fn::Abs:
                arity(1, 1);
                if (!is_numeric(args[0]->type)) throw ExpressionError(args[0]->pos, "abs() takes a number");
                result = args[0]->type;
                break;
            case Fn::Ratio:
                arity(2, 2);
                if (args[0]->type != args[1]->type || !is_numeric(args[0]->type))
                    throw ExpressionError(name.pos, "ratio() takes two numbers of one kind");
                result = ExprType::Percent;
                break;
            default: break;
        }
        auto n = node(Op::Call, result, name.pos);
        n->fn = fn;
        n->kids = std::move(args);
        return n;
    }

    Lexer lex_;
    Token tok_;
    size_t consumed_end_ = 0;
    const Rulebook& rb_;
};

// --- evaluation -----------------------------------------------------------------------------

struct Evaluator {
    const Subject& s;
    std::vector<FieldRead>* reads;
    std::vector<TraceStep>* trace = nullptr;
    std::string_view text;
    mutable int depth = 0;

    Evaluated missing(FieldId f, const Record* where, bool invalid) const {
        Evaluated e;
        e.state = Evaluated::State::Missing;
        e.missing_field = f;
        e.missing_record = where;
        e.missing_invalid = invalid;
        return e;
    }

    void note(FieldId f, Scope scope, int back, const Record* rec) const {
        if (!reads) return;
        for (const auto& r : *reads) if (r.field == f && r.scope == scope && r.back == back) return;
        reads->push_back(FieldRead{f, scope, back, rec});
    }

    const Record* record_for(Scope scope, int back, FieldId f) const {
        switch (scope) {
            case Scope::Subject:
                if (s.record && s.record->present(f)) return s.record;
                if (s.contract && s.contract->fields.present(f)) return &s.contract->fields;
                return s.record;
            case Scope::Contract: return s.contract ? &s.contract->fields : nullptr;
            case Scope::Tender: return s.tender_return;
            case Scope::Previous: {
                // The return for exactly `back` quarters before this one: a gap is a gap.
                if (!s.period) return nullptr;
                Quarter want = *s.period;
                for (int i = 0; i < back; ++i) want = want.previous();
                for (const auto& e : s.earlier) if (e.period == want) return e.record;
                return nullptr;
            }
        }
        return nullptr;
    }

    Evaluated read(FieldId f, Scope scope, int back) const {
        const Record* rec = record_for(scope, back, f);
        note(f, scope, back, rec);
        if (!rec) return missing(f, nullptr, false);
        const Value& v = rec->value(f);
        if (v.is_absent()) return missing(f, rec, false);
        if (v.is_invalid()) return missing(f, rec, true);
        return from_value(v);
    }

    static int compare(const Evaluated& a, const Evaluated& b) {
        if (a.type == ExprType::Text) return a.text.compare(b.text) < 0 ? -1 : a.text == b.text ? 0 : 1;
        // Money and percentages are compared after rounding away binary noise (0.1 + 0.2).
        const double d = a.number - b.number;
        if (std::fabs(d) < 1e-9 * std::max(1.0, std::fabs(a.number))) return 0;
        return d < 0 ? -1 : 1;
    }

    Evaluated eval(const Node& n) const {
        if (!trace) return eval_node(n);
        // Plain literals say nothing an author did not write; parameters are worth showing.
        const std::string_view src = text.substr(n.begin, n.end - n.begin);
        if (n.op == Op::Literal && src.rfind("param.", 0) != 0) return eval_node(n);
        const size_t at = trace->size();
        trace->push_back(TraceStep{depth, std::string(src), {}, {}});
        ++depth;
        Evaluated r = eval_node(n);
        --depth;
        (*trace)[at].result = r;
        if (n.op == Op::Field) {
            if (const Record* rec = record_for(n.scope, n.back, n.field))
                if (const Answer* a = rec->get(n.field)) (*trace)[at].where = a->where.display();
        }
        return r;
    }

    Evaluated eval_node(const Node& n) const {
        switch (n.op) {
            case Op::Literal: return n.literal;
            case Op::Field: return read(n.field, n.scope, n.back);
            case Op::Or: case Op::And: {
                const bool is_and = n.op == Op::And;
                Evaluated a = eval(*n.kids[0]);
                if (a.state == Evaluated::State::Value && (a.number != 0) != is_and) return a;  // short circuit
                Evaluated b = eval(*n.kids[1]);
                if (b.state == Evaluated::State::Value && (b.number != 0) != is_and) return b;
                if (a.state == Evaluated::State::Missing) return a;
                if (b.state == Evaluated::State::Missing) return b;
                return make_bool(is_and);
            }
            case Op::Not: {
                Evaluated a = eval(*n.kids[0]);
                if (a.state == Evaluated::State::Missing) return a;
                return make_bool(a.number == 0);
            }
            case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: {
                Evaluated a = eval(*n.kids[0]);
                if (a.state == Evaluated::State::Missing) return a;
                Evaluated b = eval(*n.kids[1]);
                if (b.state == Evaluated::State::Missing) return b;
                const int c = compare(a, b);
                switch (n.op) {
                    case Op::Eq: return make_bool(c == 0);
                    case Op::Ne: return make_bool(c != 0);
                    case Op::Lt: return make_bool(c < 0);
                    case Op::Le: return make_bool(c <= 0);
                    case Op::Gt: return make_bool(c > 0);
                    default: return make_bool(c >= 0);
                }
            }
            case Op::In: {
                Evaluated a = eval(*n.kids[0]);
                if (a.state == Evaluated::State::Missing) return a;
                for (size_t i = 1; i < n.kids.size(); ++i) {
                    Evaluated b = eval(*n.kids[i]);
                    if (b.state == Evaluated::State::Missing) return b;
                    if (compare(a, b) == 0) return make_bool(true);
                }
                return make_bool(false);
            }
            case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: {
                Evaluated a = eval(*n.kids[0]);
                if (a.state == Evaluated::State::Missing) return a;
                Evaluated b = eval(*n.kids[1]);
                if (b.state == Evaluated::State::Missing) return b;
                double r = 0;
                switch (n.op) {
                    case Op::Add: r = a.number + b.number; break;
                    case Op::Sub: r = a.number - b.number; break;
                    case Op::Mul: r = a.number * b.number; break;
                    default: r = b.number == 0 ? 0 : a.number / b.number; break;  // x/0 reads as 0, never NaN
                }
                return make_value(n.type, r);
            }
            case Op::Neg: {
                Evaluated a = eval(*n.kids[0]);
                if (a.state == Evaluated::State::Missing) return a;
                a.number = -a.number;
                return a;
            }
            case Op::Call: return call(n);
        }
        return {};
    }

    Evaluated call(const Node& n) const {
        switch (n.fn) {
            case Fn::Present: case Fn::Blank: {
                const Node& f = *n.kids[0];
                const Record* rec = record_for(f.scope, f.back, f.field);
                note(f.field, f.scope, f.back, rec);
                const bool present = rec && rec->value(f.field).is_valid();
                return make_bool(n.fn == Fn::Present ? present : !present);
            }
            case Fn::SumToDate: {
                const Node& f = *n.kids[0];
                Evaluated total = read(f.field, Scope::Subject, 0);
                if (total.state == Evaluated::State::Missing) return total;
                for (const auto& e : s.earlier) {
                    const Value& v = e.record->value(f.field);
                    note(f.field, Scope::Previous, s.period ? s.period->ordinal() - e.period.ordinal() : 0, e.record);
                    if (!v.is_valid()) return missing(f.field, e.record, v.is_invalid());
                    total.number += v.numeric();
                }
                return total;
            }
            case Fn::ElapsedShare: {
                if (!s.contract || !s.period) return missing(kNoField, nullptr, false);
                const Contract& c = *s.contract;
                if (!c.start || !c.end || *c.end <= *c.start) return missing(kNoField, &c.fields, false);
                const double elapsed = s.period->last_day(s.scheme).days() - c.start->days() + 1;
                const double term = c.end->days() - c.start->days() + 1;
                return make_value(ExprType::Percent, std::clamp(elapsed / term, 0.0, 1.0));
            }
            case Fn::QuarterEnd: case Fn::QuarterStart:
                if (!s.period) return missing(kNoField, nullptr, false);
                return make_value(ExprType::Date, n.fn == Fn::QuarterEnd ? s.period->last_day(s.scheme).days()
                                                                         : s.period->first_day(s.scheme).days());
            case Fn::DaysBetween: {
                Evaluated a = eval(*n.kids[0]);
                if (a.state == Evaluated::State::Missing) return a;
                Evaluated b = eval(*n.kids[1]);
                if (b.state == Evaluated::State::Missing) return b;
                return make_value(ExprType::Number, b.number - a.number);
            }
            case Fn::Min: case Fn::Max: {
                Evaluated best;
                for (size_t i = 0; i < n.kids.size(); ++i) {
                    Evaluated v = eval(*n.kids[i]);
                    if (v.state == Evaluated::State::Missing) return v;
                    if (i == 0 || (n.fn == Fn::Min ? v.number < best.number : v.number > best.number)) best = v;
                }
                return best;
            }
            case Fn::CountAtLeast: {
                Evaluated threshold = eval(*n.kids[0]);
                if (threshold.state == Evaluated::State::Missing) return threshold;
                int count = 0;
                for (size_t i = 1; i < n.kids.size(); ++i) {
                    Evaluated v = eval(*n.kids[i]);
                    if (v.state == Evaluated::State::Missing) return v;
                    if (compare(v, threshold) >= 0) ++count;
                }
                return make_value(ExprType::Number, count);
            }
            case Fn::Abs: {
                Evaluated v = eval(*n.kids[0]);
                if (v.state == Evaluated::State::Value) v.number = std::fabs(v.number);
                return v;
            }
            case Fn::Ratio: {
                Evaluated a = eval(*n.kids[0]);
                if (a.state == Evaluated::State::Missing) return a;
                Evaluated b = eval(*n.kids[1]);
                if (b.state == Evaluated::State::Missing) return b;
                return make_value(ExprType::Percent, b.number == 0 ? (a.number > 0 ? 1.0 : 0.0) : a.number / b.number);
            }
            default: return {};
        }
    }
};

}  // namespace

Expression::~Expression() = default;

std::shared_ptr<const Expression> Expression::compile(std::string_view text, const Rulebook& rulebook) {
    Parser parser(text, rulebook);
    auto root = parser.parse();
    std::shared_ptr<Expression> e(new Expression());
    e->text_ = std::string(text);
    e->root_ = std::move(root);
    return e;
}

ExprType Expression::type() const { return root_->type; }

Evaluated Expression::evaluate(const Subject& subject, std::vector<FieldRead>* reads,
                               std::vector<TraceStep>* trace) const {
    Evaluator ev{subject, reads, trace, text_};
    return ev.eval(*root_);
}

}  // namespace fairgate
