#pragma once
// /upload: the officers' page for uploading returns, several files at a time, into the inbox
// the same way as POST /api/v1/returns (inbox_upload.hpp), answered as a page.

#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// /upload, for an officer or admin signed in to the page (or with a bearer token). GET: the
/// form. POST (multipart/form-data, its files in the part "files"): every file of a body that
/// arrived whole goes into the inbox and is judged, and the answer is the page with a row per
/// file (200). An auditor gets a page saying they may not upload (403); a post from another
/// site, or without the session's CSRF token, the refused-form page (403); a body too large,
/// cut off or unreadable, or without a file, the form again with the reason as the file
/// field's error (413, 408, 400), nothing stored.
class UploadPage final : public Resource {
public:
    UploadPage(const Service& service, Target target);

private:
    void show(Exchange& x);
    void upload(Exchange& x);
    /// Whether the request's role may upload; if not, answers the auditor's page (403).
    bool may_upload(Exchange& x);
};

}  // namespace fairgate::service::routes
