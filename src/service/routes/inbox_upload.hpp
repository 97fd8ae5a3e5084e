#pragma once
// Uploaded files on their way into the inbox, the same way whichever route takes them
// (POST /api/v1/returns, one file; POST /upload, the officers' page, several): each is written
// under a hidden name in the inbox, renamed to a free name of its own there only once the
// whole request body has arrived, and then handed to the intake, which judges it.

#include <Poco/Net/NameValueCollection.h>

#include <cstddef>
#include <filesystem>
#include <future>
#include <istream>
#include <string>
#include <vector>

#include "service/intake.hpp"
#include "service/routes/handler.hpp"

namespace fairgate::service::routes {

/// One uploaded file, written under a hidden name in the inbox (".upload-<random>.part"), so
/// that the inbox watcher never sees half a file. Deleted when destroyed, unless hand_in() has
/// placed it in the inbox: a file of a body that did not arrive whole, or of a refused
/// request, never reaches the intake.
class ReceivedFile {
public:
    /// A new, empty hidden file in `inbox` for a file its sender named `given_name`.
    ReceivedFile(const std::filesystem::path& inbox, std::string given_name);
    ~ReceivedFile();
    ReceivedFile(ReceivedFile&& other) noexcept;
    ReceivedFile& operator=(ReceivedFile&&) = delete;
    ReceivedFile(const ReceivedFile&) = delete;
    ReceivedFile& operator=(const ReceivedFile&) = delete;

    /// Appends everything `in` holds; throws std::runtime_error when it cannot be written.
    void write(std::istream& in);
    /// The file's name as its sender gave it (a browser's file name, ?filename=...).
    const std::string& given_name() const { return given_name_; }

private:
    friend std::shared_future<IntakeResult> hand_in(ServiceParts& parts, ReceivedFile& file, const std::string& who);
    std::filesystem::path part_;  ///< Empty once placed (or moved from).
    std::string given_name_;
};

/// What a multipart/form-data upload held: its files, in the order they came, and its small
/// text fields (the page's CSRF token).
struct MultipartUpload {
    std::vector<ReceivedFile> files;
    Poco::Net::NameValueCollection fields;  ///< Each at most 1 KiB; longer ones are dropped.
};

/// Opens the body of `x` (Exchange::open_body) and reads it as multipart/form-data, whose
/// Content-Type is `content_type`: the first `max_files` file parts (parts with a filename)
/// are written to ReceivedFiles, any further ones are read and dropped; no file part at all
/// is the caller's to refuse. Throws HttpError 400 for a Content-Type without a boundary, more
/// than `max_parts` parts, a broken part or a body that does not end with its closing
/// boundary, and what Exchange::require_whole_body throws for a body that did not arrive
/// whole. Every byte counts against the body limit.
MultipartUpload read_multipart_upload(Exchange& x, const std::string& content_type, std::size_t max_files,
                                      int max_parts);

/// Renames `file` to a free name in the inbox made from its given name ("Q2.xlsx", else
/// "Q2 (2).xlsx", ...; letters, digits and " ._()-" kept, others '_', never hidden) and hands
/// it to the intake: the future holds its judgement. Logs the upload as made by `who`. Each of
/// several files handed in before any is waited for can be judged in the same run.
std::shared_future<IntakeResult> hand_in(ServiceParts& parts, ReceivedFile& file, const std::string& who);

}  // namespace fairgate::service::routes
