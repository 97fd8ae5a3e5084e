#pragma once
// A quarterly return that arrived but was refused: what it was for, as far as the refused file
// still told, so that its quarter reads "received and refused", never "no return received".

#include <optional>
#include <string>

#include "model/date.hpp"
#include "model/period.hpp"
#include "model/value.hpp"

namespace fairgate {

/// The contract and quarter a refused file's quarterly return was for, read from its header
/// block (a form) or its columns (a table) even though the file as a whole was refused.
struct RefusedIdentity {
    std::string contract_id;
    Quarter period;
    std::string supplier_id;        ///< As typed; empty when it did not read.
    std::optional<Date> submitted;  ///< Its date submitted, when that read.
};

/// A refused quarterly return as the store holds it for its contract and quarter: the
/// identity, the file and why it was refused.
struct RefusedReturn {
    RefusedIdentity identity;
    std::string source_sha256;
    std::string source_name;
    std::string reason;                ///< Why the file was refused, as its reason file says.
    /// The day fairgate first refused the file (the date of that run).
    std::optional<Date> first_seen;

    /// When it was received: its own date submitted, else the day fairgate first refused it.
    std::optional<Date> received() const { return identity.submitted ? identity.submitted : first_seen; }
    /// received() as an officer reads it, "20 Jan 2026", or "(date not known)".
    std::string received_display() const {
        const std::optional<Date> d = received();
        return d ? format_date(*d) : std::string("(date not known)");
    }
};

}  // namespace fairgate
