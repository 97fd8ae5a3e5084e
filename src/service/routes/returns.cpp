#include "service/routes/returns.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <limits>
#include <mutex>
#include <random>

#include "service/api_json.hpp"
#include "service/routes/answers.hpp"

namespace fs = std::filesystem;
using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

namespace {

constexpr int kMaxParts = 20;

// A name safe to create in the inbox: letters, digits and " ._()-" kept, others '_', no
// leading dot (hidden files are never taken), never empty, at most 150 bytes.
std::string inbox_name(const std::string& given) {
    std::string base = fs::path(given).filename().string();
    std::string out;
    for (unsigned char c : base) {
        const bool ok = std::isalnum(c) || c == ' ' || c == '.' || c == '_' || c == '(' || c == ')' || c == '-';
        out += ok ? static_cast<char>(c) : '_';
    }
    while (!out.empty() && (out[0] == '.' || out[0] == ' ')) out[0] = '_';
    if (out.size() > 150) out = out.substr(out.size() - 150);
    return out.empty() ? "upload" : out;
}

std::string random_suffix() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
    return buf;
}

// The filename="..." of a Content-Disposition value.
std::string disposition_filename(const std::string& value) {
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(value, disposition, params);
    return params.get("filename", "");
}

void copy_stream(std::istream& in, std::ostream& out) {
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) out.write(buf, in.gcount());
}

}  // namespace

ReturnUpload::ReturnUpload(const Service& service, Target target)
    : Resource(service, std::move(target),
               {{"POST", Access::token(Permission::Upload), [this](Exchange& x) { upload(x); }}}) {}

void ReturnUpload::upload(Exchange& x) {
    x.require_sized_body();
    const std::string type = x.request.getContentType();
    const bool multipart = type.rfind("multipart/form-data", 0) == 0;
    std::string filename;
    if (!multipart) {
        filename = x.target.query.get("filename", disposition_filename(x.request.get("Content-Disposition", "")));
        if (filename.empty())
            throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                            "name the file: ?filename=Q2-return.xlsx, a Content-Disposition header with "
                            "filename=, or a multipart/form-data upload"};
    }
    // Written under a hidden name first, so the inbox watcher never sees half a file, and
    // renamed into the inbox only once the whole body is in.
    const fs::path part = fs::path(x.config.inbox) / (".upload-" + random_suffix() + ".part");
    struct Cleanup {
        fs::path path;
        ~Cleanup() {
            std::error_code ec;
            fs::remove(path, ec);
        }
    } cleanup{part};
    std::istream in(&x.open_body());
    if (multipart) {
        filename = read_multipart(x, in, type, part);
    } else {
        std::ofstream out(part, std::ios::binary);
        copy_stream(in, out);
        if (!out.flush()) throw std::runtime_error("could not write the upload to " + part.string());
        x.require_whole_body();
    }
    if (!x.body->reusable()) x.response.setKeepAlive(false);
    const fs::path target = place_in_inbox(part, inbox_name(filename));
    cleanup.path.clear();
    spdlog::info("upload by {}: {} ({} bytes)", x.who, target.string(), fs::file_size(target));

    const IntakeResult result = parts().intake.submit(target.string()).get();
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

// Other fields and any second file are read and dropped (they count against the body limit
// all the same). The body must end with the closing boundary.
std::string ReturnUpload::read_multipart(Exchange& x, std::istream& in, const std::string& type,
                                         const fs::path& path) {
    std::string media;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(type, media, params);
    const std::string boundary = params.get("boundary", "");
    if (boundary.empty())
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the multipart upload's Content-Type names no boundary "
                                                        "(multipart/form-data; boundary=...)"};
    std::string filename, malformed;
    try {
        Poco::Net::MultipartReader reader(in, boundary);
        for (int n = 1; reader.hasNextPart(); ++n) {
            if (n > kMaxParts)
                throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                                "the multipart upload has more than " + std::to_string(kMaxParts) + " parts"};
            Poco::Net::MessageHeader header;
            reader.nextPart(header);
            const std::string name = disposition_filename(header.get("Content-Disposition", ""));
            if (name.empty() || !filename.empty()) {
                reader.stream().ignore(std::numeric_limits<std::streamsize>::max());
                continue;
            }
            filename = name;
            std::ofstream out(path, std::ios::binary);
            copy_stream(reader.stream(), out);
            if (!out.flush()) throw std::runtime_error("could not write the upload to " + path.string());
        }
    } catch (const Poco::Exception& e) {
        malformed = e.displayText();
    }
    x.body->drain();
    x.require_whole_body();  // a body cut off, late or too large says so, whatever the parts looked like
    std::string tail = x.body->tail();
    while (!tail.empty() && std::isspace(static_cast<unsigned char>(tail.back()))) tail.pop_back();
    const std::string closing = "--" + boundary + "--";
    const bool closed =
        tail.size() >= closing.size() && tail.compare(tail.size() - closing.size(), closing.size(), closing) == 0;
    if (malformed.empty() && !closed) malformed = "it does not end with its closing boundary (" + closing + ")";
    if (!malformed.empty())
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the multipart upload is malformed: " + malformed};
    if (filename.empty())
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the multipart upload has no file part (a part with "
                                                        "Content-Disposition: form-data; filename=\"...\")"};
    return filename;
}

fs::path ReturnUpload::place_in_inbox(const fs::path& part, const std::string& name) {
    // One upload names its file at a time, so two of the same name never take the same one.
    static std::mutex naming;
    std::lock_guard<std::mutex> lock(naming);
    const fs::path inbox = parts().config.inbox;
    const fs::path stem = fs::path(name).stem(), ext = fs::path(name).extension();
    fs::path target = inbox / name;
    for (int n = 2; fs::exists(target) || parts().intake.holds(target.string()); ++n)
        target = inbox / (stem.string() + " (" + std::to_string(n) + ")" + ext.string());
    fs::rename(part, target);
    return target;
}

}  // namespace fairgate::service::routes
