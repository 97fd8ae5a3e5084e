#include "service/routes/answers.hpp"

#include <Poco/Net/HTTPServerResponse.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "model/printable.hpp"

namespace fs = std::filesystem;
using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

namespace {
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}  // namespace

std::string json_safe(const std::string& json) {
    std::string out;
    out.reserve(json.size());
    for (size_t i = 0; i < json.size();) {
        const auto c = static_cast<unsigned char>(json[i]);
        const size_t len = utf8_sequence_length(json, i);
        if (len == 0) {
            out += "\\ufffd";
            ++i;
        } else if (c < 0x20 || c == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
            ++i;
        } else {
            out.append(json, i, len);
            i += len;
        }
    }
    return out;
}

void send_json(Poco::Net::HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& body) {
    response.setStatusAndReason(status);
    response.setContentType("application/json; charset=utf-8");
    response.set("Cache-Control", "no-store");
    const std::string safe = json_safe(body);
    response.setContentLength64(static_cast<Poco::UInt64>(safe.size()));
    response.send() << safe;
}

void send_json(Poco::Net::HTTPServerResponse& response, int status, const std::string& body) {
    send_json(response, static_cast<HTTPResponse::HTTPStatus>(status), body);
}

namespace {

void send_page(Poco::Net::HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& body,
               const std::string& policy) {
    response.setStatusAndReason(status);
    response.setContentType("text/html; charset=utf-8");
    response.set("Cache-Control", "no-store");
    response.set("Content-Security-Policy", policy);
    response.set("X-Content-Type-Options", "nosniff");
    response.setContentLength64(static_cast<Poco::UInt64>(body.size()));
    response.send() << body;
}

}  // namespace

void send_html(Poco::Net::HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& body) {
    send_page(response, status, body, "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
}

void send_html_with_script(Poco::Net::HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
                           const std::string& body, const std::string& script_source) {
    send_page(response, status, body,
              "default-src 'none'; style-src 'unsafe-inline'; script-src " + script_source +
                  "; connect-src 'self'; form-action 'self'");
}

void send_workbook(Poco::Net::HTTPServerResponse& response, const std::string& out_dir, const std::string& path,
                   const std::string& what) {
    std::error_code ec;
    const fs::path out = fs::weakly_canonical(fs::absolute(out_dir), ec);
    const fs::path file = fs::weakly_canonical(fs::absolute(path), ec);
    auto [end, _] = std::mismatch(out.begin(), out.end(), file.begin(), file.end());
    if (ec || end != out.end() || !fs::is_regular_file(file, ec))
        throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "the workbook of " + what + " is not on this server"};
    std::string name = file.filename().string();
    // The name goes into a quoted header parameter: nothing that could end or break it.
    for (auto& c : name)
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
    response.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
    response.sendFile(file.string(), kXlsx);
}

}  // namespace fairgate::service::routes
