#pragma once
// POST /api/v1/returns: a return uploaded into the inbox, and judged before the answer.

#include <filesystem>
#include <istream>
#include <string>

#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// POST /api/v1/returns, officer or admin: one file, as multipart/form-data (its first file
/// part; other fields and files are read and dropped) or as the raw body, named by
/// ?filename= or a Content-Disposition header. The body is written under a hidden name in the
/// inbox and renamed to a free name there only once it has arrived whole, so the inbox
/// watcher never sees half a file; then the intake judges it and the answer waits for that:
/// 201 imported, 200 duplicate, 422 refused and quarantined, 503 the intake could not take it.
class ReturnUpload final : public Resource {
public:
    ReturnUpload(const Service& service, Target target);

private:
    void upload(Exchange& x);
    /// Streams the multipart body's file part to `path`; returns the file's name.
    std::string read_multipart(Exchange& x, std::istream& in, const std::string& type,
                               const std::filesystem::path& path);
    /// Renames the finished upload to a free name in the inbox ("x.xlsx", "x (2).xlsx", ...).
    std::filesystem::path place_in_inbox(const std::filesystem::path& part, const std::string& name);
};

}  // namespace fairgate::service::routes
