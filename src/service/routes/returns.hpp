#pragma once
// POST /api/v1/returns: a return uploaded into the inbox, and judged before the answer.

#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// POST /api/v1/returns, officer or admin: one file, as multipart/form-data (its first file
/// part; other fields and files are read and dropped) or as the raw body, named by
/// ?filename= or a Content-Disposition header. It goes into the inbox as every upload does
/// (inbox_upload.hpp: whole or not at all); then the intake judges it and the answer waits for that:
/// 201 imported, 200 duplicate, 422 refused and quarantined, 503 the intake could not take it.
class ReturnUpload final : public Resource {
public:
    ReturnUpload(const Service& service, Target target);

private:
    void upload(Exchange& x);
};

}  // namespace fairgate::service::routes
