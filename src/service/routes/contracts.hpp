#pragma once
// /api/v1/contracts: the judged contracts, one contract with its findings, and its workbook.

#include <string>

#include "service/routes/handler.hpp"

#include <optional>

#include "model/contract_status.hpp"

namespace fairgate::service::routes {

/// The status a filter asks for: nullopt for none (empty); refuses (400) anything other than
/// red, amber or green.
std::optional<ContractStatus> status_filter(const std::string& status);

/// GET /api/v1/contracts[?status=red|amber|green][&service_area=...], any role: each judged
/// contract's position (position_json), filtered.
class ContractList final : public Resource {
public:
    ContractList(const Service& service, Target target);

private:
    void list(Exchange& x);
};

/// GET /api/v1/contracts/{id}, any role: the contract's position with every latest finding
/// ("findings_detail"); 404 when it has not been judged.
class ContractDetail final : public Resource {
public:
    ContractDetail(const Service& service, Target target, std::string contract_id);

private:
    void show(Exchange& x);
    std::string id_;
};

/// GET /api/v1/contracts/{id}/workbook, any role: the contract's latest workbook as an
/// attachment; 404 when it has not been judged or its workbook is not in the output folder.
class ContractWorkbook final : public Resource {
public:
    ContractWorkbook(const Service& service, Target target, std::string contract_id);

private:
    void send(Exchange& x);
    std::string id_;
};

}  // namespace fairgate::service::routes
