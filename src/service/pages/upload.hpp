#pragma once
// GET and POST /upload: the officers' page for uploading returns, several files at once, and
// what became of each file, in words: imported, already imported, refused and why, or not
// taken now. Without JavaScript the form posts every file together and the answer is the
// whole results page; with it, the page's one inline script sends the files one at a time to
// the same address and moves each file's row from that answer into the table as it arrives,
// saying so in a live region. The script is the page's only one: upload_script_source() is
// what the answer's Content-Security-Policy lets run.

#include <cstdint>
#include <string>
#include <vector>

#include "service/intake.hpp"
#include "service/pages/layout.hpp"

namespace fairgate::service::pages {

/// What became of one file sent through the page.
struct UploadedFile {
    std::string name;     ///< As the browser named it.
    IntakeResult result;  ///< The intake's judgement; with `error` set, it could not judge the file now.
};

/// What the upload form says besides its fields.
struct UploadForm {
    /// Why the last upload was refused as a whole (too large, unreadable, no file chosen);
    /// shown as the file field's error. Empty: none.
    std::string problem;
    std::uint64_t max_body_bytes = 0;  ///< The largest upload taken (fairgate.http.max_body_mb).
    std::size_t max_files = 0;         ///< The most files one post may hold.
};

/// The upload page in `frame` (whose title and navigation entry it sets): the form, posting
/// the viewer's CSRF token, and, when `results` is not empty, a table with a row per file,
/// refused ones first, each with the run that judged it and links to the contracts and
/// tenders it fed.
std::string upload_page(std::vector<UploadedFile> results, const UploadForm& form, PageFrame frame);

/// The page an auditor gets at /upload (with 403): they may read everything but not upload.
std::string upload_not_allowed_page(PageFrame frame);

/// The page's inline script as a Content-Security-Policy source: "'sha256-<base64>'".
const std::string& upload_script_source();

}  // namespace fairgate::service::pages
