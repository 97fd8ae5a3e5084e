#pragma once
// A typed answer value. Every value a rule reads is one of these.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "model/date.hpp"
#include "model/field.hpp"

namespace fairgate {

/// A typed value, or the absence of one, or an answer that was given but could not be read as
/// its field's type (kept with the text typed and the reason, so rules and officers see it).
/// Two more states say why there is no value, deliberately: the supplier answered "not
/// applicable" (NotApplicable, the text as typed kept: "N/A"), or the record's source never
/// publishes the fact (NotPublished: an OCDS notice has no payment terms). A rule needing
/// either gives `not-applicable` rather than `missing` (docs/rulebook.md, Outcomes).
///
/// Representations: Integer as int64; Number as double; Money in whole pence (int64);
/// Percent as a fraction (double, 0.85 = 85%); Date as a Date; YesNo as bool; Days as whole
/// days (int64); Text and Enum as UTF-8 text (Enum holds the canonical code).
class Value {
public:
    enum class State : uint8_t { Absent, Valid, Invalid, NotApplicable, NotPublished };

    Value() = default;  ///< Absent.

    static Value absent() { return Value(); }
    static Value text(std::string s);
    static Value integer(int64_t v);
    static Value number(double v);
    static Value money_pence(int64_t pence);
    static Value percent(double fraction);
    static Value date(Date d);
    static Value yes_no(bool v);
    static Value enumeration(std::string code);
    static Value days(int64_t count);
    /// An answer of field type `type` that could not be parsed: `raw` as typed, `reason` why.
    static Value invalid(FieldType type, std::string raw, std::string reason);
    /// An answer of field type `type` given as "not applicable": `raw` as typed ("N/A", "none").
    static Value not_applicable(FieldType type, std::string raw);
    /// A fact of field type `type` that the record's source does not publish.
    static Value not_published(FieldType type);

    State state() const { return state_; }
    bool is_absent() const { return state_ == State::Absent; }
    bool is_valid() const { return state_ == State::Valid; }
    bool is_invalid() const { return state_ == State::Invalid; }
    /// NotApplicable or NotPublished: no value, and deliberately none.
    bool is_not_applicable() const { return state_ == State::NotApplicable || state_ == State::NotPublished; }
    FieldType type() const { return type_; }

    // Accessors; calling one that does not match type() is a programming error (asserted).
    const std::string& as_text() const;  ///< Text or Enum code.
    int64_t as_integer() const;
    double as_number() const;
    int64_t as_pence() const;
    double as_fraction() const;
    Date as_date() const;
    bool as_bool() const;
    int64_t as_days() const;
    /// Any numeric type as a double in its natural unit: Integer, Number, Money in pounds,
    /// Percent as a fraction, Date as days since 1970-01-01, Days as days.
    double numeric() const;

    /// For an Invalid value: the text as typed and why it was refused. For NotApplicable: the
    /// text as typed ("N/A").
    const std::string& invalid_raw() const { return text_; }
    const std::string& invalid_reason() const;

    /// How an officer reads it: "£1,250,000", "£14.80", "85%", "31 Mar 2026", "Yes", "12.5",
    /// "91 days". A Number keeps up to 6 decimals (format_number): it is an answer as given, and
    /// the officer compares it with the cell; figures the rules compute are rounded for
    /// reading instead (format_figure, Evaluated::display).
    /// Absent is "(no answer)"; Invalid is the raw text followed by "(invalid: reason)";
    /// NotApplicable is "not applicable (N/A)"; NotPublished "(not published by the source)".
    std::string display() const;
    /// Lossless text for storage: integer digits, pence, days, fraction and double with round-trip
    /// precision, ISO dates, "yes"/"no", codes and text as they are. Empty for Absent and
    /// NotPublished; the text as typed for Invalid and NotApplicable.
    std::string canonical() const;
    /// Inverse of canonical() for a valid value of `type`; Invalid if `text` does not parse.
    static Value from_canonical(FieldType type, std::string_view text);

    friend bool operator==(const Value& a, const Value& b);
    friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

private:
    FieldType type_ = FieldType::Text;
    State state_ = State::Absent;
    union {
        int64_t i_;
        double d_;
    };
    std::string text_;
    // Only an Invalid value has a reason: shared rather than a string of its own, so that the
    // millions of valid values a big file holds are smaller (an answer is mostly its value).
    std::shared_ptr<const std::string> reason_;
    void init_num() { i_ = 0; }
};

/// "£1,250,000" or "£14.80".
std::string format_money(int64_t pence);
/// "85%", "85.5%", "0.004%": the percentage as format_figure() writes it.
std::string format_percent(double fraction);
/// "12", "12.5", "0.333333": shortest form with up to 6 decimals. For a value as given (an
/// answer, a cell's number read as text), where rounding would change what was said.
std::string format_number(double v);
/// A figure as people write it in a sentence: "40", "12.5", "1.13" (at most 2 decimals,
/// trailing zeros dropped), and a figure under 1 with two significant digits, so that a small
/// share never reads as 0: "0.33", "0.0042". At most 6 decimals: below that it is "0".
/// For numbers fairgate computes and shows (rules explain, findings' messages); never for
/// what is stored.
std::string format_figure(double v);
/// "31 Mar 2026".
std::string format_date(Date d);

}  // namespace fairgate
