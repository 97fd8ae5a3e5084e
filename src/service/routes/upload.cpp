#include "service/routes/upload.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <future>
#include <vector>

#include "service/pages/html.hpp"
#include "service/pages/upload.hpp"
#include "service/routes/answers.hpp"
#include "service/routes/inbox_upload.hpp"
#include "service/routes/sign_in.hpp"

using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

namespace {

constexpr std::size_t kMaxFiles = 100;
constexpr int kMaxParts = static_cast<int>(kMaxFiles) + 4;  // the files, the CSRF token, a few spare

// The body of an upload this page refuses itself: read to its end within the size limit and
// the deadline (so a browser still sending can read the answer and keep its connection), and
// the connection closed after the answer unless it was read whole.
void settle(Exchange& x) {
    const bool within_limit = x.request.getChunkedTransferEncoding() ||
                              (x.content_length >= 0 && static_cast<uint64_t>(x.content_length) <= x.config.max_body_bytes);
    if (!x.body && within_limit) x.open_body();
    if (x.body && x.body->state() == BodyState::Reading) x.body->drain();
    if (!x.body || !x.body->reusable()) x.response.setKeepAlive(false);
}

// Why a whole upload was refused, for the file field: the limit said plainly when too large.
std::string problem_of(const HttpError& e, const ServiceConfig& config) {
    if (e.status == HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE)
        return "These files come to more than the limit of " + std::to_string(config.max_body_bytes >> 20) +
               " MB for one upload, so nothing was stored. Upload them a few at a time.";
    return "The upload could not be taken, so nothing was stored: " + e.message + ".";
}

}  // namespace

UploadPage::UploadPage(const Service& service, Target target)
    : Resource(service, std::move(target),
               {{"GET", Access::page(), [this](Exchange& x) { show(x); }},
                {"POST", Access::page(), [this](Exchange& x) { upload(x); }}}) {}

bool UploadPage::may_upload(Exchange& x) {
    if (x.principal && permits(x.principal->role, Permission::Upload)) return true;
    settle(x);
    send_html(x.response, HTTPResponse::HTTP_FORBIDDEN, pages::upload_not_allowed_page(page_frame(x)));
    return false;
}

void UploadPage::show(Exchange& x) {
    if (!may_upload(x)) return;
    send_html_with_script(x.response, HTTPResponse::HTTP_OK,
                          pages::upload_page({}, {"", x.config.max_body_bytes, kMaxFiles}, page_frame(x)),
                          pages::upload_script_source());
}

void UploadPage::upload(Exchange& x) {
    if (!may_upload(x)) return;
    const auto answer = [&](HTTPResponse::HTTPStatus status, std::vector<pages::UploadedFile> results,
                            std::string problem) {
        send_html_with_script(
            x.response, status,
            pages::upload_page(std::move(results), {std::move(problem), x.config.max_body_bytes, kMaxFiles},
                               page_frame(x)),
            pages::upload_script_source());
    };
    // The session's cookie goes with any post, from any page: the post must come from this
    // site's form. A bearer token is never sent by another site's form.
    if (x.session && from_another_site(x.request)) {
        settle(x);
        return refuse_form(x, page_frame(x), "This upload was posted from another site; nothing was stored.",
                           "/upload");
    }
    MultipartUpload upload;
    try {
        x.require_sized_body();
        const std::string type = x.request.getContentType();
        if (type.rfind("multipart/form-data", 0) != 0)
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the form was not sent as multipart/form-data"};
        upload = read_multipart_upload(x, type, kMaxFiles, kMaxParts);
    } catch (const HttpError& e) {
        settle(x);
        return answer(e.status, {}, problem_of(e, x.config));
    }
    if (!x.body->reusable()) x.response.setKeepAlive(false);
    if (x.session && !same_secret(upload.fields.get(pages::kCsrfField, ""), x.session->csrf_token))
        return refuse_form(x, page_frame(x),
                           "This upload form has expired or did not come from this site; nothing was stored.",
                           "/upload");
    if (upload.files.empty()) return answer(HTTPResponse::HTTP_BAD_REQUEST, {}, "Choose at least one file to upload.");

    // Every file is handed in before any is waited for, so that one run can judge them all.
    std::vector<std::shared_future<IntakeResult>> judged;
    for (ReceivedFile& file : upload.files) judged.push_back(hand_in(parts(), file, x.who));
    std::vector<pages::UploadedFile> results;
    for (std::size_t i = 0; i < judged.size(); ++i) results.push_back({upload.files[i].given_name(), judged[i].get()});
    answer(HTTPResponse::HTTP_OK, std::move(results), "");
}

}  // namespace fairgate::service::routes
