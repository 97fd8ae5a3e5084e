#include "service/routes/returns.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>

#include <istream>

#include "service/api_json.hpp"
#include "service/routes/answers.hpp"
#include "service/routes/inbox_upload.hpp"

using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

namespace {

constexpr int kMaxParts = 20;

// The filename="..." of a Content-Disposition value.
std::string disposition_filename(const std::string& value) {
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(value, disposition, params);
    return params.get("filename", "");
}

// The file of the request's body: its first file part, or the raw body.
ReceivedFile receive(Exchange& x, const std::string& type) {
    if (type.rfind("multipart/form-data", 0) == 0) {
        MultipartUpload upload = read_multipart_upload(x, type, 1, kMaxParts);
        if (upload.files.empty())
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the multipart upload has no file part (a part with "
                                                            "Content-Disposition: form-data; filename=\"...\")"};
        return std::move(upload.files.front());
    }
    const std::string filename =
        x.target.query.get("filename", disposition_filename(x.request.get("Content-Disposition", "")));
    if (filename.empty())
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                        "name the file: ?filename=Q2-return.xlsx, a Content-Disposition header with "
                        "filename=, or a multipart/form-data upload"};
    ReceivedFile file(x.config.inbox, filename);
    std::istream in(&x.open_body());
    file.write(in);
    x.require_whole_body();
    return file;
}

}  // namespace

ReturnUpload::ReturnUpload(const Service& service, Target target)
    : Resource(service, std::move(target),
               {{"POST", Access::token(Permission::Upload), [this](Exchange& x) { upload(x); }}}) {}

void ReturnUpload::upload(Exchange& x) {
    x.require_sized_body();
    ReceivedFile file = receive(x, x.request.getContentType());
    if (!x.body->reusable()) x.response.setKeepAlive(false);
    const std::string filename = file.given_name();
    const IntakeResult result = hand_in(parts(), file, x.who).get();
    if (!result.error.empty()) throw HttpError{HTTPResponse::HTTP_SERVICE_UNAVAILABLE, result.error};
    HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK;
    switch (result.file.status) {
        case FileStatus::Imported: status = HTTPResponse::HTTP_CREATED; break;
        case FileStatus::Duplicate: status = HTTPResponse::HTTP_OK; break;
        case FileStatus::Quarantined:
        case FileStatus::Skipped: status = HTTPResponse::HTTP_UNPROCESSABLE_ENTITY; break;
    }
    auto body = intake_json(result);
    if (status == HTTPResponse::HTTP_UNPROCESSABLE_ENTITY) {
        auto inner = json_object();
        inner->set("status", static_cast<int>(status));
        inner->set("message", filename + " was refused and kept in quarantine: " + result.file.reason);
        body->set("error", inner);
    }
    send_json(x.response, status, to_json(body));
}

}  // namespace fairgate::service::routes
