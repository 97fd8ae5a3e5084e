#pragma once
// /api/v1/runs: the runs of the batch, one run, and asking for a full re-judgement.

#include <string>

#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// /api/v1/runs. GET[?limit=N], any role: the runs, newest first (50 unless asked, at most
/// 1,000). POST, admin only: queues a run that judges every stored contract and writes the
/// portfolio workbook (202).
class RunList final : public Resource {
public:
    RunList(const Service& service, Target target);

private:
    void list(Exchange& x);
    void queue_full_run(Exchange& x);
};

/// GET /api/v1/runs/{id}, any role: the run with its files, contracts and findings by rule;
/// 404 when there is no such run.
class RunDetail final : public Resource {
public:
    RunDetail(const Service& service, Target target, std::string run_id);

private:
    void show(Exchange& x);
    std::string id_;
};

}  // namespace fairgate::service::routes
