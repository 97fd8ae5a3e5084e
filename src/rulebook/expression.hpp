#pragma once
// The rule expression language: small, typed, and safe. See docs/rulebook.md.
//
//   policy.equality = no
//   bidder.turnover >= param.msa_turnover and bidder.slavery_statement != 'yes'
//   count_at_least(param.monitoring_warn, seen.age, seen.disability, ...) < 9
//   sum_to_date(done.local_jobs) < tender(pledge.local_jobs) * elapsed_share() * param.sv_warn
//
// Expressions are compiled once when the rulebook loads (names resolved, types checked) and
// evaluated many times. A needed answer that is absent or unreadable makes the result
// "missing" (three-valued logic: `false and missing` is false, `true or missing` is true).

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/field.hpp"
#include "model/period.hpp"

namespace fairgate {

struct Rulebook;
struct Contract;
struct SupplierReturn;
class Record;
class Value;
class MessageTemplate;
class Expression;

/// The static type of an expression. Numbers carry a unit so that money is never compared
/// with a percentage by mistake.
enum class ExprType : uint8_t { Bool, Number, Money, Percent, Date, Text };
std::string_view to_string(ExprType t);

/// An expression that does not compile: every problem found in it, in the order of the text,
/// each with its 0-based offset into the expression ("unexpected ')'", "unknown field
/// 'eq.polcy'"). what() and offset() are the first.
class ExpressionError : public std::runtime_error {
public:
    struct Problem {
        size_t offset = 0;
        std::string message;
    };
    ExpressionError(size_t offset, const std::string& message) : ExpressionError(std::vector<Problem>{{offset, message}}) {}
    /// `problems` is not empty.
    explicit ExpressionError(std::vector<Problem> problems)
        : std::runtime_error(problems.at(0).message), problems_(std::move(problems)) {}
    size_t offset() const { return problems_.front().offset; }
    const std::vector<Problem>& problems() const { return problems_; }

private:
    std::vector<Problem> problems_;
};

/// Where a field is read from.
enum class Scope : uint8_t {
    Subject,   ///< The return (or contract record) being judged; then its contract.
    Contract,  ///< The contract record.
    Tender,    ///< The awarded supplier's tender return (tender(...)).
    Previous,  ///< An earlier quarterly return (previous(...)).
};

/// What a rule is judged against. Pointers may be null where the thing does not exist
/// (a tender return with no contract yet, a first quarter with no earlier ones).
struct Subject {
    const Record* record = nullptr;              ///< The return or contract judged.
    const Contract* contract = nullptr;
    const Record* tender_return = nullptr;       ///< Awarded supplier's tender return.
    struct Earlier {
        Quarter period;
        const Record* record = nullptr;
    };
    std::vector<Earlier> earlier;                ///< Earlier quarterly returns, oldest first.
    std::optional<Quarter> period;               ///< Quarterly subjects.
    QuarterScheme scheme = QuarterScheme::Financial;
};

/// A field read during evaluation, for evidence and provenance.
struct FieldRead {
    FieldId field = kNoField;
    Scope scope = Scope::Subject;
    int back = 0;  ///< For Scope::Previous: how many quarters back.
    const Record* record = nullptr;  ///< Where it was found (null: not present anywhere).
};

struct FieldGate;

/// The value of an evaluation, displayed for messages. Missing and NotApplicable both mean no
/// value: Missing that an answer needed is blank or unreadable (the rule cannot judge),
/// NotApplicable that it is deliberately not there (`why`). Both propagate the same way
/// (three-valued logic: `false and x` is false, `true or x` is true); where both meet, Missing
/// wins, since the rule still needs an answer.
struct Evaluated {
    enum class State : uint8_t { Value, Missing, NotApplicable } state = State::Value;
    /// Why an answer is NotApplicable.
    enum class Why : uint8_t {
        Answered,      ///< The supplier answered "not applicable" ("N/A", Value::NotApplicable).
        NotAsked,      ///< The field's question is not asked here: its `<asked when>` is false.
        NotPublished,  ///< The record's source does not publish the fact (Value::NotPublished).
    };
    ExprType type = ExprType::Bool;
    double number = 0;   ///< Bool (0/1), numbers, money in pounds, percent as fraction, date days.
    std::string text;
    FieldId missing_field = kNoField;  ///< Missing or NotApplicable: the first field concerned.
    bool missing_invalid = false;      ///< Missing because the answer could not be read.
    const Record* missing_record = nullptr;
    Why why = Why::Answered;            ///< NotApplicable: why.
    const FieldGate* gate = nullptr;    ///< NotApplicable, NotAsked: the gate that was false.

    bool is_value() const { return state == State::Value; }
    /// A value deliberately not given (Value::is_not_applicable) of field `f` in `where`:
    /// NotApplicable, Why::Answered for the supplier's "N/A", Why::NotPublished for a fact its
    /// source does not publish.
    static Evaluated unanswered(FieldId f, const Record* where, const Value& v);
    bool is_true() const { return state == State::Value && type == ExprType::Bool && number != 0; }
    /// As an officer reads it, in an explanation or a finding's message: "Yes", "1.51" (a
    /// number rounded as format_figure() writes it, for it is mostly computed: 1.511501 is
    /// noise), "£1,234.56", "12.5%", "31 Mar 2026"; "(missing)", "(not applicable)".
    std::string display() const;
};

/// When a field's question is asked (`<asked when="...">` on a field, docs/rulebook.md): a
/// condition over other answers, read in the same record as the field (`tender(f)` reads the
/// gate in the tender return too). While it is false, or reads a field itself not asked, the
/// field is "not asked": a rule reading it is NotApplicable, and says why with `reason`. While
/// it cannot be told (its own answers are blank or "N/A"), the field reads as answered.
struct FieldGate {
    FieldId field = kNoField;
    std::shared_ptr<const Expression> when;
    std::string reason;                                   ///< Template text, as written.
    std::shared_ptr<const MessageTemplate> reason_template;  ///< Null when none was written.
    int line = 0;
};

/// One step of a traced evaluation (`fairgate rules explain`): a sub-expression as written in
/// the rulebook, how deep it sits, what it evaluated to, and for a field read, where the
/// value came from. Steps are in evaluation order, parents before their operands; operands
/// that short-circuiting skipped do not appear.
struct TraceStep {
    int depth = 0;
    std::string expression;
    Evaluated result;
    std::string where;  ///< Provenance display of a field read; empty otherwise.
};

/// A function of the language, as the table in expression.cpp defines it. For documents and
/// for the tests that hold every function to a documented row and to test cases of its own.
struct ExpressionFunction {
    std::string_view name;
    size_t min_args = 0;
    size_t max_args = 0;  ///< 64 where docs/rulebook.md says "..." (as many as wanted).
    std::string_view signature;  ///< "days_between(d1, d2)"
    std::string_view result;     ///< "number", or "as f" where it is its argument's type
    std::string_view summary;
};
/// Every function, in the table's order.
std::vector<ExpressionFunction> expression_functions();

/// A compiled expression.
class Expression {
public:
    /// Compiles `text` against the rulebook's fields and parameters. Throws ExpressionError
    /// naming every problem found, not only the first.
    static std::shared_ptr<const Expression> compile(std::string_view text, const Rulebook& rulebook);
    ~Expression();

    ExprType type() const;
    const std::string& text() const { return text_; }

    /// What the expression reads of the subject judged: the first field or function call as
    /// written ("org.name", "tender(org.pays_living_wage)", "quarter_end()") and its offset into
    /// text(). A function counts even when its arguments read nothing: some read the quarter
    /// or the contract's term. Without one (nullopt) the expression uses parameters and
    /// literals only, and has one value whatever is judged.
    struct SubjectRead {
        size_t offset = 0;
        std::string text;
    };
    std::optional<SubjectRead> subject_read() const;

    /// Every field the expression reads, in any scope, once each, in the order written.
    std::vector<FieldId> fields_read() const;

    /// Evaluates against `subject`. Reads are appended to `reads` when it is not null; each
    /// sub-expression's value to `trace` when that is not null (slower: for explaining).
    Evaluated evaluate(const Subject& subject, std::vector<FieldRead>* reads = nullptr,
                       std::vector<TraceStep>* trace = nullptr) const;

    struct Node;

private:
    Expression() = default;
    std::string text_;
    std::unique_ptr<Node> root_;
};

}  // namespace fairgate
