#include "pipeline/explanation.hpp"

#include <filesystem>
#include <optional>

#include "importers/import.hpp"
#include "model/content_hash.hpp"
#include "pipeline/public_register.hpp"

namespace fs = std::filesystem;

namespace fairgate {
namespace {

// Puts the file's copy of `r` in place of a stored return with the same identity (a bid of the
// same supplier however its number is typed): the file's own answers are what is explained.
// A quarterly return keeps the other files' versions as the store would hold them beside it,
// so that its first receipt is what a run would judge it on.
void stand_in(std::vector<SupplierReturn>& returns, const SupplierReturn& r, const FieldDictionary& fields) {
    const std::string identity = r.identity();
    for (auto& existing : returns) {
        if (existing.identity() != identity) continue;
        SupplierReturn copy = r;
        if (r.kind == ReturnKind::Quarterly) {
            std::vector<ReturnVersion> others = existing.superseded;
            const FieldDef* submitted = fields.find(FieldRole::ReturnSubmitted);
            const Answer* date = submitted ? existing.answers.get(submitted->id) : nullptr;
            others.push_back(ReturnVersion{existing.source_sha256, existing.source_name, existing.submitted,
                                           date ? date->where.locator() : std::string()});
            for (ReturnVersion& v : others)
                if (v.source_sha256 != r.source_sha256) copy.superseded.push_back(std::move(v));
        }
        existing = std::move(copy);
        return;
    }
    returns.push_back(r);
}

}  // namespace

std::vector<RuleExplanation> explain_rule(const Rulebook& rb, const Rule& rule, const std::string& path,
                                          const importers::ReadingPlan& reading, Store* store) {
    SourceFile file;
    file.name = fs::path(path).filename().string();
    file.path = path;
    file.sha256 = sha256_of_file(path);
    std::error_code ec;
    file.size = fs::file_size(path, ec);
    const importers::ImportResult imported = importers::import_file(file, *reading.reading(path).fields);

    std::vector<RuleExplanation> out;
    auto explainer = [&](const std::string& subject_id, bool in_context) {
        return [&, subject_id, in_context](const Subject& s, const SubjectIdentity& who) {
            if (who.subject_id != subject_id || who.stage != rule.stage) return;
            RuleExplanation e;
            e.who = who;
            e.in_context = in_context;
            const Verdict v = evaluate_rule(rule, s, &e.conditions);
            e.finding = render_finding(rb, v, s, who);
            out.push_back(std::move(e));
        };
    };
    auto explain = [&](const ContractPortfolio& portfolio, const std::string& subject_id, bool in_context) {
        visit_subjects(rb, portfolio, explainer(subject_id, in_context));
    };

    const RegisterFacts register_facts(rb.fields);
    for (const auto& c : imported.contracts) {
        ContractPortfolio p;
        p.contract = &c;
        explain(p, "contract:" + c.id, false);
    }
    for (const auto& r : imported.returns) {
        if (r.kind == ReturnKind::Tender) {
            // A bid is judged as its tender judges it: beside the other bids, with the awarded
            // contract's facts once there is one (else the tender's own); without a store,
            // alone and before award.
            std::optional<TenderContext> tender;
            if (store) tender = store->load_tender(r.tender_id, rb.fields);
            const bool in_context = tender.has_value();
            if (!tender) {
                tender.emplace();
                tender->tender_id = r.tender_id;
            }
            stand_in(tender->bids, r, rb.fields);
            if (store) register_facts.attach(*store, tender->bids);  // as the batch gives them
            TenderPortfolio t;
            t.tender_id = tender->tender_id;
            std::optional<Contract> before_award;  // the tender's own facts stand in until award
            if (!tender->contract && tender->tender) before_award = contract_before_award(*tender->tender, rb.fields);
            t.contract = tender->contract ? &*tender->contract : before_award ? &*before_award : nullptr;
            for (const auto& b : tender->bids) t.bids.push_back(&b);
            visit_bids(rb, t, explainer(r.id(), in_context));
            continue;
        }
        const std::string contract_id = r.contract_id;
        std::optional<ContractContext> ctx;
        if (store && !contract_id.empty()) ctx = store->load_context(contract_id, rb.fields);
        const bool in_context = ctx.has_value();
        if (!ctx) {
            // Judged alone: a stand-in contract that knows only what the return says.
            ctx.emplace();
            ctx->contract.id = contract_id.empty() ? "(not in the register)" : contract_id;
            ctx->contract.tender_id = r.tender_id;
        }
        stand_in(ctx->quarterly_returns, r, rb.fields);
        if (store) register_facts.attach(*store, ctx->tender_returns);
        ContractPortfolio p;
        p.contract = &ctx->contract;
        for (const auto& t : ctx->tender_returns) p.tender_returns.push_back(&t);
        for (const auto& q : ctx->quarterly_returns) p.quarterly_returns.push_back(&q);
        explain(p, r.id(), in_context);
    }
    return out;
}

}  // namespace fairgate
