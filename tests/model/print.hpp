#pragma once
// Stream operators so that Boost.Test can show model types when an assertion fails.

#include <optional>
#include <ostream>

#include "model/date.hpp"
#include "model/period.hpp"
#include "model/register_entry.hpp"
#include "model/value.hpp"

namespace fairgate {

inline std::ostream& operator<<(std::ostream& os, Date d) { return os << d.iso(); }
inline std::ostream& operator<<(std::ostream& os, const Quarter& q) { return os << q.label(); }
inline std::ostream& operator<<(std::ostream& os, FieldType t) { return os << to_string(t); }
inline std::ostream& operator<<(std::ostream& os, EmployerSizeBand b) { return os << to_string(b); }
inline std::ostream& operator<<(std::ostream& os, Value::State s) {
    switch (s) {
        case Value::State::Absent: return os << "Absent";
        case Value::State::Valid: return os << "Valid";
        case Value::State::Invalid: return os << "Invalid";
        case Value::State::NotApplicable: return os << "NotApplicable";
        case Value::State::NotPublished: return os << "NotPublished";
    }
    return os << "?";
}
inline std::ostream& operator<<(std::ostream& os, const Value& v) {
    return os << to_string(v.type()) << ':' << v.state() << ':' << v.canonical();
}

}  // namespace fairgate

// Boost.Test cannot print std::optional; tests compare the contents after checking presence.
