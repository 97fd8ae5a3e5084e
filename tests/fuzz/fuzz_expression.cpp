// The rule expression language: compiling an expression (parse, resolve names, check types)
// against rules/bexley.xml's fields and parameters, as the rulebook loader does for every
// <applies>/<pass>/<fail>/... condition and {placeholder}; then, when it compiles, evaluating
// it against a quarter with every field blank and against one with every field answered.
// ExpressionError is a normal outcome of compiling; evaluating documents no exception, so
// anything escaping either is a finding.

#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "model/contract.hpp"
#include "model/record.hpp"
#include "rulebook/expression.hpp"

using namespace fairgate;

namespace {

// A plausible answer for every field of the dictionary, so that evaluation reaches the
// arithmetic, comparisons and functions rather than stopping at the first blank.
Record answered(const FieldDictionary& fields) {
    Record r;
    for (const FieldDef& f : fields.all()) {
        Value v;
        switch (f.type) {
            case FieldType::Text: v = Value::text("Acme Ltd"); break;
            case FieldType::Integer: v = Value::integer(7); break;
            case FieldType::Number: v = Value::number(2.5); break;
            case FieldType::Money: v = Value::money_pence(125000000); break;
            case FieldType::Percent: v = Value::percent(0.85); break;
            case FieldType::Date: v = Value::date(Date::from_ymd(2026, 4, 20)); break;
            case FieldType::YesNo: v = Value::yes_no(true); break;
            case FieldType::Enum: v = f.enum_values.empty() ? Value::absent() : Value::enumeration(f.enum_values.front()); break;
            case FieldType::Days: v = Value::days(30); break;
        }
        r.set(f.id, Answer(std::move(v), "", Provenance("fuzz.csv", "line 2, column 1")));
    }
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const Rulebook& book = fuzz::bexley();
        static const Record blank;
        static const Record full = answered(book.fields);
        static const Contract contract = [] {
            Contract c;
            c.id = "BX-2025-0142";
            c.start = Date::from_ymd(2025, 4, 1);
            c.end = Date::from_ymd(2028, 3, 31);
            c.fields = full;
            return c;
        }();
        std::shared_ptr<const Expression> expression;
        try {
            expression = Expression::compile(std::string_view(reinterpret_cast<const char*>(data), size), book);
        } catch (const ExpressionError&) {
            return 0;
        }
        (void)expression->type();
        for (const Record* record : {&blank, &full}) {
            Subject subject;
            subject.record = record;
            subject.contract = &contract;
            subject.tender_return = record;
            subject.earlier = {{Quarter{2025, 3}, record}, {Quarter{2025, 4}, record}};
            subject.period = Quarter{2026, 1};
            std::vector<FieldRead> reads;
            std::vector<TraceStep> trace;
            (void)expression->evaluate(subject, &reads, &trace).display();
        }
    } catch (const std::exception& e) {
        fuzz::undocumented("fuzz_expression", e.what());
    }
    return 0;
}
