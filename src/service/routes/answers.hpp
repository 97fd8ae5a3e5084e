#pragma once
// How the HTTP side answers: refusals (HttpError) and the bodies every handler sends, JSON,
// HTML and workbooks, with the headers each kind always carries.

#include <Poco/Net/HTTPResponse.h>

#include <stdexcept>
#include <string>

namespace Poco::Net {
class HTTPServerResponse;
}

namespace fairgate::service::routes {

/// A refusal with its status, as the client is told it: a handler throws it, and the
/// request's Handler answers {"error": {"status": N, "message": "..."}} (api_json's
/// error_json), or on a page route an HTML page saying the same (pages::error_page). A std::exception like every error of the project, so that nothing that
/// catches those can let one through unanswered.
struct HttpError : std::runtime_error {
    HttpError(Poco::Net::HTTPResponse::HTTPStatus s, std::string m, std::string a = {})
        : std::runtime_error(m), status(s), message(std::move(m)), allow(std::move(a)) {}
    Poco::Net::HTTPResponse::HTTPStatus status;
    std::string message;  ///< For a person to act on.
    std::string allow;    ///< For 405: the methods the resource takes (the Allow header).
};

/// `json` with every byte that is not UTF-8 made U+FFFD and every control character an
/// escape: text from a request (a path, a file name) can carry anything, and JSON must be
/// UTF-8 without raw control characters. Everything else, JSON's own escapes included, is kept.
std::string json_safe(const std::string& json);

/// Sends `body` (made json_safe) with `status` and its reason phrase, never to be cached.
void send_json(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& body);
void send_json(Poco::Net::HTTPServerResponse& response, int status, const std::string& body);

/// Sends a page, never to be cached, under a policy that allows no script, no outside asset
/// and no form posted elsewhere.
void send_html(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& body);

/// send_html for a page with an inline script of its own: the policy lets run only the script
/// whose hash is `script_source` ("'sha256-...'"), and lets it fetch from this service alone.
void send_html_with_script(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                           const std::string& body, const std::string& script_source);

/// Sends the workbook at `path` as an attachment, only if it is a file inside `out_dir` (the
/// output folder): else HttpError 404 naming `what` ("contract BX-1").
void send_workbook(Poco::Net::HTTPServerResponse& response, const std::string& out_dir, const std::string& path,
                   const std::string& what);

}  // namespace fairgate::service::routes
