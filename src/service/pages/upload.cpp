#include "service/pages/upload.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

#include "importers/input_format.hpp"
#include "service/pages/html.hpp"

namespace fairgate::service::pages {

namespace {

// What became of a file, in the order the results list them: refused ones first, as those
// are what an officer must act on.
enum class Verdict { Refused, NotTaken, Imported, AlreadyImported };
constexpr std::array<const char*, 4> kVerdictWords{"Refused", "Not taken now", "Imported", "Already imported"};
// For the script, which counts and orders rows it did not render.
constexpr std::array<const char*, 4> kVerdictKeys{"refused", "not-taken", "imported", "already-imported"};
constexpr std::array<const char*, 4> kVerdictClasses{" class=\"red\"", " class=\"amber\"", "", ""};

Verdict verdict_of(const IntakeResult& r) {
    if (!r.error.empty()) return Verdict::NotTaken;
    switch (r.file.status) {
        case FileStatus::Imported: return Verdict::Imported;
        case FileStatus::Duplicate: return Verdict::AlreadyImported;
        case FileStatus::Quarantined:
        case FileStatus::Skipped: break;
    }
    return Verdict::Refused;
}

// ".xlsx, .json, ...": every extension of every input format, in the table's order.
std::vector<std::string> accepted_extensions() {
    std::vector<std::string> all;
    for (const auto& format : importers::input_formats())
        for (const auto& ext : format.extensions)
            if (std::find(all.begin(), all.end(), ext) == all.end()) all.push_back(ext);
    return all;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A reason as a sentence of its own: the pipeline writes them to follow a colon.
std::string sentence(std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

std::string megabytes(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// The details cell: why, what the file held, and where to look next.
std::string details(const UploadedFile& f, Verdict verdict) {
    const IntakeResult& r = f.result;
    std::ostringstream html;
    switch (verdict) {
        case Verdict::NotTaken:
            html << html_escape(sentence(r.error)) << ". The file is kept and will be judged when the service can.";
            break;
        case Verdict::Refused:
        {
            // The row names the file already: "broken.xlsx: is not a readable..." loses its name.
            std::string reason = r.file.reason.empty() ? "not a file fairgate reads" : r.file.reason;
            const std::string named = f.name + ": ";
            if (reason.rfind(named, 0) == 0) reason.erase(0, named.size());
            html << html_escape(sentence(reason)) << ".";
        }
            if (r.file.status == FileStatus::Quarantined)
                html << (r.file.copy_kept ? " A copy is kept in quarantine." : " No copy is kept.");
            else
                html << " Files fairgate reads end in " << html_escape(joined(accepted_extensions(), ", ")) << ".";
            break;
        case Verdict::Imported:
        case Verdict::AlreadyImported: {
            std::vector<std::string> held;
            if (r.file.returns) held.push_back(plural(r.file.returns, "return", "returns"));
            if (r.file.contracts) held.push_back(plural(r.file.contracts, "contract", "contracts"));
            if (r.file.tenders) held.push_back(plural(r.file.tenders, "tender", "tenders"));
            if (verdict == Verdict::AlreadyImported && !r.file.reason.empty()) html << html_escape(sentence(r.file.reason)) << ". ";
            if (!held.empty()) html << html_escape(r.file.format.empty() ? "Read" : "Read as " + r.file.format) << ": "
                                    << joined(held, ", ") << ".";
            if (!r.file.notes.empty())
                html << " " << plural(r.file.notes.size(), "note", "notes") << ", first: "
                     << html_escape(r.file.notes.front().where) << ": " << html_escape(r.file.notes.front().message);
            break;
        }
    }
    std::vector<std::string> contracts, tenders;
    for (const ContractOutcome& c : r.contracts)
        contracts.push_back("<a href=\"/contracts/" + html_escape(c.contract_id) + "\">" + html_escape(c.contract_id) +
                            "</a> (" + std::string(display_name(c.status)) + ")");
    for (const ScreenedTender& t : r.tenders)
        tenders.push_back("<a href=\"/tenders/" + html_escape(t.tender_id) + "\">" + html_escape(t.tender_id) + "</a>");
    if (!contracts.empty())
        html << "<br>" << (contracts.size() == 1 ? "Contract: " : "Contracts: ") << joined(contracts, ", ") << ".";
    if (!tenders.empty()) html << "<br>" << (tenders.size() == 1 ? "Tender: " : "Tenders: ") << joined(tenders, ", ") << ".";
    if (!r.run_id.empty())
        html << "<br>Judged in <a href=\"/runs/" << html_escape(r.run_id) << "\">run " << html_escape(r.run_id) << "</a>.";
    std::string cell = html.str();
    if (cell.rfind("<br>", 0) == 0) cell.erase(0, 4);  // nothing was said before the links
    return cell;
}

// "3 files: 1 refused, 2 imported."
std::string summary(const std::vector<UploadedFile>& results) {
    std::array<std::size_t, 4> counts{};
    for (const auto& f : results) ++counts[static_cast<std::size_t>(verdict_of(f.result))];
    std::vector<std::string> parts;
    for (std::size_t v = 0; v < counts.size(); ++v)
        if (counts[v]) {
            std::string word = kVerdictWords[v];
            word[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])));
            parts.push_back(std::to_string(counts[v]) + " " + word);
        }
    return plural(results.size(), "file", "files") + ": " + joined(parts, ", ") + ".";
}

// Sends the chosen files one at a time to the form's own address, each as the form would
// send it alone, and moves the row of each answer (or its refusal) into the results table.
// Without fetch, FormData or DOMParser it does nothing, and the form posts as plain HTML.
constexpr const char* kScript = R"JS(
(function () {
  var form = document.getElementById('upload-form');
  var input = document.getElementById('files');
  var results = document.getElementById('results');
  var progress = document.getElementById('upload-progress');
  if (!form || !input || !results || !window.fetch || !window.FormData || !window.DOMParser) return;
  var body = results.querySelector('tbody');
  var words = {'refused': 'refused', 'not-taken': 'not taken now', 'imported': 'imported',
               'already-imported': 'already imported'};
  var limit = Number(form.getAttribute('data-max-bytes')) || 0;
  function summarise(total) {
    var counts = {}, parts = [];
    Array.prototype.forEach.call(body.rows, function (row) {
      var v = row.getAttribute('data-verdict');
      if (v) counts[v] = (counts[v] || 0) + 1;
    });
    Object.keys(words).forEach(function (v) { if (counts[v]) parts.push(counts[v] + ' ' + words[v]); });
    return total + (total === 1 ? ' file' : ' files') + ': ' + (parts.join(', ') || 'none judged yet') + '.';
  }
  function cell(tag, text) {
    var c = document.createElement(tag);
    c.textContent = text;
    return c;
  }
  // A file the service did not judge: what it said, or why it could not be asked.
  function fail(row, why) {
    row.setAttribute('data-verdict', 'not-taken');
    row.className = 'amber';
    row.cells[1].textContent = 'Not taken now';
    row.cells[2].textContent = why;
  }
  // The answer's row takes the pending one's place; a refused file moves up with the others.
  function place(row, answer) {
    if (answer.getAttribute('data-verdict') === 'refused') {
      var first = Array.prototype.filter.call(body.rows, function (r) {
        return r !== row && r.getAttribute('data-verdict') !== 'refused';
      })[0];
      body.removeChild(row);
      body.insertBefore(answer, first || null);
    } else {
      body.replaceChild(answer, row);
    }
  }
  form.addEventListener('submit', function (event) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) return;
    event.preventDefault();
    var button = form.querySelector('button[type=submit]');
    var csrf = form.querySelector('input[name=csrf]');
    while (body.firstChild) body.removeChild(body.firstChild);
    var rows = files.map(function (file) {
      var row = document.createElement('tr');
      var name = cell('th', file.name);
      name.setAttribute('scope', 'row');
      row.appendChild(name);
      row.appendChild(cell('td', 'Waiting'));
      row.appendChild(cell('td', ''));
      body.appendChild(row);
      return row;
    });
    results.hidden = false;
    button.disabled = true;
    function next(i) {
      document.getElementById('results-summary').textContent = summarise(files.length);
      if (i === files.length) {
        progress.textContent = 'Done. ' + summarise(files.length);
        button.disabled = false;
        form.reset();
        return;
      }
      var file = files[i], row = rows[i];
      if (limit && file.size > limit) {
        fail(row, 'It is larger than the limit of ' + Math.floor(limit / 1048576) + ' MB, so it was not sent.');
        progress.textContent = file.name + ': not taken now, too large.';
        return next(i + 1);
      }
      row.cells[1].textContent = 'Sending and judging';
      progress.textContent = 'Sending and judging ' + file.name + ', ' + (i + 1) + ' of ' + files.length + '.';
      var data = new FormData();
      if (csrf) data.append('csrf', csrf.value);
      data.append('files', file, file.name);
      fetch(form.action, {method: 'POST', body: data, credentials: 'same-origin'}).then(function (response) {
        if (response.redirected && /\/login$/.test(new URL(response.url).pathname)) {
          fail(row, 'Your session has ended: sign in again, then send this file again.');
          return;
        }
        return response.text().then(function (text) {
          var page = new DOMParser().parseFromString(text, 'text/html');
          var answer = page.querySelector('#results tbody tr');
          if (answer) {
            place(row, document.importNode(answer, true));
          } else {
            var why = page.querySelector('#files-error, [role=alert]');
            fail(row, why ? why.textContent.trim() : 'The service answered ' + response.status + '.');
          }
        });
      }).catch(function () {
        fail(row, 'The connection failed before an answer came; send this file again.');
      }).then(function () {
        var now = Array.prototype.filter.call(body.rows, function (r) {
          return r.cells[0].textContent === file.name && r.getAttribute('data-verdict');
        })[0];
        progress.textContent = file.name + ': ' + (now ? now.cells[1].textContent : 'done').toLowerCase() + '.';
        next(i + 1);
      });
    }
    next(0);
  });
})();
)JS";

std::string script_source() {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(kScript, std::char_traits<char>::length(kScript));
    const auto& digest = sha.digest();
    std::ostringstream base64;
    Poco::Base64Encoder encoder(base64);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(reinterpret_cast<const char*>(digest.data()), static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return "'sha256-" + base64.str() + "'";
}

}  // namespace

const std::string& upload_script_source() {
    static const std::string source = script_source();
    return source;
}

std::string upload_page(std::vector<UploadedFile> results, const UploadForm& form, PageFrame frame) {
    std::stable_sort(results.begin(), results.end(), [](const UploadedFile& a, const UploadedFile& b) {
        return verdict_of(a.result) < verdict_of(b.result);
    });
    const std::vector<std::string> extensions = accepted_extensions();
    std::ostringstream html;
    html << "<h1>Upload returns</h1>\n<p>Quarterly and tender returns, contract registers and tender exports. Each "
            "file is judged as soon as it arrives, by the same rules as the inbox, and this page says what became "
            "of it.</p>\n";

    // Always there, hidden while empty: the script fills it in as files are judged.
    html << "<section id=\"results\" aria-labelledby=\"results-heading\"" << (results.empty() ? " hidden" : "")
         << ">\n<h2 id=\"results-heading\">What became of each file</h2>\n<p id=\"results-summary\">"
         << (results.empty() ? "" : html_escape(summary(results))) << "</p>\n"
         << "<table>\n<caption>Files uploaded, refused ones first</caption>\n<thead><tr><th scope=\"col\">File</th>"
            "<th scope=\"col\">What became of it</th><th scope=\"col\">Why, and where to look</th></tr></thead>\n"
            "<tbody>\n";
    for (const UploadedFile& f : results) {
        const Verdict v = verdict_of(f.result);
        const auto i = static_cast<std::size_t>(v);
        html << "<tr data-verdict=\"" << kVerdictKeys[i] << "\"" << kVerdictClasses[i] << "><th scope=\"row\">"
             << html_escape(f.name) << "</th><td>" << kVerdictWords[i] << "</td><td>" << details(f, v) << "</td></tr>\n";
    }
    html << "</tbody>\n</table>\n</section>\n";

    const bool problem = !form.problem.empty();
    html << "<h2>" << (results.empty() ? "Choose files" : "Upload more files") << "</h2>\n"
         << "<form id=\"upload-form\" method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\" "
            "data-max-bytes=\""
         << form.max_body_bytes << "\">\n"
         << csrf_input(frame.viewer.csrf_token) << "\n<p><label for=\"files\">Files to upload</label></p>\n"
         << "<p id=\"files-hint\">Files ending in " << html_escape(joined(extensions, ", ")) << ". Up to "
         << form.max_files << " files, " << megabytes(form.max_body_bytes) << " together.</p>\n";
    if (problem)
        html << "<p id=\"files-error\" class=\"red\" role=\"alert\"><strong>Error:</strong> " << html_escape(form.problem)
             << "</p>\n";
    html << "<p><input type=\"file\" id=\"files\" name=\"files\" multiple required accept=\""
         << html_escape(joined(extensions, ",")) << "\" aria-describedby=\"files-hint" << (problem ? " files-error" : "")
         << "\"" << (problem ? " aria-invalid=\"true\"" : "") << "></p>\n"
         << "<p><button type=\"submit\">Upload and judge</button></p>\n</form>\n"
         << "<p id=\"upload-progress\" role=\"status\" aria-live=\"polite\"></p>\n"
         << "<script>" << kScript << "</script>\n";

    frame.title = "Upload returns";
    frame.current = NavItem::Upload;
    return page(frame, html.str());
}

std::string upload_not_allowed_page(PageFrame frame) {
    frame.title = "You may not upload returns";
    frame.current = NavItem::Upload;
    return page(frame, "<h1>You may not upload returns</h1>\n<p>You are signed in as " +
                           html_escape(frame.viewer.signed_in_as) +
                           ". An auditor may read every contract, tender and run, but only an officer or an "
                           "administrator may upload returns.</p>\n<p>Send the files to an officer, or sign in with an "
                           "officer's token.</p>\n<p><a href=\"/\">Back to the contracts</a></p>\n");
}

}  // namespace fairgate::service::pages
