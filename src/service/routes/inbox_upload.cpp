#include "service/routes/inbox_upload.hpp"

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <limits>
#include <mutex>
#include <random>

#include "service/routes/answers.hpp"

namespace fs = std::filesystem;
using Poco::Net::HTTPResponse;

namespace fairgate::service::routes {

namespace {

constexpr std::size_t kMaxFieldBytes = 1024;

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

// The name="..." and filename="..." of a part's Content-Disposition value.
Poco::Net::NameValueCollection disposition(const std::string& value) {
    std::string kind;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(value, kind, params);
    return params;
}

}  // namespace

// --- one file ----------------------------------------------------------------------------

ReceivedFile::ReceivedFile(const fs::path& inbox, std::string given_name)
    : part_(inbox / (".upload-" + random_suffix() + ".part")), given_name_(std::move(given_name)) {
    std::ofstream create(part_, std::ios::binary);
    if (!create) throw std::runtime_error("could not create " + part_.string() + " for an upload");
}

ReceivedFile::~ReceivedFile() {
    if (part_.empty()) return;
    std::error_code ec;
    fs::remove(part_, ec);
}

ReceivedFile::ReceivedFile(ReceivedFile&& other) noexcept
    : part_(std::move(other.part_)), given_name_(std::move(other.given_name_)) {
    other.part_.clear();
}

void ReceivedFile::write(std::istream& in) {
    std::ofstream out(part_, std::ios::binary | std::ios::app);
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) out.write(buf, in.gcount());
    if (!out.flush()) throw std::runtime_error("could not write the upload to " + part_.string());
}

std::shared_future<IntakeResult> hand_in(ServiceParts& parts, ReceivedFile& file, const std::string& who) {
    const fs::path inbox = parts.config.inbox;
    const std::string name = inbox_name(file.given_name());
    const fs::path stem = fs::path(name).stem(), ext = fs::path(name).extension();
    fs::path target = inbox / name;
    {
        // One upload names its file at a time, so two of the same name never take the same one.
        static std::mutex naming;
        std::lock_guard<std::mutex> lock(naming);
        for (int n = 2; fs::exists(target) || parts.intake.holds(target.string()); ++n)
            target = inbox / (stem.string() + " (" + std::to_string(n) + ")" + ext.string());
        fs::rename(file.part_, target);
    }
    file.part_.clear();
    spdlog::info("upload by {}: {} ({} bytes)", who, target.string(), fs::file_size(target));
    return parts.intake.submit(target.string());
}

// --- a multipart body --------------------------------------------------------------------

MultipartUpload read_multipart_upload(Exchange& x, const std::string& content_type, std::size_t max_files,
                                      int max_parts) {
    std::string media;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(content_type, media, params);
    const std::string boundary = params.get("boundary", "");
    if (boundary.empty())
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "the multipart upload's Content-Type names no boundary "
                                                        "(multipart/form-data; boundary=...)"};
    MultipartUpload upload;
    std::string malformed;
    std::istream in(&x.open_body());
    try {
        Poco::Net::MultipartReader reader(in, boundary);
        for (int n = 1; reader.hasNextPart(); ++n) {
            if (n > max_parts)
                throw HttpError{HTTPResponse::HTTP_BAD_REQUEST,
                                "the multipart upload has more than " + std::to_string(max_parts) + " parts"};
            Poco::Net::MessageHeader header;
            reader.nextPart(header);
            const auto part = disposition(header.get("Content-Disposition", ""));
            const std::string filename = part.get("filename", "");
            if (!filename.empty() && upload.files.size() < max_files) {
                upload.files.emplace_back(x.config.inbox, filename);
                upload.files.back().write(reader.stream());
            } else if (filename.empty() && part.has("name") && !part.has("filename")) {
                // A text field: only a short one is kept (the CSRF token is 64 characters).
                std::string value(kMaxFieldBytes + 1, '\0');
                reader.stream().read(value.data(), static_cast<std::streamsize>(value.size()));
                value.resize(static_cast<std::size_t>(reader.stream().gcount()));
                reader.stream().ignore(std::numeric_limits<std::streamsize>::max());
                if (value.size() <= kMaxFieldBytes) upload.fields.add(part.get("name"), value);
            } else {
                reader.stream().ignore(std::numeric_limits<std::streamsize>::max());
            }
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
    return upload;
}

}  // namespace fairgate::service::routes
