#pragma once
// /api/v1/tenders: the tenders with a bid, each screened (tender_screening), and the
// comparison workbook of one.

#include <string>

#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// GET /api/v1/tenders, any role: every tender with a bid, in id order (tender_json).
class TenderList final : public Resource {
public:
    TenderList(const Service& service, Target target);

private:
    void list(Exchange& x);
};

/// GET /api/v1/tenders/{id}, any role: one tender, each bidder with its latest findings; 404
/// when no bid names it.
class TenderDetail final : public Resource {
public:
    TenderDetail(const Service& service, Target target, std::string tender_id);

private:
    void show(Exchange& x);
    std::string id_;
};

/// GET /api/v1/tenders/{id}/workbook (or /comparison, the route's first name, kept for the
/// clients that use it), any role: the tender's comparison workbook as an attachment; 404
/// until one is written.
class TenderWorkbook final : public Resource {
public:
    TenderWorkbook(const Service& service, Target target, std::string tender_id);

private:
    void send(Exchange& x);
    std::string id_;
};

}  // namespace fairgate::service::routes
