#include "reports/evaluation_fingerprint.hpp"

#include <set>

#include "model/content_hash.hpp"

namespace fairgate::reports {

namespace {

// The one recipe both fingerprints follow: the records a workbook is made from give their
// files (inputs) and the answers those files do not cover (facts); finish() hashes them with
// the rulebook, data date and version under the kind's first line.
class Recipe {
public:
    explicit Recipe(EvaluationFingerprint& fp) : fp_(fp) {}

    void input(const std::string& sha256, const std::string& name) {
        if (!sha256.empty() || !name.empty()) fp_.inputs.emplace(sha256, name);
    }
    // A record read from `own_file`: the file is an input, its answers from elsewhere facts.
    void record(const Record& record, const std::string& own_sha256, const std::string& own_file) {
        input(own_sha256, own_file);
        add_facts(record, own_file);
    }
    void supplier_return(const SupplierReturn& r) {
        record(r.answers, r.source_sha256, r.source_name);
        for (const ReturnVersion& v : r.superseded) input(v.source_sha256, v.source_name);
    }

    void finish(const std::string& first_line, const Rulebook* rulebook, const std::string& data_date,
                const std::string& fairgate_version) {
        std::set<std::string> hashes;  // ascending, each once
        for (const auto& [sha256, name] : fp_.inputs)
            if (!sha256.empty()) hashes.insert(sha256);
        fp_.recipe = first_line + "\nrulebook " + (rulebook ? rulebook->sha256 : std::string()) + "\n";
        for (const std::string& h : hashes) fp_.recipe += "input " + h + "\n";
        for (const std::string& f : facts_) fp_.recipe += "fact " + f + "\n";
        fp_.recipe += "data-date " + data_date + "\nfairgate " + fairgate_version + "\n";
        fp_.sha256 = sha256_hex(fp_.recipe);
    }

private:
    // Answers set from elsewhere than the record's own file: what the file hashes do not cover.
    void add_facts(const Record& record, const std::string& own_file) {
        for (const auto& [field, a] : record.answers()) {
            if (a.where.file() == own_file) continue;
            std::string line = a.where.display() + ": " + a.typed();
            for (char& c : line)
                if (c == '\n' || c == '\r') c = ' ';  // one line each, as the recipe says
            facts_.insert(std::move(line));
        }
    }

    EvaluationFingerprint& fp_;
    std::set<std::string> facts_;  // ascending, each once
};

}  // namespace

EvaluationFingerprint evaluation_fingerprint(const ContractReport& report) {
    EvaluationFingerprint fp;
    Recipe recipe(fp);
    if (const Contract* c = report.contract) recipe.record(c->fields, c->source_sha256, c->source_name);
    for (const SupplierReturn* r : report.returns)
        if (r) recipe.supplier_return(*r);
    for (const RefusedReturn* r : report.refused)
        if (r) recipe.input(r->source_sha256, r->source_name);
    recipe.finish("fairgate evaluation fingerprint v2", report.rulebook, report.data_date, report.fairgate_version);
    return fp;
}

EvaluationFingerprint evaluation_fingerprint(const TenderReport& report, const Tender* own_facts) {
    EvaluationFingerprint fp;
    Recipe recipe(fp);
    if (const Contract* c = report.contract) recipe.record(c->fields, c->source_sha256, c->source_name);
    if (own_facts) recipe.record(own_facts->fields, own_facts->source_sha256, own_facts->source_name);
    for (const SupplierReturn* b : report.bids)
        if (b) recipe.supplier_return(*b);
    recipe.finish("fairgate tender screening fingerprint v1", report.rulebook, report.data_date,
                  report.fairgate_version);
    return fp;
}

}  // namespace fairgate::reports
