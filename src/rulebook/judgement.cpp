#include "rulebook/judgement.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <set>

#include "model/value_parse.hpp"
#include "rulebook/message_template.hpp"

namespace fairgate {
namespace {

std::string field_label(const Rulebook& rb, FieldId id) {
    if (id == kNoField) return "a value it needs";
    const FieldDef& f = rb.fields.at(id);
    return f.ref.empty() ? f.name : f.ref + " (" + f.name + ")";
}

std::string scope_prefix(const FieldRead& r) {
    switch (r.scope) {
        case Scope::Tender: return "tender return: ";
        case Scope::Previous: return r.back == 1 ? "previous quarter: " : std::to_string(r.back) + " quarters back: ";
        case Scope::Contract: return "contract: ";
        case Scope::Subject: return "";
    }
    return "";
}

std::vector<Evidence> evidence_of(const Rulebook& rb, const std::vector<FieldRead>& reads) {
    std::vector<Evidence> out;
    out.reserve(reads.size());
    for (const auto& r : reads) {
        if (r.field == kNoField) continue;
        Evidence e;
        e.field = scope_prefix(r) + rb.fields.at(r.field).name;
        if (const Answer* a = r.record ? r.record->get(r.field) : nullptr) {
            e.value = a->value.display();
            e.where = a->where;
        } else {
            e.value = "(no answer)";
        }
        out.push_back(std::move(e));
    }
    return out;
}

std::string missing_message(const Rulebook& rb, const Evaluated& m) {
    const std::string label = field_label(rb, m.missing_field);
    if (m.missing_field == kNoField) {
        return "Cannot judge: the contract's start and end dates or the reporting period are needed";
    }
    const Answer* a = m.missing_record ? m.missing_record->get(m.missing_field) : nullptr;
    if (m.missing_invalid && a) {
        return "Cannot judge: the answer to " + label + " at " + a->where.display() + " is '" + a->value.invalid_raw() +
               "', which cannot be read (" + a->value.invalid_reason() + ")";
    }
    if (a) return "Cannot judge: " + label + " is blank at " + a->where.display();
    if (!m.missing_record) return "Cannot judge: no return holds " + label;
    return "Cannot judge: no answer to " + label;
}

// Why a needed answer is deliberately not there, for the finding's message.
std::string not_applicable_message(const Rulebook& rb, const Evaluated& e, const Subject& subject) {
    const std::string label = field_label(rb, e.missing_field);
    const Answer* a = e.missing_record ? e.missing_record->get(e.missing_field) : nullptr;
    switch (e.why) {
        case Evaluated::Why::NotAsked:
            if (e.gate && e.gate->reason_template) return "Not asked: " + e.gate->reason_template->render(subject);
            return "Not asked: " + label + " is asked only when " + (e.gate ? e.gate->when->text() : std::string("it applies"));
        case Evaluated::Why::NotPublished:
            return "Not published: the source record" + (a ? " (" + a->where.display() + ")" : std::string()) +
                   " does not give " + label + "; check the contract documents";
        case Evaluated::Why::Answered:
            break;
    }
    return "Answered not applicable: " + label + (a ? " is '" + a->value.invalid_raw() + "' at " + a->where.display() : std::string());
}

std::string contradicted_message(const Rulebook& rb, const Rule& rule, const Evaluated& e) {
    const Answer* a = e.missing_record ? e.missing_record->get(e.missing_field) : nullptr;
    return field_label(rb, e.missing_field) + " was answered not applicable" +
           (a ? " ('" + a->value.invalid_raw() + "' at " + a->where.display() + ")" : std::string()) +
           ", but the rule applies here: " +
           (rule.scope ? rule.scope->describe() + (rule.applies ? "; " : "") : std::string()) +
           (rule.applies ? rule.applies->text() : std::string());
}

// A funding-type code's words: "service-level-agreement" is "service level agreement".
std::string funding_words(const std::string& code) {
    std::string s;
    for (char c : code) s.push_back(c == '-' || c == '_' ? ' ' : c);
    return s;
}

// "grants", "grants and contracts", "grants, contracts and service level agreements".
std::string funding_list(const std::vector<std::string>& codes) {
    std::string out;
    for (size_t i = 0; i < codes.size(); ++i)
        out += (i == 0 ? "" : i + 1 == codes.size() ? " and " : ", ") + funding_plural(codes[i]);
    return out;
}

// " valued over £5,000,000", " valued up to £100,000", " valued over £X and up to £Y"; empty
// without a band.
std::string value_band(const RuleScope& scope) {
    std::string out;
    if (scope.over_pence) out += " valued over " + format_money(*scope.over_pence);
    if (scope.over_pence && scope.up_to_pence) out += " and";
    if (scope.up_to_pence) out += std::string(scope.over_pence ? "" : " valued") + " up to " + format_money(*scope.up_to_pence);
    return out;
}

// The scope's verdict on one subject: empty when in scope (or the facts cannot say it is not);
// otherwise why not. `unknown` is set (Missing or NotApplicable) when the value a band needs
// cannot be read.
std::string out_of_scope(const RuleScope& scope, const Subject& subject, std::vector<FieldRead>& reads, Evaluated& unknown) {
    const Record* rec = subject.contract ? &subject.contract->fields : subject.record;
    auto note = [&](FieldId f) {
        for (const auto& r : reads) if (r.field == f && r.scope == Scope::Contract) return;
        reads.push_back(FieldRead{f, Scope::Contract, 0, rec});
    };
    if (!scope.funding.empty() && scope.funding_field != kNoField) {
        note(scope.funding_field);
        const Value& v = rec ? rec->value(scope.funding_field) : Value::absent();
        // A funding type not known is in scope: the rule applies, as it would without one.
        if (v.is_valid() && (v.type() == FieldType::Enum || v.type() == FieldType::Text)) {
            const std::string key = FieldDictionary::normalise_label(v.as_text());
            const bool in = std::any_of(scope.funding.begin(), scope.funding.end(),
                                        [&](const std::string& code) { return FieldDictionary::normalise_label(code) == key; });
            if (!in) return "Applies to " + funding_list(scope.funding) + " only; this is " + funding_singular(v.as_text()) + ".";
        }
    }
    if ((scope.over_pence || scope.up_to_pence) && scope.value_field != kNoField) {
        note(scope.value_field);
        const Value& v = rec ? rec->value(scope.value_field) : Value::absent();
        if (!v.is_valid() || v.type() != FieldType::Money) {
            if (v.is_not_applicable()) {
                unknown = Evaluated::unanswered(scope.value_field, rec, v);
            } else {
                unknown.state = Evaluated::State::Missing;
                unknown.missing_field = scope.value_field;
                unknown.missing_record = rec;
                unknown.missing_invalid = v.is_invalid();
            }
            return {};
        }
        const int64_t pence = v.as_pence();
        const bool below = scope.over_pence && pence <= *scope.over_pence;
        const bool above = scope.up_to_pence && pence > *scope.up_to_pence;
        if (below || above) return "Applies to contracts" + value_band(scope) + " only; this one is " + v.display() + ".";
    }
    return {};
}

}  // namespace

std::string funding_plural(const std::string& code) {
    const std::string s = funding_words(code);
    if (s.empty()) return s;
    return s.back() == 's' ? s : s + "s";
}

std::string funding_singular(const std::string& code) {
    const std::string s = funding_words(code);
    const char first = s.empty() ? 'x' : static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    const bool vowel = first == 'a' || first == 'e' || first == 'i' || first == 'o' || first == 'u';
    return (vowel ? "an " : "a ") + s;
}

std::string RuleScope::describe() const {
    return (funding.empty() ? std::string("contracts") : funding_list(funding)) + value_band(*this);
}

Verdict evaluate_rule(const Rule& rule, const Subject& subject, std::vector<ConditionTrace>* trace) {
    Verdict v;
    v.rule = &rule;
    auto missing = [&](Evaluated e) {
        v.outcome = Outcome::Missing;
        v.missing = std::move(e);
        return v;
    };
    // Evaluates one condition, traced when asked (the fast path passes no trace at all).
    auto evaluate = [&](const Expression& condition, std::string role, int line) {
        if (!trace) return condition.evaluate(subject, &v.reads);
        trace->push_back(ConditionTrace{std::move(role), condition.text(), line, {}});
        return condition.evaluate(subject, &v.reads, &trace->back().steps);
    };
    // Deliberately no answer: not-applicable, saying why.
    auto not_applicable = [&](Evaluated e) {
        v.outcome = Outcome::NotApplicable;
        v.missing = std::move(e);
        return v;
    };
    if (rule.scope) {
        Evaluated unknown;
        v.out_of_scope = out_of_scope(*rule.scope, subject, v.reads, unknown);
        if (unknown.state == Evaluated::State::Missing) return missing(std::move(unknown));
        if (unknown.state == Evaluated::State::NotApplicable) return not_applicable(std::move(unknown));
        if (!v.out_of_scope.empty()) {
            v.outcome = Outcome::NotApplicable;
            return v;
        }
    }
    if (rule.applies) {
        Evaluated a = evaluate(*rule.applies, "applies when", 0);
        if (a.state == Evaluated::State::Missing) return missing(std::move(a));
        if (a.state == Evaluated::State::NotApplicable) return not_applicable(std::move(a));
        if (!a.is_true()) {
            v.outcome = Outcome::NotApplicable;
            return v;
        }
    }
    for (const auto& d : rule.decisions) {
        if (!d.condition) continue;
        Evaluated e = evaluate(*d.condition, std::string(to_string(d.outcome)) + " when", d.line);
        if (e.state == Evaluated::State::Missing) return missing(std::move(e));
        if (e.state == Evaluated::State::NotApplicable) {
            // The rulebook's own condition or scope says the rule applies (a turnover above the
            // statutory threshold, a contract over £5m): the supplier's "N/A" cannot say otherwise.
            if ((rule.applies || rule.scope) && e.why == Evaluated::Why::Answered) {
                v.outcome = Outcome::Fail;
                v.contradicted = true;
                v.missing = std::move(e);
                return v;
            }
            return not_applicable(std::move(e));
        }
        if (e.is_true()) {
            v.outcome = d.outcome;
            v.decision = &d;
            return v;
        }
    }
    v.outcome = rule.otherwise;
    return v;
}

Finding render_finding(const Rulebook& rb, const Verdict& v, const Subject& subject, const SubjectIdentity& who) {
    const Rule& rule = *v.rule;
    Finding f;
    f.subject_id = who.subject_id;
    f.contract_id = who.contract_id;
    f.tender_id = who.tender_id;
    f.supplier_id = who.supplier_id;
    f.period = who.period;
    f.stage = who.stage;
    f.rule_id = rule.id;
    f.rule_title = rule.title;
    f.rulebook_id = rb.id;
    f.rulebook_version = rb.version;
    f.severity = rule.severity;
    f.citations = rule.citations;
    f.remedy = rule.remedy_template ? rule.remedy_template->render(subject) : rule.remedy;
    f.outcome = v.outcome;

    std::vector<FieldRead> reads = v.reads;  // templates may read more, shown as evidence too
    if (rule.expected_template) f.expected = rule.expected_template->render(subject);
    if (rule.found_template) f.found = rule.found_template->render(subject, &reads);
    const MessageTemplate* message = v.decision && v.decision->message_template ? v.decision->message_template.get()
                                                                                : rule.message_template.get();
    if (v.outcome == Outcome::Missing) f.message = missing_message(rb, v.missing);
    else if (v.contradicted) f.message = contradicted_message(rb, rule, v.missing);
    else if (v.outcome == Outcome::NotApplicable && !v.out_of_scope.empty()) f.message = v.out_of_scope;
    else if (v.outcome == Outcome::NotApplicable && v.missing.state == Evaluated::State::NotApplicable)
        f.message = not_applicable_message(rb, v.missing, subject);
    else if (v.outcome == Outcome::NotApplicable) f.message = "Does not apply";
    else if (message) f.message = message->render(subject, &reads);
    else f.message = rule.title + ": " + std::string(to_string(v.outcome));
    f.evidence = evidence_of(rb, reads);
    if (f.found.empty()) {
        for (const auto& e : f.evidence) f.found += (f.found.empty() ? "" : "; ") + e.field + " = " + e.value;
    }
    return f;
}

Finding judge(const Rulebook& rb, const Rule& rule, const Subject& subject, const SubjectIdentity& who) {
    return render_finding(rb, evaluate_rule(rule, subject), subject, who);
}

void visit_subjects(const Rulebook& rb, const ContractPortfolio& p,
                    const std::function<void(const Subject&, const SubjectIdentity&)>& visit) {
    if (!p.contract) return;
    const Contract& c = *p.contract;

    // The awarded supplier's tender return is the promise quarterly returns are held to.
    const SupplierReturn* awarded = nullptr;
    for (const auto* t : p.tender_returns) if (c.supplied_by(t->supplier_id)) awarded = t;

    {
        Subject s;
        s.record = &c.fields;
        s.contract = &c;
        s.tender_return = awarded ? &awarded->answers : nullptr;
        s.scheme = rb.quarters;
        visit(s, SubjectIdentity{"contract:" + c.id, c.id, c.tender_id, c.supplier_id, {}, Stage::Contract});
    }
    if (awarded) {
        Subject s;
        s.record = &awarded->answers;
        s.contract = &c;
        s.tender_return = &awarded->answers;
        s.scheme = rb.quarters;
        visit(s, SubjectIdentity{awarded->id(), c.id, awarded->tender_id, awarded->supplier_id, {}, Stage::Tender});
    }
    std::vector<const SupplierReturn*> quarters = p.quarterly_returns;
    std::sort(quarters.begin(), quarters.end(), [](const SupplierReturn* a, const SupplierReturn* b) {
        return (a->period ? a->period->ordinal() : 0) < (b->period ? b->period->ordinal() : 0);
    });
    Subject s;
    s.contract = &c;
    s.tender_return = awarded ? &awarded->answers : nullptr;
    s.scheme = rb.quarters;
    const FieldDef* submitted = rb.fields.find(FieldRole::ReturnSubmitted);
    std::deque<Record> first_receipts;  // corrected returns as judged; stable addresses for `earlier`
    for (const SupplierReturn* q : quarters) {
        const Record* record = &q->answers;
        if (q->corrected() && submitted) {
            // Judged on the first receipt: the earliest date submitted of any version, from the
            // version that gave it.
            const auto first = q->first_receipt();
            if (first && first->superseded) {
                first_receipts.push_back(q->answers);
                first_receipts.back().set(submitted->id, Answer(Value::date(first->date), first->date.iso(),
                                                                Provenance{first->source_name, first->locator}));
                record = &first_receipts.back();
            }
        }
        s.record = record;
        s.period = q->period;
        visit(s, SubjectIdentity{q->id(), c.id, c.tender_id, q->supplier_id, q->period ? q->period->label() : "",
                                 Stage::Quarterly});
        if (q->period) s.earlier.push_back(Subject::Earlier{*q->period, record});
    }
}

std::vector<Quarter> due_quarters(const Rulebook& rb, const Contract& c, const std::optional<Date>& as_of) {
    std::vector<Quarter> out;
    if (!as_of || !rb.return_due_days() || !c.start) return out;
    // Bounded, so that a mistyped year cannot make thousands of findings.
    constexpr int kMaxQuarters = 200;
    for (Quarter q = Quarter::containing(*c.start, rb.quarters); static_cast<int>(out.size()) < kMaxQuarters; q = q.next()) {
        if (c.end && *c.end < q.first_day(rb.quarters)) break;
        if (!(*rb.return_due(q) < *as_of)) break;
        out.push_back(q);
    }
    return out;
}

namespace {

// "The 2025-Q3 return was received on 20 Jan 2026 and refused: <why> (file q3.xlsx)."
std::string refused_text(const Quarter& q, const std::vector<const RefusedReturn*>& refused) {
    auto received = [](const RefusedReturn& r) { return (r.received() ? "on " : "") + r.received_display(); };
    if (refused.size() == 1) {
        const RefusedReturn& r = *refused.front();
        return "The " + q.label() + " return was received " + received(r) + " and refused: " + r.reason + " (file " +
               r.source_name + ").";
    }
    std::string out = "The " + q.label() + " return was received and refused " + std::to_string(refused.size()) + " times:";
    for (size_t i = 0; i < refused.size(); ++i)
        out += std::string(i ? ";" : "") + " " + received(*refused[i]) + ", file " + refused[i]->source_name + ": " +
               refused[i]->reason;
    return out + ".";
}

}  // namespace

std::vector<Finding> judge_contract(const Rulebook& rb, const ContractPortfolio& p) {
    std::vector<Finding> out;
    const FieldDef* submitted = rb.fields.find(FieldRole::ReturnSubmitted);
    std::map<std::string, std::string> corrections;  // subject -> what was corrected
    for (const SupplierReturn* q : p.quarterly_returns)
        if (q->corrected()) corrections[q->id()] = q->correction_summary();
    visit_subjects(rb, p, [&](const Subject& s, const SubjectIdentity& who) {
        const auto correction = who.stage == Stage::Quarterly ? corrections.find(who.subject_id) : corrections.end();
        for (const auto& rule : rb.rules) {
            if (rule.stage != who.stage) continue;
            out.push_back(judge(rb, rule, s, who));
            Finding& f = out.back();
            // A corrected return's lateness: say that it was judged on the first receipt.
            if (correction == corrections.end() || !submitted || f.outcome == Outcome::NotApplicable) continue;
            if (std::any_of(f.evidence.begin(), f.evidence.end(), [&](const Evidence& e) { return e.field == submitted->name; }))
                f.message += (f.message.empty() ? "" : " ") + std::string("This quarter's return is a corrected version (") +
                             correction->second + "); it is judged on the first receipt.";
        }
    });
    const Rule* missing_rule = rb.missing_return_rule.empty() ? nullptr : rb.rule(rb.missing_return_rule);
    if (!missing_rule || !p.contract) return out;
    const Contract& c = *p.contract;
    std::set<int> received;
    for (const SupplierReturn* q : p.quarterly_returns)
        if (q->period) received.insert(q->period->ordinal());
    // Received and refused, by quarter, in the order given (the store's: by date).
    std::map<int, std::vector<const RefusedReturn*>> refused;
    for (const RefusedReturn* r : p.refused_returns)
        if (r && r->identity.contract_id == c.id && !received.count(r->identity.period.ordinal()))
            refused[r->identity.period.ordinal()].push_back(r);
    std::vector<Quarter> quarters = due_quarters(rb, c, p.as_of);
    std::set<int> due;
    for (const Quarter& q : quarters) due.insert(q.ordinal());
    // A refused quarter not yet due is reported all the same: the supplier should know.
    for (const auto& [ordinal, list] : refused)
        if (!due.count(ordinal)) quarters.push_back(list.front()->identity.period);
    std::sort(quarters.begin(), quarters.end());
    static const Record kNoAnswers;
    for (const Quarter& q : quarters) {
        if (received.count(q.ordinal())) continue;
        const std::optional<Date> due_on = rb.return_due(q);
        Subject s;
        s.record = &kNoAnswers;
        s.contract = &c;
        s.period = q;
        s.scheme = rb.quarters;
        Finding f;
        f.subject_id = "missing:" + c.id + ":" + q.label();
        f.contract_id = c.id;
        f.tender_id = c.tender_id;
        f.supplier_id = c.supplier_id;
        f.period = q.label();
        f.stage = Stage::Quarterly;
        f.rule_id = missing_rule->id;
        f.rule_title = missing_rule->title;
        f.rulebook_id = rb.id;
        f.rulebook_version = rb.version;
        f.severity = missing_rule->severity;
        f.citations = missing_rule->citations;
        f.remedy = missing_rule->remedy;
        f.outcome = Outcome::Missing;
        if (missing_rule->expected_template) f.expected = missing_rule->expected_template->render(s);
        const auto r = refused.find(q.ordinal());
        if (r == refused.end()) {
            f.found = "No return received for " + q.label() + " by " + Value::date(*p.as_of).display();
            f.message = "No return received for " + q.label() + "; it was due " + Value::date(*due_on).display() + ".";
        } else {
            // Received, but the council has no usable return: not "missing" (nothing was blank),
            // a failure once the return was due, and for an officer to look at before then.
            f.outcome = due.count(q.ordinal()) ? Outcome::Fail : Outcome::Refer;
            f.message = refused_text(q, r->second) + " The council has no usable return for " + q.label();
            if (due_on) f.message += (due.count(q.ordinal()) ? "; it was due " : "; it is due ") + format_date(*due_on);
            f.message += ".";
            for (const RefusedReturn* x : r->second) {
                const std::string when = x->received_display();
                f.found += (f.found.empty() ? "" : "; ") + std::string("Received ") + when + " and refused (" + x->source_name + ")";
                f.evidence.push_back(Evidence{"refused return", "received " + when + ", refused: " + x->reason,
                                              Provenance{x->source_name, ""}});
            }
            f.remedy = "Ask the supplier for a corrected resubmission of the " + q.label() +
                       " return that puts right why it was refused; the reason is in quarantine beside the file's name.";
        }
        out.push_back(std::move(f));
    }
    return out;
}

void visit_bids(const Rulebook& rb, const TenderPortfolio& t,
                const std::function<void(const Subject&, const SubjectIdentity&)>& visit) {
    std::vector<const SupplierReturn*> bids;
    for (const auto* b : t.bids)
        if (b) bids.push_back(b);
    std::stable_sort(bids.begin(), bids.end(), [](auto* a, auto* b) { return a->supplier_id < b->supplier_id; });
    for (const SupplierReturn* bid : bids) {
        Subject s;
        s.record = &bid->answers;
        s.contract = t.contract;
        s.tender_return = &bid->answers;
        s.scheme = rb.quarters;
        // A stand-in before award (model/tender.hpp) names no supplier: no bid is its winner.
        const bool awarded = t.contract && t.contract->supplied_by(bid->supplier_id);
        visit(s, SubjectIdentity{bid->id(), awarded ? t.contract->id : std::string(), t.tender_id, bid->supplier_id,
                                 {}, Stage::Tender});
    }
}

std::vector<Finding> judge_tender(const Rulebook& rb, const TenderPortfolio& t) {
    std::vector<Finding> out;
    visit_bids(rb, t, [&](const Subject& s, const SubjectIdentity& who) {
        for (const auto& rule : rb.rules)
            if (rule.stage == Stage::Tender) out.push_back(judge(rb, rule, s, who));
    });
    return out;
}

namespace {

Record record_from(const Rulebook& rb, const std::map<std::string, std::string>& values, const std::string& test_name) {
    Record r;
    for (const auto& [name, raw] : values) {
        const FieldDef* f = rb.fields.find(name);
        if (!f) continue;  // reported by the loader
        r.set(f->id, Answer{parse_value(*f, raw), raw, Provenance{"test " + test_name, name}});
    }
    return r;
}

}  // namespace

std::vector<RuleTestResult> run_rule_tests(const Rulebook& rb) {
    std::vector<RuleTestResult> results;
    for (const auto& tc : rb.tests) {
        const Rule* rule = rb.rule(tc.rule_id);
        if (!rule) continue;
        auto values_in = [&](const std::string& scope) {
            auto it = tc.values.find(scope);
            return it == tc.values.end() ? std::map<std::string, std::string>{} : it->second;
        };
        Contract contract;
        contract.id = "TEST";
        contract.fields = record_from(rb, values_in("contract"), tc.name);
        contract.take_term(rb.fields);
        const Record subject_record = rule->stage == Stage::Contract ? contract.fields : record_from(rb, values_in("return"), tc.name);
        const Record tender = record_from(rb, values_in("tender"), tc.name);
        const bool has_tender = tc.values.count("tender") > 0;

        Subject s;
        s.record = rule->stage == Stage::Contract ? &contract.fields : &subject_record;
        s.contract = &contract;
        s.tender_return = has_tender ? &tender : (rule->stage == Stage::Tender ? &subject_record : nullptr);
        s.scheme = rb.quarters;
        if (!tc.period.empty()) s.period = Quarter::parse(tc.period, rb.quarters);
        std::vector<std::pair<int, Record>> earlier;
        for (const auto& [scope, vals] : tc.values) {
            if (scope.rfind("previous:", 0) == 0) earlier.emplace_back(std::stoi(scope.substr(9)), record_from(rb, vals, tc.name));
        }
        std::sort(earlier.begin(), earlier.end(), [](auto& a, auto& b) { return a.first > b.first; });  // oldest first
        for (const auto& [back, rec] : earlier) {
            if (!s.period) break;
            Quarter q = *s.period;
            for (int i = 0; i < back; ++i) q = q.previous();
            s.earlier.push_back(Subject::Earlier{q, &rec});
        }
        const Finding f = judge(rb, *rule, s, SubjectIdentity{"test:" + tc.name, "TEST", {}, {}, tc.period, rule->stage});
        results.push_back(RuleTestResult{&tc, f.outcome, f.message, f});
    }
    return results;
}

}  // namespace fairgate
