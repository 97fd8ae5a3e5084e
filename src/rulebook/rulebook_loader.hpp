#pragma once
// Loading a rulebook from its XML file, with errors a rule author can act on.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "rulebook/rulebook.hpp"

namespace fairgate {

/// One problem in a rulebook file, at a 1-based line and column.
struct Diagnostic {
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;
    std::string source_line;  ///< The text of that line, for a caret display.

    /// "rules/bexley.xml:42:17: error: unknown field 'policy.equalty' (did you mean policy.equality?)"
    /// followed by the source line and a caret under the column.
    std::string display() const;
};

/// The rulebook cannot be used. Carries every problem found, not only the first.
class RulebookError : public std::runtime_error {
public:
    explicit RulebookError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// Reads, validates and compiles a rulebook: identity, sources, fields, parameters, rules
/// and their tests. Every expression and template is compiled (names resolved, types
/// checked). Throws RulebookError listing every problem: XML not well-formed, unknown
/// field or parameter, duplicate ids, a rule without a citation or citing an unknown
/// source, a bad type or value, a placeholder in a rule's title, message, expected, found or
/// remedy that does not compile (or, in a title, reads anything but parameters).
Rulebook load_rulebook(const std::string& path);
/// The same from text; `name` is used in diagnostics.
Rulebook load_rulebook_text(std::string_view xml, const std::string& name);

}  // namespace fairgate
