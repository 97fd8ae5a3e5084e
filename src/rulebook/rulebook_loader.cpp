#include "rulebook/rulebook_loader.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "model/content_hash.hpp"
#include "model/value_parse.hpp"
#include "rulebook/expression.hpp"
#include "rulebook/message_template.hpp"

namespace fairgate {

std::string Diagnostic::display() const {
    std::string out = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: " + message;
    if (!source_line.empty()) {
        out += "\n    " + source_line + "\n    ";
        // Keep tabs so the caret lines up under tab-indented text.
        for (int i = 0; i + 1 < column && i < static_cast<int>(source_line.size()); ++i) {
            out.push_back(source_line[static_cast<size_t>(i)] == '\t' ? '\t' : ' ');
        }
        out.push_back('^');
    }
    return out;
}

namespace {

std::string summarise(const std::vector<Diagnostic>& d) {
    std::string out;
    for (const auto& x : d) out += (out.empty() ? "" : "\n") + x.display();
    return out;
}

}  // namespace

RulebookError::RulebookError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summarise(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::optional<Date> Rulebook::return_due(const Quarter& q) const {
    const std::optional<int64_t> days = return_due_days();
    if (!days) return std::nullopt;
    return Date::from_days(static_cast<int32_t>(q.last_day(quarters).days() + *days));
}

bool Rulebook::return_falls_due_between(Date after, Date through) const {
    const std::optional<int64_t> days = return_due_days();
    if (!days || !(after < through)) return false;
    // The first quarter whose due date can be after `after` ends no earlier than after - days.
    Quarter q = Quarter::containing(Date::from_days(static_cast<int32_t>(after.days() - *days)), quarters);
    for (int i = 0; i < 8; ++i, q = q.next()) {  // due dates are a quarter apart: the first past `after` decides
        const Date due = *return_due(q);
        if (after < due) return !(through < due);
    }
    return false;
}

const Rule* Rulebook::rule(const std::string& rule_id) const {
    for (const auto& r : rules) if (r.id == rule_id) return &r;
    return nullptr;
}

namespace {

// Reads the XML in place so that every node and attribute value points into `buffer_`,
// which lets a diagnostic name the exact line and column in the original text.
class Loader {
public:
    Loader(std::string_view xml, std::string name) : name_(std::move(name)), original_(xml), buffer_(xml) {
        for (size_t i = 0; i < original_.size(); ++i) if (original_[i] == '\n') line_starts_.push_back(i + 1);
    }

    Rulebook load() {
        Rulebook rb;
        rb.path = name_;
        rb.sha256 = sha256_hex(original_);
        // Refuse DTDs outright: a rulebook has no use for them and they are how entity
        // expansion attacks arrive.
        if (auto pos = original_.find("<!DOCTYPE"); pos != std::string::npos) {
            error_at(pos, "a rulebook may not contain a DOCTYPE declaration");
            throw RulebookError(diags_);
        }
        const pugi::xml_parse_result parsed =
            doc_.load_buffer_inplace(buffer_.data(), buffer_.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
        if (!parsed) {
            std::string hint;
            if (parsed.status == pugi::status_bad_attribute || parsed.status == pugi::status_bad_start_element ||
                parsed.status == pugi::status_unrecognized_tag) {
                hint = " (a '<' inside a condition must be written &lt;, and '&' as &amp;)";
            }
            error_at(static_cast<size_t>(parsed.offset), std::string("the XML is not well-formed: ") + parsed.description() + hint);
            throw RulebookError(diags_);
        }
        const pugi::xml_node root = doc_.child("rulebook");
        if (!root) {
            error_at(0, "the root element must be <rulebook>");
            throw RulebookError(diags_);
        }
        read_identity(root, rb);
        read_sources(root.child("sources"), rb);
        read_fields(root.child("fields"), rb);
        read_parameters(root.child("parameters"), rb);
        read_gates(rb);
        read_schedule(root.child("schedule"), rb);
        read_workbook(root.child("workbook"), rb);
        read_rules(root.child("rules"), rb);
        check_schedule_rule(root.child("schedule"), rb);
        if (!diags_.empty()) throw RulebookError(diags_);
        return rb;
    }

private:
    // --- positions ----------------------------------------------------------------------------
    void error_at(size_t offset, const std::string& message) {
        offset = std::min(offset, original_.size());
        auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
        const size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
        const size_t start = line_starts_[line_index];
        size_t end = original_.find('\n', start);
        if (end == std::string::npos) end = original_.size();
        std::string text = original_.substr(start, end - start);
        if (!text.empty() && text.back() == '\r') text.pop_back();
        diags_.push_back(Diagnostic{name_, static_cast<int>(line_index + 1), static_cast<int>(offset - start + 1), message, text});
    }
    // pugixml gives an element's offset at its name; an author looks for the '<'.
    size_t offset_of(const pugi::xml_node& n) const {
        const auto at = static_cast<size_t>(n.offset_debug());
        return n.type() == pugi::node_element && at > 0 && at <= original_.size() && original_[at - 1] == '<' ? at - 1 : at;
    }
    size_t offset_of(const char* in_buffer) const {
        if (in_buffer >= buffer_.data() && in_buffer < buffer_.data() + buffer_.size()) {
            return static_cast<size_t>(in_buffer - buffer_.data());
        }
        return 0;
    }
    // Offset in the original text of character `k` of a decoded value starting at `start`:
    // each entity (&lt;) in the original counts as one decoded character.
    size_t decoded_offset(size_t start, size_t k) const {
        size_t i = start;
        for (size_t n = 0; n < k && i < original_.size(); ++n) {
            if (original_[i] == '&') {
                const size_t semi = original_.find(';', i);
                i = semi == std::string::npos ? i + 1 : semi + 1;
            } else {
                ++i;
            }
        }
        return i;
    }
    int line_of(const pugi::xml_node& n) const {
        auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset_of(n));
        return static_cast<int>(it - line_starts_.begin());
    }
    void node_error(const pugi::xml_node& n, const std::string& message) { error_at(offset_of(n), message); }
    void attr_error(const pugi::xml_node& n, const pugi::xml_attribute& a, const std::string& message) {
        const size_t off = offset_of(a.value());
        error_at(off ? off : offset_of(n), message);
    }

    std::string required(const pugi::xml_node& n, const char* attr) {
        const pugi::xml_attribute a = n.attribute(attr);
        if (!a || std::string_view(a.value()).empty()) {
            node_error(n, std::string("<") + n.name() + "> needs the attribute " + attr);
            return {};
        }
        return a.value();
    }

    static std::string text_of(const pugi::xml_node& n) { return std::string(trim(n.child_value())); }

    // Compiles an expression held in an attribute or an element's text, reporting errors at
    // the exact character.
    std::shared_ptr<const Expression> compile(const char* text, const pugi::xml_node& owner, const Rulebook& rb) {
        // pugixml tolerates a raw '<' inside an attribute; XML does not, and other tools
        // reading the rulebook would reject it, so it is an error here too.
        if (const size_t start = offset_of(text); start > 0) {
            const char quote = original_[start - 1];
            const size_t end = original_.find(quote, start);
            const size_t lt = original_.find('<', start);
            if (lt != std::string::npos && lt < end) {
                error_at(lt, "a '<' inside a condition must be written &lt; (and '>' as &gt;)");
                return nullptr;
            }
        }
        try {
            return Expression::compile(text, rb);
        } catch (const ExpressionError& e) {
            const size_t start = offset_of(text);
            for (const auto& p : e.problems())
                error_at(start ? decoded_offset(start, p.offset) : offset_of(owner), p.message);
            return nullptr;
        }
    }
    // Compiles an element's text as a message template, reporting errors at the exact character.
    std::shared_ptr<const MessageTemplate> compile_template(
        const pugi::xml_node& n, const Rulebook& rb,
        MessageTemplate::Placeholders allowed = MessageTemplate::Placeholders::Any) {
        if (!n) return nullptr;
        const pugi::xml_node text = n.first_child();
        const char* raw = text ? text.value() : "";
        try {
            return MessageTemplate::compile(trim(raw), rb, allowed);
        } catch (const ExpressionError& e) {
            const size_t start = offset_of(raw);
            const size_t lead = static_cast<size_t>(trim(raw).data() - raw);
            for (const auto& p : e.problems())
                error_at(start ? decoded_offset(start, lead + p.offset) : offset_of(n), p.message);
            return nullptr;
        }
    }

    // --- sections -----------------------------------------------------------------------------
    void read_identity(const pugi::xml_node& root, Rulebook& rb) {
        rb.id = required(root, "id");
        rb.version = required(root, "version");
        rb.owner = root.attribute("owner").value();
        rb.title = text_of(root.child("title"));
        if (auto eff = root.attribute("effective")) {
            rb.effective = Date::parse_iso(eff.value());
            if (!rb.effective) attr_error(root, eff, "effective date must be YYYY-MM-DD");
        }
        const std::string q = root.attribute("quarters").as_string("financial");
        if (q == "financial") rb.quarters = QuarterScheme::Financial;
        else if (q == "calendar") rb.quarters = QuarterScheme::Calendar;
        else attr_error(root, root.attribute("quarters"), "quarters must be 'financial' or 'calendar'");
        rb.fields.set_quarters(rb.quarters);
    }

    void read_sources(const pugi::xml_node& sources, Rulebook& rb) {
        for (const auto& s : sources.children("source")) {
            Clause c;
            c.ref = required(s, "ref");
            c.document = s.attribute("document").value();
            c.section = s.attribute("section").value();
            c.status = s.attribute("status").value();
            c.text = text_of(s);
            if (c.text.empty()) node_error(s, "source " + c.ref + " has no quoted text");
            if (!c.ref.empty() && !rb.clauses.emplace(c.ref, c).second) node_error(s, "duplicate source " + c.ref);
        }
    }

    void read_fields(const pugi::xml_node& fields, Rulebook& rb) {
        if (!fields) { error_at(0, "the rulebook has no <fields> dictionary"); return; }
        for (const auto& f : fields.children("field")) {
            FieldDef def;
            def.name = required(f, "name");
            const std::string type = required(f, "type");
            if (!type.empty() && !parse_field_type(type, def.type)) {
                attr_error(f, f.attribute("type"), "unknown field type '" + type + "' (text, integer, number, money, percent, date, yes-no, enum, days)");
            }
            def.ref = f.attribute("ref").value();
            def.group = f.attribute("group").value();
            if (const pugi::xml_attribute role = f.attribute("role")) {
                if (!parse_field_role(role.value(), def.role)) {
                    attr_error(f, role, "unknown field role '" + std::string(role.value()) + "' (docs/rulebook.md lists the roles)");
                }
            }
            if (const pugi::xml_attribute unpublished = f.attribute("unpublished-in")) {
                for (const std::string& source : split_refs(unpublished.value())) {
                    if (source != "ocds") attr_error(f, unpublished, "unknown source '" + source + "' in unpublished-in (known: ocds)");
                    else def.unpublished_in.push_back(source);
                }
            }
            if (const pugi::xml_attribute na = f.attribute("not-applicable")) {
                const std::string_view v = na.value();
                if (v == "refused") def.takes_not_applicable = false;
                else if (v != "accepted") attr_error(f, na, "not-applicable must be 'accepted' or 'refused'");
            }
            def.question = text_of(f.child("question"));
            for (const auto& a : f.children("alias")) def.aliases.push_back(text_of(a));
            if (def.type == FieldType::Enum) {
                for (const auto& o : f.children("option")) {
                    const std::string code = required(o, "code");
                    def.enum_values.push_back(code);
                    for (const auto& a : o.children("alias")) {
                        def.enum_aliases[FieldDictionary::normalise_label(text_of(a))] = code;
                    }
                }
                if (def.enum_values.empty()) node_error(f, "enum field " + def.name + " has no <option> values");
            }
            if (def.name.empty()) continue;
            const std::string name = def.name;
            try {
                const FieldId id = rb.fields.add(std::move(def));
                const auto asked = f.children("asked");
                for (auto it = asked.begin(); it != asked.end(); ++it) {
                    if (it != asked.begin()) node_error(*it, "field " + name + " has more than one <asked>: join the conditions with 'or'");
                    else asked_.push_back({id, *it});
                }
            } catch (const std::invalid_argument& e) {
                node_error(f, e.what());
            }
        }
    }

    void read_parameters(const pugi::xml_node& params, Rulebook& rb) {
        for (const auto& p : params.children("param")) {
            Parameter param;
            param.name = required(p, "name");
            const std::string type = required(p, "type");
            const std::string value = required(p, "value");
            FieldDef as;
            as.name = param.name;
            if (!type.empty() && !parse_field_type(type, as.type)) {
                attr_error(p, p.attribute("type"), "unknown parameter type '" + type + "'");
                continue;
            }
            param.value = parse_value(as, value);
            if (!param.value.is_valid()) {
                attr_error(p, p.attribute("value"), "parameter " + param.name + ": '" + value + "' is not a " + type +
                                                        (param.value.is_invalid() ? " (" + param.value.invalid_reason() + ")" : ""));
            }
            param.description = text_of(p);
            for (const auto& ref : split_refs(p.attribute("cite").value())) param.citations.push_back(ref);
            for (const auto& ref : param.citations) {
                if (!rb.clauses.count(ref)) attr_error(p, p.attribute("cite"), "parameter " + param.name + " cites unknown source " + ref);
            }
            if (!param.name.empty() && !rb.parameters.emplace(param.name, param).second) node_error(p, "duplicate parameter " + param.name);
        }
    }

    // The fields asked only sometimes. Each gate is compiled once to find what it reads (and
    // any error in it), checked for a cycle (a question asked when another is answered that is
    // asked when the first is), then compiled again in order, each after the gates of the
    // fields it reads, so that a gate reading a gated field knows that field's gate too.
    void read_gates(Rulebook& rb) {
        struct Pending {
            FieldId field;
            pugi::xml_node node;
            std::vector<FieldId> reads;
        };
        std::vector<Pending> pending;
        std::map<FieldId, size_t> index;
        for (const auto& [field, node] : asked_) {
            const pugi::xml_attribute when = node.attribute("when");
            const std::string& name = rb.fields.at(field).name;
            if (!when || std::string_view(when.value()).empty()) {
                node_error(node, "<asked> needs a when=\"...\" condition: when field " + name + " is asked");
                continue;
            }
            const auto bare = compile_bool(when.value(), node, rb, "<asked when>");
            if (!bare) continue;
            std::vector<FieldId> reads = bare->fields_read();
            if (std::find(reads.begin(), reads.end(), field) != reads.end()) {
                attr_error(node, when, "field " + name + " is asked when its own answer says so: a question cannot decide whether it is asked");
                continue;
            }
            index[field] = pending.size();
            pending.push_back({field, node, std::move(reads)});
        }
        // Depth first: 0 not seen, 1 on the path, 2 done.
        std::vector<int> state(pending.size(), 0);
        std::vector<FieldId> path;
        bool cyclic = false;
        std::function<void(size_t)> visit = [&](size_t i) {
            state[i] = 1;
            path.push_back(pending[i].field);
            for (FieldId dep : pending[i].reads) {
                auto it = index.find(dep);
                if (it == index.end()) continue;
                if (state[it->second] == 1) {
                    std::string cycle;
                    auto from = std::find(path.begin(), path.end(), dep);
                    for (auto p = from; p != path.end(); ++p) cycle += rb.fields.at(*p).name + " -> ";
                    cycle += rb.fields.at(dep).name;
                    attr_error(pending[i].node, pending[i].node.attribute("when"),
                               "fields are asked in a circle, each only when the next is answered: " + cycle);
                    cyclic = true;
                } else if (state[it->second] == 0) {
                    visit(it->second);
                }
            }
            path.pop_back();
            state[i] = 2;
        };
        for (size_t i = 0; i < pending.size(); ++i)
            if (state[i] == 0) visit(i);
        if (cyclic) return;
        std::function<void(size_t)> compile_after_reads = [&](size_t i) {
            const Pending& p = pending[i];
            if (rb.gates.count(p.field)) return;
            for (FieldId dep : p.reads)
                if (auto it = index.find(dep); it != index.end()) compile_after_reads(it->second);
            auto gate = std::make_shared<FieldGate>();
            gate->field = p.field;
            gate->line = line_of(p.node);
            gate->when = compile_bool(p.node.attribute("when").value(), p.node, rb, "<asked when>");
            gate->reason = text_of(p.node);
            if (gate->when) rb.gates[p.field] = gate;
        };
        for (size_t i = 0; i < pending.size(); ++i) compile_after_reads(i);
        // The reasons last: a reason may show any answer, gated ones included.
        for (const Pending& p : pending) {
            auto it = rb.gates.find(p.field);
            if (it == rb.gates.end() || std::string_view(trim(p.node.child_value())).empty()) continue;
            auto gate = std::const_pointer_cast<FieldGate>(it->second);
            gate->reason_template = compile_template(p.node, rb);
        }
    }

    // A rule's <scope>: funding types by code, a value band by parameter names.
    void read_scope(const pugi::xml_node& n, Rule& rule, const Rulebook& rb) {
        RuleScope scope;
        scope.line = line_of(n);
        bool any = false;
        for (const auto& a : n.attributes()) {
            const std::string_view name = a.name();
            if (name != "funding" && name != "value-over" && name != "value-up-to") {
                attr_error(n, a, "unknown attribute " + std::string(name) + " of <scope> (funding, value-over, value-up-to)");
                any = true;  // said something, if not what was meant
            }
        }
        if (const pugi::xml_attribute funding = n.attribute("funding")) {
            any = true;
            const FieldDef* def = rb.fields.find(FieldRole::FundingType);
            if (!def) attr_error(n, funding, "<scope funding> needs a field with role=\"funding-type\"");
            else scope.funding_field = def->id;
            for (const std::string& code : split_refs(funding.value())) {
                if (def && def->type == FieldType::Enum && !def->allows_enum(code)) {
                    std::string allowed;
                    for (const auto& c : def->enum_values) allowed += (allowed.empty() ? "" : ", ") + c;
                    attr_error(n, funding, "funding type '" + code + "' is not an option of " + def->name + " (" + allowed + ")");
                }
                scope.funding.push_back(code);
            }
            if (scope.funding.empty()) attr_error(n, funding, "<scope funding> names no funding type");
        }
        auto band = [&](const char* attr, std::string& param, std::optional<int64_t>& pence) {
            const pugi::xml_attribute a = n.attribute(attr);
            if (!a) return;
            any = true;
            param = a.value();
            const FieldDef* def = rb.fields.find(FieldRole::ContractValue);
            if (!def) attr_error(n, a, std::string("<scope ") + attr + "> needs a field with role=\"contract-value\"");
            else scope.value_field = def->id;
            auto it = rb.parameters.find(param);
            if (it == rb.parameters.end()) {
                attr_error(n, a, "unknown parameter '" + param + "' (a value band names a money parameter, without param.)");
            } else if (!it->second.value.is_valid() || it->second.value.type() != FieldType::Money) {
                attr_error(n, a, "parameter " + param + " is not money: a value band is in pounds");
            } else {
                pence = it->second.value.as_pence();
            }
        };
        band("value-over", scope.value_over, scope.over_pence);
        band("value-up-to", scope.value_up_to, scope.up_to_pence);
        if (scope.over_pence && scope.up_to_pence && *scope.up_to_pence <= *scope.over_pence) {
            attr_error(n, n.attribute("value-up-to"), "the value band is empty: value-up-to is not above value-over");
        }
        if (!any) node_error(n, "<scope> says nothing: give funding=\"...\", value-over=\"...\" or value-up-to=\"...\"");
        rule.scope = std::move(scope);
    }

    // After the rules are read: the rule a quarter without a return is judged missing by.
    void check_schedule_rule(const pugi::xml_node& schedule, Rulebook& rb) {
        const pugi::xml_attribute a = schedule.attribute("missing-rule");
        if (!a) return;
        rb.missing_return_rule = a.value();
        const Rule* rule = rb.rule(rb.missing_return_rule);
        if (!rule) attr_error(schedule, a, "missing-rule names no rule '" + rb.missing_return_rule + "'");
        else if (rule->stage != Stage::Quarterly) attr_error(schedule, a, "missing-rule " + rule->id + " must be a quarterly rule");
        if (rb.due_days_parameter.empty()) attr_error(schedule, a, "missing-rule needs due-days: a quarter is missing only once its return is due");
    }

    void read_schedule(const pugi::xml_node& schedule, Rulebook& rb) {
        if (!schedule) return;
        const pugi::xml_attribute due = schedule.attribute("due-days");
        if (!due) return;
        rb.due_days_parameter = due.value();
        auto it = rb.parameters.find(rb.due_days_parameter);
        if (it == rb.parameters.end()) {
            attr_error(schedule, due, "due-days names no parameter '" + rb.due_days_parameter + "'");
        } else if (it->second.value.is_valid() && it->second.value.type() != FieldType::Integer &&
                   it->second.value.type() != FieldType::Days) {
            attr_error(schedule, due, "due-days parameter " + rb.due_days_parameter + " must be an integer or days");
        }
    }

    // A field named in <workbook>: it must exist and, where the workbook computes with it,
    // be a number of some kind.
    FieldId workbook_field(const pugi::xml_node& n, const char* attr, const Rulebook& rb, bool numeric, bool needed = true) {
        const pugi::xml_attribute a = n.attribute(attr);
        if (!a || std::string_view(a.value()).empty()) {
            if (needed) node_error(n, std::string("<") + n.name() + "> needs the attribute " + attr);
            return kNoField;
        }
        const FieldDef* def = rb.fields.find(a.value());
        if (!def) {
            attr_error(n, a, std::string("unknown field '") + a.value() + "'");
            return kNoField;
        }
        const bool is_number = def->type == FieldType::Integer || def->type == FieldType::Number ||
                               def->type == FieldType::Money || def->type == FieldType::Percent || def->type == FieldType::Days;
        if (numeric && !is_number) {
            attr_error(n, a, "field " + def->name + " is " + std::string(to_string(def->type)) + ", but <" + n.name() +
                                 "> needs a number (integer, number, money, percent or days)");
        }
        return def->id;
    }

    void read_workbook(const pugi::xml_node& workbook, Rulebook& rb) {
        WorkbookContent& w = rb.workbook;
        for (const auto& n : workbook.children()) {
            if (n.type() != pugi::node_element) continue;
            const std::string_view name = n.name();
            if (name == "fact") {
                WorkbookContent::Fact fact{required(n, "label"), workbook_field(n, "field", rb, false)};
                if (fact.field != kNoField) w.facts.push_back(std::move(fact));
            } else if (name == "completeness") {
                // Field names, or a prefix ending in '*' for every field under it.
                const pugi::xml_attribute a = n.attribute("fields");
                const std::vector<std::string> patterns = split_refs(required(n, "fields"));
                for (const std::string& pattern : patterns) {
                    const bool prefix = pattern.back() == '*';
                    const std::string_view stem = std::string_view(pattern).substr(0, pattern.size() - (prefix ? 1 : 0));
                    size_t matched = 0;
                    for (const FieldDef& def : rb.fields.all()) {
                        if (prefix ? std::string_view(def.name).substr(0, stem.size()) != stem : def.name != stem) continue;
                        ++matched;
                        if (def.type != FieldType::Percent) {
                            attr_error(n, a, "completeness field " + def.name + " must be a percent, not " + std::string(to_string(def.type)));
                        } else {
                            w.completeness.push_back(def.id);
                        }
                    }
                    if (matched == 0) attr_error(n, a, "'" + pattern + "' matches no field");
                }
            } else if (name == "complaints") {
                w.complaints = workbook_field(n, "received", rb, true);
                w.complaints_resolved = workbook_field(n, "resolved", rb, true, false);
            } else if (name == "measure") {
                WorkbookContent::Measure m{required(n, "label"), workbook_field(n, "commitment", rb, true, false),
                                           workbook_field(n, "delivered", rb, true)};
                // Each measure heads columns of the History sheet's table, whose headers must differ.
                const bool repeated = std::any_of(w.measures.begin(), w.measures.end(),
                                                  [&](const WorkbookContent::Measure& o) { return o.label == m.label; });
                if (repeated) node_error(n, "a measure labelled '" + m.label + "' is already declared");
                else if (m.delivered != kNoField) w.measures.push_back(std::move(m));
            } else {
                node_error(n, "unknown element <" + std::string(name) + "> in <workbook> (fact, completeness, complaints, measure)");
            }
        }
    }

    static std::vector<std::string> split_refs(std::string_view s) {
        std::vector<std::string> out;
        std::string cur;
        for (char c : s) {
            if (c == ' ' || c == ',' || c == ';') {
                if (!cur.empty()) out.push_back(cur);
                cur.clear();
            } else {
                cur.push_back(c);
            }
        }
        if (!cur.empty()) out.push_back(cur);
        return out;
    }

    void read_rules(const pugi::xml_node& rules, Rulebook& rb) {
        std::set<std::string> ids;
        for (const auto& r : rules.children("rule")) {
            Rule rule;
            rule.line = line_of(r);
            rule.id = required(r, "id");
            if (!rule.id.empty() && !ids.insert(rule.id).second) attr_error(r, r.attribute("id"), "duplicate rule id " + rule.id);
            const std::string stage = required(r, "stage");
            if (auto st = parse_stage(stage)) rule.stage = *st;
            else if (!stage.empty()) attr_error(r, r.attribute("stage"), "stage must be tender, quarterly or contract");
            const std::string severity = required(r, "severity");
            if (auto sv = parse_severity(severity)) rule.severity = *sv;
            else if (!severity.empty()) attr_error(r, r.attribute("severity"), "severity must be mandatory, major, minor or advisory");
            rule.title = text_of(r.child("title"));
            if (rule.title.empty()) {
                node_error(r, "rule " + rule.id + " has no <title>");
            } else if (auto title = compile_template(r.child("title"), rb, MessageTemplate::Placeholders::ParametersOnly)) {
                // A title is shown without a subject (in lists of rules, on the rulebook's page):
                // its placeholders are parameters, filled in once, here.
                rule.title = title->render(Subject{});
            }
            rule.description = text_of(r.child("description"));

            for (const auto& c : r.children("cite")) {
                const std::string ref = required(c, "ref");
                if (ref.empty()) continue;
                if (!rb.clauses.count(ref)) attr_error(c, c.attribute("ref"), "rule " + rule.id + " cites unknown source " + ref);
                rule.citations.push_back(ref);
            }
            if (rule.citations.empty()) node_error(r, "rule " + rule.id + " cites no source: every rule needs at least one <cite ref=\"...\"/>");

            if (auto sc = r.child("scope")) {
                read_scope(sc, rule, rb);
                if (sc.next_sibling("scope")) node_error(sc.next_sibling("scope"), "rule " + rule.id + " has more than one <scope>");
            }
            if (auto a = r.child("applies")) {
                const pugi::xml_attribute when = a.attribute("when");
                if (!when) node_error(a, "<applies> needs a when=\"...\" condition");
                else rule.applies = compile_bool(when.value(), a, rb, "<applies when>");
            }
            for (const auto& child : r.children()) {
                const std::string tag = child.name();
                const auto outcome = parse_outcome(tag);
                if (!outcome || tag == "missing" || tag == "not-applicable") continue;
                Decision d;
                d.outcome = *outcome;
                d.line = line_of(child);
                const pugi::xml_attribute when = child.attribute("when");
                if (!when) { node_error(child, "<" + tag + "> needs a when=\"...\" condition"); continue; }
                d.condition = compile_bool(when.value(), child, rb, "<" + tag + " when>");
                d.message = text_of(child);
                d.message_template = d.message.empty() ? nullptr : compile_template(child, rb);
                rule.decisions.push_back(std::move(d));
            }
            if (rule.decisions.empty()) node_error(r, "rule " + rule.id + " has no decision (<fail when=...>, <warn when=...>, <refer when=...>, <pass when=...>)");
            if (auto o = r.child("otherwise")) {
                const std::string out = o.attribute("outcome").as_string("pass");
                if (auto oc = parse_outcome(out)) rule.otherwise = *oc;
                else attr_error(o, o.attribute("outcome"), "unknown outcome '" + out + "'");
            }
            rule.expected = text_of(r.child("expected"));
            rule.found = text_of(r.child("found"));
            rule.message = text_of(r.child("message"));
            rule.remedy = text_of(r.child("remedy"));
            rule.expected_template = compile_template(r.child("expected"), rb);
            rule.found_template = compile_template(r.child("found"), rb);
            rule.message_template = compile_template(r.child("message"), rb);
            rule.remedy_template = compile_template(r.child("remedy"), rb);
            read_tests(r, rule, rb);
            rb.rules.push_back(std::move(rule));
        }
    }

    std::shared_ptr<const Expression> compile_bool(const char* text, const pugi::xml_node& owner, const Rulebook& rb,
                                                   const std::string& what) {
        auto e = compile(text, owner, rb);
        if (e && e->type() != ExprType::Bool) {
            error_at(offset_of(text), what + " must be a yes/no condition, but this is a " + std::string(to_string(e->type())));
            return nullptr;
        }
        return e;
    }

    void read_tests(const pugi::xml_node& r, const Rule& rule, Rulebook& rb) {
        for (const auto& t : r.children("test")) {
            RuleTestCase tc;
            tc.line = line_of(t);
            tc.rule_id = rule.id;
            tc.name = required(t, "name");
            const std::string expect = required(t, "expect");
            if (auto o = parse_outcome(expect)) tc.expect = *o;
            else if (!expect.empty()) attr_error(t, t.attribute("expect"), "unknown outcome '" + expect + "'");
            tc.period = t.attribute("period").value();
            std::string why;
            if (!tc.period.empty() && !Quarter::parse(tc.period, rb.quarters, &why)) {
                attr_error(t, t.attribute("period"), "period must look like 2026-Q2" + (why.empty() ? "" : ": " + why));
            }
            for (const auto& g : t.children("given")) {
                const std::string field = required(g, "field");
                const std::string scope = g.attribute("in").as_string("return");
                if (!field.empty() && !rb.fields.find(field)) attr_error(g, g.attribute("field"), "unknown field '" + field + "'");
                if (scope != "return" && scope != "contract" && scope != "tender" && scope.rfind("previous:", 0) != 0) {
                    attr_error(g, g.attribute("in"), "in= must be return, contract, tender or previous:N");
                }
                tc.values[scope][field] = g.child_value();
            }
            rb.tests.push_back(std::move(tc));
        }
    }

    std::string name_;
    std::string original_;
    std::string buffer_;
    std::vector<size_t> line_starts_{0};
    pugi::xml_document doc_;
    std::vector<Diagnostic> diags_;
    std::vector<std::pair<FieldId, pugi::xml_node>> asked_;  // each field's <asked>, read with the fields
};

}  // namespace

Rulebook load_rulebook_text(std::string_view xml, const std::string& name) {
    Loader loader(xml, name);
    return loader.load();
}

Rulebook load_rulebook(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RulebookError({Diagnostic{path, 0, 0, std::string("cannot read the rulebook: ") + std::strerror(errno), {}}});
    std::ostringstream ss;
    ss << in.rdbuf();
    return load_rulebook_text(ss.str(), path);
}

}  // namespace fairgate
