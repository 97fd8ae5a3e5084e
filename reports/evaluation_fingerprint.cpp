#include "reports/evaluation_fingerprint.hpp"

#include <set>

#include "model/content_hash.hpp"

namespace fairgate::reports {

namespace {

// Answers set from elsewhere than the record's own file: what the file hashes do not cover.
void add_facts(const Record& record, const std::string& own_file, std::set<std::string>& facts) {
    for (const auto& [field, a] : record.answers()) {
        if (a.where.file() == own_file) continue;
        std::string line = a.where.display() + ": " + a.typed();
        for (char& c : line)
            if (c == '\n' || c == '\r') c = ' ';  // one line each, as the recipe says
        facts.insert(std::move(line));
    }
}

}  // namespace

EvaluationFingerprint evaluation_fingerprint(const ContractReport& report) {
    EvaluationFingerprint fp;
    std::set<std::string> facts;
    auto input = [&](const std::string& sha256, const std::string& name) {
        if (!sha256.empty() || !name.empty()) fp.inputs.emplace(sha256, name);
    };
    if (const Contract* c = report.contract) {
        input(c->source_sha256, c->source_name);
        add_facts(c->fields, c->source_name, facts);
    }
    for (const SupplierReturn* r : report.returns) {
        if (!r) continue;
        input(r->source_sha256, r->source_name);
        for (const ReturnVersion& v : r->superseded) input(v.source_sha256, v.source_name);
        add_facts(r->answers, r->source_name, facts);
    }
    for (const RefusedReturn* r : report.refused)
        if (r) input(r->source_sha256, r->source_name);

    std::set<std::string> hashes;  // ascending, each once
    for (const auto& [sha256, name] : fp.inputs)
        if (!sha256.empty()) hashes.insert(sha256);
    fp.recipe = "fairgate evaluation fingerprint v2\nrulebook " +
                (report.rulebook ? report.rulebook->sha256 : std::string()) + "\n";
    for (const std::string& h : hashes) fp.recipe += "input " + h + "\n";
    for (const std::string& f : facts) fp.recipe += "fact " + f + "\n";
    fp.recipe += "data-date " + report.data_date + "\nfairgate " + report.fairgate_version + "\n";
    fp.sha256 = sha256_hex(fp.recipe);
    return fp;
}

}  // namespace fairgate::reports
