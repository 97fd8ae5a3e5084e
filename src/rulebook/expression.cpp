#include "rulebook/expression.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iterator>

#include "model/contract.hpp"
#include "model/record.hpp"
#include "model/value.hpp"
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

Evaluated Evaluated::unanswered(FieldId f, const Record* where, const Value& v) {
    Evaluated e;
    e.state = State::NotApplicable;
    e.missing_field = f;
    e.missing_record = where;
    e.why = v.state() == Value::State::NotPublished ? Why::NotPublished : Why::Answered;
    return e;
}

std::string Evaluated::display() const {
    if (state == State::Missing) return "(missing)";
    if (state == State::NotApplicable) return "(not applicable)";
    switch (type) {
        case ExprType::Bool: return number != 0 ? "Yes" : "No";
        case ExprType::Number: return format_figure(number);  // computed: rounded for reading
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

struct FunctionDef;  // one entry of the function table, below the evaluator

// What a gate's condition says of its question: not asked when it is false, or when it reads
// a question itself not asked (a chain of gates).
bool says_not_asked(const Evaluated& gate_condition) {
    return (gate_condition.is_value() && !gate_condition.is_true()) ||
           (gate_condition.state == Evaluated::State::NotApplicable && gate_condition.why == Evaluated::Why::NotAsked);
}

bool is_numeric(ExprType t) {
    return t == ExprType::Number || t == ExprType::Money || t == ExprType::Percent;
}

ExprType type_of_field(FieldType t) {
    switch (t) {
        case FieldType::Text: case FieldType::Enum: return ExprType::Text;
        // A number of days is a number: it compares with integer parameters and adds to them.
        case FieldType::Integer: case FieldType::Number: case FieldType::Days: return ExprType::Number;
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
    std::shared_ptr<const FieldGate> gate;  // Op::Field: when its question is asked, if the rulebook says
    Scope scope = Scope::Subject;
    int back = 1;
    const FunctionDef* fn = nullptr;  // Op::Call: its table entry, found once when compiling
    std::vector<std::unique_ptr<Node>> kids;
    std::vector<std::string> enum_values;  // For a Text field of enum type: allowed codes.
    size_t pos = 0;    // Where errors point: the operator, function name or operand.
    size_t begin = 0;  // The span of source text this node was parsed from, for traces.
    size_t end = 0;
    bool broken = false;  // Compiling: stands where a mistake was (its type means nothing).
};

namespace {

using Node = Expression::Node;

// --- functions ------------------------------------------------------------------------------
//
// Every function of the language is one entry of kFunctions (after the evaluator, which its
// evaluations use): its name, how many arguments it takes, its type rule and its evaluation,
// with the words docs/rulebook.md lists it with. The parser finds the entry once and the node
// keeps a pointer to it, so evaluating a call is one indirect call, never a name lookup.
// A new function is one entry there plus cases in tests/rulebook/expressions/*.test
// (rulebook_test fails until it has both, and until docs/rulebook.md lists it).

/// How a function's arguments are written.
enum class Form : uint8_t {
    Values,    ///< Every argument an expression.
    Field,     ///< The first a field's name, read in the entry's scope; any others expressions.
    AnyField,  ///< As Field, or a field in another scope: present(tender(x)).
};

/// A call as its type rule sees it: the arguments compiled, with their types.
struct Call {
    const FunctionDef& fn;
    size_t pos;  ///< The function's name: where errors about the whole call point.
    size_t end;  ///< Just past its ')'.
    std::vector<std::unique_ptr<Node>>& args;
    std::string_view text;  ///< The whole expression.

    ExprType type(size_t i) const { return args[i]->type; }
    std::string source(size_t i) const { return std::string(text.substr(args[i]->begin, args[i]->end - args[i]->begin)); }
    /// Refuses argument i, at that argument: "days_between() takes two dates: argument 2 is
    /// money". `found` replaces "argument 2 is money" when that says more.
    [[noreturn]] void refuse(size_t i, std::string_view takes, const std::string& found = {}) const;
    /// Refuses the first argument of a type `ok` does not accept.
    template <typename Ok>
    void each(Ok ok, std::string_view takes) const {
        for (size_t i = 0; i < args.size(); ++i) if (!ok(type(i))) refuse(i, takes);
    }
    /// As each(), and refuses the first argument of another type than the first argument's.
    template <typename Ok>
    void each_alike(Ok ok, std::string_view takes) const {
        for (size_t i = 0; i < args.size(); ++i) {
            if (!ok(type(i))) refuse(i, takes);
            if (type(i) != type(0))
                refuse(i, takes, "argument " + std::to_string(i + 1) + " is " + std::string(to_string(type(i))) +
                                     ", not " + std::string(to_string(type(0))) + " like argument 1");
        }
    }
};

struct Evaluator;
using TypeRule = ExprType (*)(const Call&);
using Evaluation = Evaluated (*)(const Evaluator&, const Node&);
using Fold = std::unique_ptr<Node> (*)(Call&);

/// "Or more" arguments: a bound all the same, so that a runaway list is an error.
constexpr size_t kMany = 64;

struct FunctionDef {
    std::string_view name;
    size_t min_args = 0, max_args = 0;
    Form form = Form::Values;
    Scope scope = Scope::Subject;  ///< Field forms: where the field is read.
    std::string_view signature, result, summary;  ///< As docs/rulebook.md lists the function.
    TypeRule type = nullptr;       ///< Checks the arguments (throws ExpressionError); gives the result type.
                                   ///< Never called with an argument that was itself a mistake.
    Evaluation eval = nullptr;     ///< Computes a call. Null for a function folded at compile time,
    Fold fold = nullptr;           ///< which becomes this node instead (date('...') a literal).
};

const FunctionDef* find_function(std::string_view name);
std::string suggest_function(std::string_view name);

// --- lexing ---------------------------------------------------------------------------------

// Bad: what the lexer could not read, its text saying why ("text literal is not closed"); the
// parser reports it where it stands, and the lexer has moved past it.
enum class Tok : uint8_t { End, Ident, Number, Percent, Money, String, LParen, RParen, Comma, Op, Bad };

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
            if (digits.empty()) return bad(t, j, "expected an amount after £");
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
            if (j >= s_.size()) return bad(t, j, "text literal is not closed");
            t.kind = Tok::String;
            t.text = std::string(s_.substr(i_ + 1, j - i_ - 1));
            i_ = j + 1;
            return t;
        }
        // Punctuation keeps its text too, for "unexpected ')'".
        if (c == '(') { ++i_; t.kind = Tok::LParen; t.text = "("; return t; }
        if (c == ')') { ++i_; t.kind = Tok::RParen; t.text = ")"; return t; }
        if (c == ',') { ++i_; t.kind = Tok::Comma; t.text = ","; return t; }
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
        size_t j = i_ + 1;  // the whole character, not a byte of it
        while (j < s_.size() && (static_cast<unsigned char>(s_[j]) & 0xC0) == 0x80) ++j;
        return bad(t, j, "unexpected character '" + std::string(s_.substr(i_, j - i_)) + "'");
    }

    /// Just past the last token returned.
    size_t position() const { return i_; }

private:
    Token bad(Token& t, size_t resume_at, std::string why) {
        t.kind = Tok::Bad;
        t.text = std::move(why);
        i_ = resume_at;
        return t;
    }

    std::string_view s_;
    size_t i_ = 0;
};

// --- parsing and type checking --------------------------------------------------------------

class Parser {
public:
    Parser(std::string_view text, const Rulebook& rb) : lex_(text), text_(text), rb_(rb) { advance(); }

    /// The expression's tree, or ExpressionError with every problem found. A mistake the parser
    /// cannot read past (a stray ')', a missing operand) is noted and reading resumes at the
    /// next ',' or ')' of the call or brackets it is in, else at the next 'and' or 'or', so
    /// that independent mistakes are all reported in one go; a node already wrong is not
    /// checked again where it is used (one mistake, one error).
    std::unique_ptr<Node> parse() {
        std::unique_ptr<Node> root;
        for (;;) {
            try {
                auto n = parse_or();
                if (!root) root = std::move(n);
                if (tok_.kind == Tok::End) break;
                unexpected(" after the end of the expression");
            } catch (const ExpressionError& e) {
                keep(e);
            }
            if (!resume_after_connective()) break;
        }
        if (!problems_.empty()) {
            std::stable_sort(problems_.begin(), problems_.end(),
                             [](const auto& a, const auto& b) { return a.offset < b.offset; });
            throw ExpressionError(std::move(problems_));
        }
        widen_span(*root);
        return root;
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

    // --- problems and recovery ------------------------------------------------------------

    // Notes a problem. One per place: a second at the same offset is the first one's echo
    // (a missing ')' at the end of an expression that already ends too soon).
    void keep(size_t offset, std::string message) {
        for (const auto& p : problems_) if (p.offset == offset) return;
        problems_.push_back({offset, std::move(message)});
    }
    void keep(const ExpressionError& e) {
        for (const auto& p : e.problems()) keep(p.offset, p.message);
    }
    // Runs a check of `n` that throws ExpressionError (a function's type rule, arithmetic's);
    // a failure is noted and marks `n` wrong.
    template <typename Check>
    void check(Node& n, Check c) {
        try {
            c();
        } catch (const ExpressionError& e) {
            keep(e);
            n.broken = true;
        }
    }

    static std::string shown(const Token& t) {
        return t.kind == Tok::String ? "text '" + t.text + "'" : "'" + t.text + "'";
    }
    // The current token cannot stand here: names it ("unexpected ')'"), or says what the
    // lexer could not read.
    [[noreturn]] void unexpected(const std::string& context = {}) const {
        if (tok_.kind == Tok::Bad) throw ExpressionError(tok_.pos, tok_.text);
        if (tok_.kind == Tok::End) throw ExpressionError(tok_.pos, "the expression ends too soon");
        throw ExpressionError(tok_.pos, "unexpected " + shown(tok_) + context);
    }
    void expect(Tok k, const char* what) {
        if (tok_.kind == k) { advance(); return; }
        if (tok_.kind == Tok::Bad) throw ExpressionError(tok_.pos, tok_.text);
        throw ExpressionError(tok_.pos, std::string("expected ") + what +
                                            (tok_.kind == Tok::End ? " before the end" : ", not " + shown(tok_)));
    }

    // After a mistake inside a call's arguments or brackets: skips to the ',' (when `comma`)
    // or ')' that ends the part it was in, or to the end.
    void skip_to_close(bool comma) {
        int depth = 0;
        for (; tok_.kind != Tok::End; advance()) {
            if (tok_.kind == Tok::LParen) ++depth;
            else if (tok_.kind == Tok::RParen && depth-- == 0) return;
            else if (tok_.kind == Tok::Comma && comma && depth == 0) return;
        }
    }
    // After a mistake outside any brackets: skips past the next 'and', 'or' or stray ','
    // outside brackets, where a condition of its own starts. False at the end.
    bool resume_after_connective() {
        int depth = 0;
        for (; tok_.kind != Tok::End; advance()) {
            if (depth <= 0 && (is_word("and") || is_word("or") || tok_.kind == Tok::Comma)) {
                advance();
                return true;
            }
            if (tok_.kind == Tok::LParen) ++depth;
            else if (tok_.kind == Tok::RParen) --depth;
        }
        return false;
    }
    // Stands where a mistake was: its type means nothing, and nothing checks it.
    std::unique_ptr<Node> broken(size_t pos) const {
        auto n = node(Op::Literal, ExprType::Bool, pos);
        n->broken = true;
        return n;
    }

    // --- grammar --------------------------------------------------------------------------

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
        if (!n.broken && n.type != ExprType::Bool)
            keep(n.pos, std::string(context) + " needs a yes/no condition, not " + std::string(to_string(n.type)));
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
            keep(lit.pos, "'" + lit.literal.text + "' is not a value of this field (" + allowed + ")");
        }
    }

    void check_comparable(const Node& a, const Node& b, size_t pos, bool ordering) {
        if (a.broken || b.broken) return;
        const bool ok = a.type == b.type || (is_numeric(a.type) && is_numeric(b.type) &&
                                             (a.type == ExprType::Number || b.type == ExprType::Number));
        if (!ok) {
            keep(pos, "cannot compare " + std::string(to_string(a.type)) + " with " + std::string(to_string(b.type)));
            return;
        }
        if (ordering && (a.type == ExprType::Bool || a.type == ExprType::Text)) {
            keep(pos, "cannot order " + std::string(to_string(a.type)) + " values; use = or !=");
            return;
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
                try {
                    auto item = parse_additive();
                    check_comparable(*n->kids.front(), *item, item->pos, false);
                    n->kids.push_back(std::move(item));
                } catch (const ExpressionError& e) {
                    keep(e);
                    skip_to_close(true);
                }
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

    // A node of arithmetic `op` on `left` and `right`, typed by arithmetic_type().
    std::unique_ptr<Node> arithmetic(Op op, std::unique_ptr<Node> left, std::unique_ptr<Node> right, size_t pos) {
        auto n = node(op, ExprType::Number, pos);
        if (left->broken || right->broken) n->broken = true;
        else check(*n, [&] { n->type = arithmetic_type(op, *left, *right, pos); });
        n->kids.push_back(std::move(left));
        n->kids.push_back(std::move(right));
        return n;
    }

    std::unique_ptr<Node> parse_additive() {
        auto left = parse_multiplicative();
        while (is_op("+") || is_op("-")) {
            const Op op = tok_.text == "+" ? Op::Add : Op::Sub;
            const size_t pos = tok_.pos;
            advance();
            auto right = parse_multiplicative();
            left = arithmetic(op, std::move(left), std::move(right), pos);
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
            left = arithmetic(op, std::move(left), std::move(right), pos);
        }
        return left;
    }

    std::unique_ptr<Node> parse_unary() {
        if (is_op("-")) {
            const size_t pos = tok_.pos;
            advance();
            auto operand = parse_unary();
            auto n = node(Op::Neg, operand->type, pos);
            if (operand->broken) {
                n->broken = true;
            } else if (!is_numeric(operand->type)) {
                keep(pos, "cannot negate " + std::string(to_string(operand->type)));
                n->broken = true;
            }
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
            keep(pos, "unknown field '" + name + "'" + (best.empty() ? "" : " (did you mean " + best + "?)"));
            return broken(pos);
        }
        auto n = node(Op::Field, type_of_field(f->type), pos);
        n->field = f->id;
        if (auto g = rb_.gates.find(f->id); g != rb_.gates.end()) n->gate = g->second;
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
                std::unique_ptr<Node> inner;
                try {
                    inner = parse_or();
                } catch (const ExpressionError& e) {
                    keep(e);
                    skip_to_close(false);
                    inner = broken(t.pos);
                }
                expect(Tok::RParen, "')'");
                return inner;
            }
            case Tok::Ident:
                // A word of the language where an operand should be ("x = and ..."): not a field.
                if (t.text == "and" || t.text == "or" || t.text == "not" || t.text == "in") unexpected();
                break;
            default: unexpected();
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
            keep(t.pos, "unknown parameter '" + name + "'" + (best.empty() ? "" : " (did you mean param." + best + "?)"));
            return broken(t.pos);
        }
        const Evaluated v = from_value(it->second.value);
        auto lit = node(Op::Literal, v.type, t.pos);
        lit->literal = v;
        return lit;
    }

    std::unique_ptr<Node> parse_call(const Token& name) {
        const FunctionDef* fn = find_function(name.text);
        // An unknown function's arguments are still read, as values, for their own mistakes.
        if (!fn) keep(name.pos, "unknown function '" + name.text + "'" + suggest_function(name.text));
        advance();  // '('

        std::vector<std::unique_ptr<Node>> args;
        bool wrong = !fn;
        bool more = tok_.kind != Tok::RParen;
        try {
            if (fn && fn->form != Form::Values) {
                // A field's name, not a value: the function reads that field itself, in its scope.
                if (tok_.kind != Tok::Ident) throw ExpressionError(tok_.pos, name.text + "() takes a field name");
                const Token field_tok = tok_;
                advance();
                const FunctionDef* inner = fn->form == Form::AnyField && tok_.kind == Tok::LParen ? find_function(field_tok.text) : nullptr;
                if (inner && inner->form == Form::Field && inner->scope != Scope::Subject)
                    args.push_back(parse_call(field_tok));  // present(tender(x))
                else
                    args.push_back(field_node(field_tok.text, field_tok.pos, fn->scope));
                if (tok_.kind == Tok::LParen && args.back()->broken) {
                    // present(sum_to_date(x)): the call taken for a field is the one mistake.
                    advance();
                    skip_to_close(false);
                    expect(Tok::RParen, "')'");
                }
                more = tok_.kind == Tok::Comma;
                if (more) advance();
            }
        } catch (const ExpressionError& e) {
            keep(e);
            wrong = true;
            skip_to_close(true);
            more = tok_.kind == Tok::Comma;
            if (more) advance();
        }
        while (more) {
            try {
                args.push_back(parse_or());
            } catch (const ExpressionError& e) {
                keep(e);
                wrong = true;
                skip_to_close(true);
            }
            more = tok_.kind == Tok::Comma;
            if (more) advance();
        }
        expect(Tok::RParen, "')'");
        for (const auto& a : args) wrong = wrong || a->broken;
        auto n = node(Op::Call, ExprType::Bool, name.pos);
        if (!wrong && (args.size() < fn->min_args || args.size() > fn->max_args)) {
            keep(name.pos, arity_error(*fn, args.size()));
            wrong = true;
        }
        if (wrong) {
            n->broken = true;
            return n;
        }

        for (auto& a : args) widen_span(*a);  // for the type rule's messages quoting an argument
        Call call{*fn, name.pos, consumed_end_, args, text_};
        check(*n, [&] { n->type = fn->type(call); });
        if (n->broken) return n;
        if (fn->fold) return fn->fold(call);
        n->fn = fn;
        n->kids = std::move(args);
        return n;
    }

    static std::string arity_error(const FunctionDef& fn, size_t given) {
        const std::string name = std::string(fn.name) + "()";
        if (fn.max_args == kMany && given > kMany) return name + " takes at most " + std::to_string(kMany) + " arguments";
        const std::string lo = std::to_string(fn.min_args), hi = std::to_string(fn.max_args);
        const std::string n = fn.min_args == fn.max_args         ? lo
                            : fn.max_args == kMany               ? lo + " or more"
                            : fn.max_args == fn.min_args + 1     ? lo + " or " + hi
                                                                 : lo + " to " + hi;
        return name + " takes " + n + " argument(s)";
    }

    Lexer lex_;
    std::string_view text_;
    Token tok_;
    size_t consumed_end_ = 0;
    const Rulebook& rb_;
    std::vector<ExpressionError::Problem> problems_;
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

    // Field `f`'s question is not asked here: `gate` says so.
    Evaluated not_asked(FieldId f, const Record* where, const FieldGate* gate) const {
        Evaluated e;
        e.state = Evaluated::State::NotApplicable;
        e.missing_field = f;
        e.missing_record = where;
        e.why = Evaluated::Why::NotAsked;
        e.gate = gate;
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

    // Whether `gate`'s question is asked of the record a field is read from in `scope`: the
    // gate's condition read there (its own answers in that record, then the contract).
    Evaluated asked(const FieldGate& gate, Scope scope, int back, const Record* rec) const {
        if (scope == Scope::Subject) return gate.when->evaluate(s, reads);
        Subject there;
        there.record = rec;
        there.contract = s.contract;
        there.tender_return = s.tender_return;
        there.scheme = s.scheme;
        if (scope == Scope::Previous && s.period) {
            Quarter q = *s.period;
            for (int i = 0; i < back; ++i) q = q.previous();
            there.period = q;
        }
        return gate.when->evaluate(there, reads);
    }

    Evaluated read(FieldId f, Scope scope, int back, const FieldGate* gate = nullptr) const {
        const Record* rec = record_for(scope, back, f);
        note(f, scope, back, rec);
        Evaluated unknown_gate;
        if (gate) {
            Evaluated a = asked(*gate, scope, back, rec);
            if (says_not_asked(a)) return not_asked(f, rec, gate);
            if (!a.is_value()) unknown_gate = std::move(a);
        }
        // Whether the question was asked cannot be told: an answer given is taken; without one,
        // what is missing is the answer that would tell.
        const bool gate_unknown = unknown_gate.state != Evaluated::State::Value;
        if (!rec) return gate_unknown ? unknown_gate : missing(f, nullptr, false);
        const Value& v = rec->value(f);
        if (v.is_absent()) return gate_unknown ? unknown_gate : missing(f, rec, false);
        if (v.is_invalid()) return missing(f, rec, true);
        if (v.is_not_applicable()) return Evaluated::unanswered(f, rec, v);
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
            case Op::Field: return read(n.field, n.scope, n.back, n.gate.get());
            case Op::Or: case Op::And: {
                const bool is_and = n.op == Op::And;
                Evaluated a = eval(*n.kids[0]);
                if (a.state == Evaluated::State::Value && (a.number != 0) != is_and) return a;  // short circuit
                Evaluated b = eval(*n.kids[1]);
                if (b.state == Evaluated::State::Value && (b.number != 0) != is_and) return b;
                if (a.state == Evaluated::State::Missing) return a;
                if (b.state == Evaluated::State::Missing) return b;
                if (!a.is_value()) return a;
                if (!b.is_value()) return b;
                return make_bool(is_and);
            }
            case Op::Not: {
                Evaluated a = eval(*n.kids[0]);
                if (!a.is_value()) return a;
                return make_bool(a.number == 0);
            }
            case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: {
                Evaluated a = eval(*n.kids[0]);
                if (!a.is_value()) return a;
                Evaluated b = eval(*n.kids[1]);
                if (!b.is_value()) return b;
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
                if (!a.is_value()) return a;
                for (size_t i = 1; i < n.kids.size(); ++i) {
                    Evaluated b = eval(*n.kids[i]);
                    if (!b.is_value()) return b;
                    if (compare(a, b) == 0) return make_bool(true);
                }
                return make_bool(false);
            }
            case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: {
                Evaluated a = eval(*n.kids[0]);
                if (!a.is_value()) return a;
                Evaluated b = eval(*n.kids[1]);
                if (!b.is_value()) return b;
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
                if (!a.is_value()) return a;
                a.number = -a.number;
                return a;
            }
            case Op::Call: return call(n);
        }
        return {};
    }

    Evaluated call(const Node& n) const { return n.fn->eval(*this, n); }

    /// Evaluates `n` into `out`: false when it is missing.
    bool value(const Node& n, Evaluated& out) const {
        out = eval(n);
        return out.state == Evaluated::State::Value;
    }
};

// --- the function table ---------------------------------------------------------------------

void Call::refuse(size_t i, std::string_view takes, const std::string& found) const {
    throw ExpressionError(args[i]->pos, std::string(fn.name) + "() " + std::string(takes) + ": " +
                                            (found.empty() ? "argument " + std::to_string(i + 1) + " is " + std::string(to_string(type(i)))
                                                           : found));
}

bool is_date(ExprType t) { return t == ExprType::Date; }
bool is_numeric_or_date(ExprType t) { return is_numeric(t) || is_date(t); }

// present(f) and blank(f) look at the answer itself, so they are never missing.
Evaluated is_present(const Evaluator& ev, const Node& n, bool want) {
    const Node& f = *n.kids[0];
    const Record* rec = ev.record_for(f.scope, f.back, f.field);
    ev.note(f.field, f.scope, f.back, rec);
    bool present = rec && rec->value(f.field).is_valid();
    // Text that says nothing ("-", "...", "?") is no answer: a dash in a form's box is left blank.
    if (present && rec->value(f.field).type() == FieldType::Text) {
        const std::string& t = rec->value(f.field).as_text();
        present = std::any_of(t.begin(), t.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); });
    }
    // A question not asked has no answer to use, whatever the return says.
    if (present && f.gate) {
        if (says_not_asked(ev.asked(*f.gate, f.scope, f.back, rec))) present = false;
    }
    return make_bool(present == want);
}

// tender(f), contract(f), previous(f, n) are not calls at run time: they compile to f read in
// their scope, spanning the whole call so that a trace shows "tender(x)", not "x".
std::unique_ptr<Node> in_scope(Call& c) {
    auto field = std::move(c.args[0]);
    field->back = c.args.size() > 1 ? static_cast<int>(c.args[1]->literal.number) : 1;
    field->begin = c.pos;
    field->end = c.end;
    return field;
}

Evaluated extreme(const Evaluator& ev, const Node& n, bool least) {
    Evaluated best;
    for (size_t i = 0; i < n.kids.size(); ++i) {
        Evaluated v;
        if (!ev.value(*n.kids[i], v)) return v;
        if (i == 0 || (least ? v.number < best.number : v.number > best.number)) best = v;
    }
    return best;
}

Evaluated quarter_day(const Evaluator& ev, bool last) {
    if (!ev.s.period) return ev.missing(kNoField, nullptr, false);
    const Quarter q = *ev.s.period;
    return make_value(ExprType::Date, (last ? q.last_day(ev.s.scheme) : q.first_day(ev.s.scheme)).days());
}

// The signature, result and summary are docs/rulebook.md's "Functions" table, row for row
// (rulebook_test compares them).
constexpr FunctionDef kFunctions[] = {
    {"present", 1, 1, Form::AnyField, Scope::Subject,
     "present(f)", "yes/no",
     "f has a usable answer (not blank, absent, unreadable, not applicable, not asked, or text with no letter or digit such as \"-\"); never missing itself. f may be `tender(f)`, `contract(f)` or `previous(f, n)`",
     [](const Call&) { return ExprType::Bool; },
     [](const Evaluator& ev, const Node& n) { return is_present(ev, n, true); }},
    {"blank", 1, 1, Form::AnyField, Scope::Subject,
     "blank(f)", "yes/no", "f has no usable answer: the opposite of `present(f)`, never missing itself",
     [](const Call&) { return ExprType::Bool; },
     [](const Evaluator& ev, const Node& n) { return is_present(ev, n, false); }},
    {"contract", 1, 1, Form::Field, Scope::Contract,
     "contract(f)", "as f", "f in the contract record",
     [](const Call& c) { return c.type(0); }, nullptr, in_scope},
    {"tender", 1, 1, Form::Field, Scope::Tender,
     "tender(f)", "as f", "f in the awarded supplier's tender return",
     [](const Call& c) { return c.type(0); }, nullptr, in_scope},
    {"previous", 1, 2, Form::Field, Scope::Previous,
     "previous(f, n)", "as f",
     "f in the return n quarters before this one (n a whole number, 1 to 8; `previous(f)` is 1); missing when there is no such return",
     [](const Call& c) {
         if (c.args.size() > 1) {
             const Node& n = *c.args[1];
             const double back = n.literal.number;
             if (n.op != Op::Literal || n.type != ExprType::Number || back < 1 || back > 8 || back != std::floor(back))
                 throw ExpressionError(n.pos, "previous() counts back 1 to 8 quarters, not " + c.source(1));
         }
         return c.type(0);
     },
     nullptr, in_scope},
    {"sum_to_date", 1, 1, Form::Field, Scope::Subject,
     "sum_to_date(f)", "as f", "f, a number, in the return judged plus each earlier quarter's return; missing when any of them is",
     [](const Call& c) {
         if (!is_numeric(c.type(0)))
             c.refuse(0, "needs a numeric field", c.source(0) + " is " + std::string(to_string(c.type(0))));
         return c.type(0);
     },
     [](const Evaluator& ev, const Node& n) {
         const FieldId f = n.kids[0]->field;
         Evaluated total = ev.read(f, Scope::Subject, 0, n.kids[0]->gate.get());
         if (!total.is_value()) return total;
         const Subject& s = ev.s;
         for (const auto& e : s.earlier) {
             const Value& v = e.record->value(f);
             ev.note(f, Scope::Previous, s.period ? s.period->ordinal() - e.period.ordinal() : 0, e.record);
             if (v.is_not_applicable()) return Evaluated::unanswered(f, e.record, v);
             if (!v.is_valid()) return ev.missing(f, e.record, v.is_invalid());
             total.number += v.numeric();
         }
         return total;
     }},
    {"elapsed_share", 0, 0, Form::Values, Scope::Subject,
     "elapsed_share()", "percent", "the share of the contract's term gone by the end of the quarter judged, 0% to 100%; missing without a contract term",
     [](const Call&) { return ExprType::Percent; },
     [](const Evaluator& ev, const Node&) {
         const Subject& s = ev.s;
         if (!s.contract || !s.period) return ev.missing(kNoField, nullptr, false);
         const Contract& c = *s.contract;
         if (!c.start || !c.end || *c.end <= *c.start) return ev.missing(kNoField, &c.fields, false);
         const double elapsed = s.period->last_day(s.scheme).days() - c.start->days() + 1;
         const double term = c.end->days() - c.start->days() + 1;
         return make_value(ExprType::Percent, std::clamp(elapsed / term, 0.0, 1.0));
     }},
    {"quarter_start", 0, 0, Form::Values, Scope::Subject,
     "quarter_start()", "date", "the first day of the quarter judged",
     [](const Call&) { return ExprType::Date; },
     [](const Evaluator& ev, const Node&) { return quarter_day(ev, false); }},
    {"quarter_end", 0, 0, Form::Values, Scope::Subject,
     "quarter_end()", "date", "the last day of the quarter judged",
     [](const Call&) { return ExprType::Date; },
     [](const Evaluator& ev, const Node&) { return quarter_day(ev, true); }},
    {"days_between", 2, 2, Form::Values, Scope::Subject,
     "days_between(d1, d2)", "number", "the days from d1 to d2, negative when d2 is earlier",
     [](const Call& c) {
         c.each(is_date, "takes two dates");
         return ExprType::Number;
     },
     [](const Evaluator& ev, const Node& n) {
         Evaluated a, b;
         if (!ev.value(*n.kids[0], a)) return a;
         if (!ev.value(*n.kids[1], b)) return b;
         return make_value(ExprType::Number, b.number - a.number);
     }},
    {"date", 1, 1, Form::Values, Scope::Subject,
     "date('YYYY-MM-DD')", "date", "a date written in the expression",
     [](const Call& c) {
         const Node& a = *c.args[0];
         if (a.op != Op::Literal || a.type != ExprType::Text || !Date::parse_iso(a.literal.text))
             throw ExpressionError(c.pos, "date() takes a literal 'YYYY-MM-DD', not " + c.source(0));
         return ExprType::Date;
     },
     nullptr,
     [](Call& c) {
         auto lit = std::move(c.args[0]);
         lit->type = ExprType::Date;
         lit->literal = make_value(ExprType::Date, Date::parse_iso(lit->literal.text)->days());
         lit->pos = lit->begin = c.pos;
         lit->end = c.end;
         return lit;
     }},
    {"min", 1, kMany, Form::Values, Scope::Subject,
     "min(x1, x2, ...)", "as x1", "the least of numbers or dates of one kind",
     [](const Call& c) {
         c.each_alike(is_numeric_or_date, "takes numbers or dates of one kind");
         return c.type(0);
     },
     [](const Evaluator& ev, const Node& n) { return extreme(ev, n, true); }},
    {"max", 1, kMany, Form::Values, Scope::Subject,
     "max(x1, x2, ...)", "as x1", "the greatest of numbers or dates of one kind",
     [](const Call& c) {
         c.each_alike(is_numeric_or_date, "takes numbers or dates of one kind");
         return c.type(0);
     },
     [](const Evaluator& ev, const Node& n) { return extreme(ev, n, false); }},
    {"count_at_least", 2, kMany, Form::Values, Scope::Subject,
     "count_at_least(t, x1, x2, ...)", "number", "how many of the numbers x1, x2, ... are at least t",
     [](const Call& c) {
         c.each(is_numeric, "takes numbers");
         return ExprType::Number;
     },
     [](const Evaluator& ev, const Node& n) {
         Evaluated threshold;
         if (!ev.value(*n.kids[0], threshold)) return threshold;
         int count = 0;
         for (size_t i = 1; i < n.kids.size(); ++i) {
             Evaluated v;
             if (!ev.value(*n.kids[i], v)) return v;
             if (Evaluator::compare(v, threshold) >= 0) ++count;
         }
         return make_value(ExprType::Number, count);
     }},
    {"abs", 1, 1, Form::Values, Scope::Subject,
     "abs(x)", "as x", "x without its sign",
     [](const Call& c) {
         c.each(is_numeric, "takes a number");
         return c.type(0);
     },
     [](const Evaluator& ev, const Node& n) {
         Evaluated v = ev.eval(*n.kids[0]);
         if (v.state == Evaluated::State::Value) v.number = std::fabs(v.number);
         return v;
     }},
    // For messages: a pro-rata share of 8 FTE reads "5" or "4.99", not "4.997809".
    {"round", 2, 2, Form::Values, Scope::Subject,
     "round(x, n)", "as x", "x, a number or money, rounded to n decimal places (n a whole number, 0 to 6), halves away from zero",
     [](const Call& c) {
         if (c.type(0) != ExprType::Number && c.type(0) != ExprType::Money) c.refuse(0, "takes a number or money");
         const Node& n = *c.args[1];
         const double places = n.literal.number;
         if (n.op != Op::Literal || n.type != ExprType::Number || places < 0 || places > 6 || places != std::floor(places))
             throw ExpressionError(n.pos, "round() rounds to 0 to 6 decimal places, not " + c.source(1));
         return c.type(0);
     },
     [](const Evaluator& ev, const Node& n) {
         Evaluated v = ev.eval(*n.kids[0]);
         if (!v.is_value()) return v;
         const double scale = std::pow(10.0, n.kids[1]->literal.number);
         v.number = std::round(v.number * scale) / scale;
         return v;
     }},
    {"ratio", 2, 2, Form::Values, Scope::Subject,
     "ratio(a, b)", "percent", "a / b as a percentage, of two numbers of one kind; when b is 0, 100% if a is above 0, else 0%",
     [](const Call& c) {
         c.each_alike(is_numeric, "takes two numbers of one kind");
         return ExprType::Percent;
     },
     [](const Evaluator& ev, const Node& n) {
         Evaluated a, b;
         if (!ev.value(*n.kids[0], a)) return a;
         if (!ev.value(*n.kids[1], b)) return b;
         return make_value(ExprType::Percent, b.number == 0 ? (a.number > 0 ? 1.0 : 0.0) : a.number / b.number);
     }},
};

// What the parser and evaluator rely on of every entry.
constexpr bool well_formed(const FunctionDef* fns, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        const FunctionDef& f = fns[i];
        if (f.name.empty() || f.min_args > f.max_args || f.max_args > kMany || !f.type) return false;
        if ((f.eval == nullptr) == (f.fold == nullptr)) return false;        // computed, or folded
        if (f.form != Form::Values && f.min_args == 0) return false;         // the field comes first
        if (f.form == Form::Values && f.scope != Scope::Subject) return false;
        for (size_t j = 0; j < i; ++j) if (fns[j].name == f.name) return false;
    }
    return true;
}
static_assert(well_formed(kFunctions, std::size(kFunctions)), "a function table entry is malformed or named twice");

const FunctionDef* find_function(std::string_view name) {
    for (const auto& f : kFunctions) if (f.name == name) return &f;
    return nullptr;
}

// " (did you mean days_between()?)" for a near miss; nothing for a short name far from all.
std::string suggest_function(std::string_view name) {
    std::string_view best;
    size_t best_d = std::min<size_t>(4, name.size() / 2 + 1);
    for (const auto& f : kFunctions) {
        const size_t d = edit_distance(name, f.name);
        if (d < best_d) { best_d = d; best = f.name; }
    }
    return best.empty() ? std::string() : " (did you mean " + std::string(best) + "()?)";
}

}  // namespace

std::vector<ExpressionFunction> expression_functions() {
    std::vector<ExpressionFunction> out;
    for (const auto& f : kFunctions) out.push_back({f.name, f.min_args, f.max_args, f.signature, f.result, f.summary});
    return out;
}

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

std::optional<Expression::SubjectRead> Expression::subject_read() const {
    struct Walk {
        static void visit(const Node& n, const Node*& first) {
            if (n.op == Op::Field || n.op == Op::Call) {
                if (!first || n.begin < first->begin) first = &n;
                return;
            }
            for (const auto& k : n.kids) visit(*k, first);
        }
    };
    const Node* first = nullptr;
    Walk::visit(*root_, first);
    if (!first) return std::nullopt;
    return SubjectRead{first->begin, text_.substr(first->begin, first->end - first->begin)};
}

std::vector<FieldId> Expression::fields_read() const {
    struct Walk {
        static void visit(const Node& n, std::vector<FieldId>& out) {
            if (n.op == Op::Field && std::find(out.begin(), out.end(), n.field) == out.end()) out.push_back(n.field);
            for (const auto& k : n.kids) visit(*k, out);
        }
    };
    std::vector<FieldId> out;
    Walk::visit(*root_, out);
    return out;
}

Evaluated Expression::evaluate(const Subject& subject, std::vector<FieldRead>* reads,
                               std::vector<TraceStep>* trace) const {
    Evaluator ev{subject, reads, trace, text_};
    return ev.eval(*root_);
}

}  // namespace fairgate
