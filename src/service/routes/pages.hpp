#pragma once
// The auditors' pages (service/pages/ renders them): plain HTML for a browser signed in with the
// page's session cookie (or a bearer token). Without a sign-in each sends the browser to
// /login (303) rather than refusing it.

#include <string>

#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// GET /[?status=red|amber|green][&area=...]: every judged contract, filtered.
class PortfolioPage final : public Resource {
public:
    PortfolioPage(const Service& service, Target target);

private:
    void show(Exchange& x);
};

/// GET /contracts/{id}[?outcome=fail|missing|warn|refer|pass][&rule=...][&quarter=...]: one
/// contract's status and why, what to do, its history and its findings, filtered; 404 (a page)
/// when it has not been judged, 400 for an outcome that is none of those.
class ContractPage final : public Resource {
public:
    ContractPage(const Service& service, Target target, std::string contract_id);

private:
    void show(Exchange& x);
    std::string id_;
};

/// GET /tenders: every tender with a bid, screened.
class TendersPage final : public Resource {
public:
    TendersPage(const Service& service, Target target);

private:
    void show(Exchange& x);
};

/// GET /tenders/{id}: one tender's bidders; 404 (a page, like every refusal of a page) when no
/// bid names the tender.
class TenderPage final : public Resource {
public:
    TenderPage(const Service& service, Target target, std::string tender_id);

private:
    void show(Exchange& x);
    std::string id_;
};

/// GET /runs/{id}: one run; 404 when there is no such run.
class RunPage final : public Resource {
public:
    RunPage(const Service& service, Target target, std::string run_id);

private:
    void show(Exchange& x);
    std::string id_;
};

}  // namespace fairgate::service::routes
