#pragma once
// A small HTTP client for the in-process service tests: one connection per request to
// 127.0.0.1:<port>, the whole answer read into memory (status, headers, body).

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace fairgate::test {

struct HttpReply {
    int status = 0;
    std::string reason;
    std::vector<std::pair<std::string, std::string>> headers;  ///< Names lower-cased.
    std::string body;

    static std::string lower(std::string s) {
        for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    }
    /// The first value of a header (case-insensitive name), empty if absent.
    std::string header(const std::string& name) const {
        const std::string n = lower(name);
        for (const auto& [k, v] : headers)
            if (k == n) return v;
        return {};
    }
    bool has_header(const std::string& name) const {
        const std::string n = lower(name);
        for (const auto& h : headers)
            if (h.first == n) return true;
        return false;
    }
    std::vector<std::string> all(const std::string& name) const {
        const std::string n = lower(name);
        std::vector<std::string> out;
        for (const auto& [k, v] : headers)
            if (k == n) out.push_back(v);
        return out;
    }
    /// The body parsed as a JSON object; throws if it is not one.
    Poco::JSON::Object::Ptr json() const {
        Poco::JSON::Parser parser;
        return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
    }
    /// For failure messages: "HTTP 500 Internal Server Error: <first 600 bytes of body>".
    std::string describe() const {
        return "HTTP " + std::to_string(status) + " " + reason + ": " + body.substr(0, 600);
    }
};

class HttpClient {
public:
    using Headers = std::vector<std::pair<std::string, std::string>>;

    explicit HttpClient(unsigned port = 0) : port_(port) {}
    unsigned port() const { return port_; }

    /// Sends `request`, letting `write_body` write the body, and reads the whole answer.
    HttpReply send(Poco::Net::HTTPRequest& request, const std::function<void(std::ostream&)>& write_body = {}) const {
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port_));
        session.setTimeout(Poco::Timespan(60, 0));
        std::ostream& out = session.sendRequest(request);
        if (write_body) write_body(out);
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        HttpReply r;
        r.status = static_cast<int>(response.getStatus());
        r.reason = response.getReason();
        for (const auto& [k, v] : response) r.headers.emplace_back(HttpReply::lower(k), v);
        Poco::StreamCopier::copyToString(in, r.body);
        return r;
    }

    /// Any method with an optional bearer token, body and extra headers.
    HttpReply request(const std::string& method, const std::string& uri, const std::string& token = "",
                      const std::string& body = "", const std::string& content_type = "",
                      const Headers& extra = {}) const {
        Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
        if (!token.empty()) req.set("Authorization", "Bearer " + token);
        for (const auto& [k, v] : extra) req.add(k, v);
        if (!content_type.empty()) req.setContentType(content_type);
        if (!body.empty() || method == "POST" || method == "PUT") req.setContentLength64(body.size());
        return send(req, [&](std::ostream& out) { out << body; });
    }

    HttpReply get(const std::string& uri, const std::string& token = "", const Headers& extra = {}) const {
        return request("GET", uri, token, "", "", extra);
    }

    /// POST /api/v1/returns with the file as the raw body, named by ?filename=.
    HttpReply upload_raw(const std::string& filename, const std::string& bytes, const std::string& token) const {
        std::string encoded;
        Poco::URI::encode(filename, "?#[]@!$&'()*+,;=%/ ", encoded);
        return request("POST", "/api/v1/returns?filename=" + encoded, token, bytes, "application/octet-stream");
    }

    /// POST /api/v1/returns as multipart/form-data (chunked), with a text field before the file.
    HttpReply upload_multipart(const std::string& filename, const std::string& bytes, const std::string& token,
                               const Headers& extra = {}) const {
        Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
        form.set("comment", "uploaded by the test suite");
        form.addPart("file", new Poco::Net::StringPartSource(bytes, "application/octet-stream", filename));
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/returns",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
        if (!token.empty()) req.set("Authorization", "Bearer " + token);
        for (const auto& [k, v] : extra) req.add(k, v);
        form.prepareSubmit(req);
        return send(req, [&](std::ostream& out) { form.write(out); });
    }

    /// Sends `bytes` (a whole request, headers and body) over a plain socket the way a
    /// tolerant client does: keeps reading even if the server stops taking the body (a write
    /// error is recorded in `write_error`), then reads one answer.
    HttpReply exchange(const std::string& bytes, std::string* write_error = nullptr) const {
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)));
        socket.setReceiveTimeout(Poco::Timespan(30, 0));
        size_t sent = 0;
        try {
            while (sent < bytes.size()) {
                const int n = socket.sendBytes(bytes.data() + sent, static_cast<int>(std::min<size_t>(65536, bytes.size() - sent)));
                if (n <= 0) break;
                sent += static_cast<size_t>(n);
            }
        } catch (const Poco::Exception& e) {
            if (write_error) *write_error = e.displayText() + " after " + std::to_string(sent) + " bytes";
        }
        std::string got;
        char buf[8192];
        size_t head_end = std::string::npos, want = std::string::npos;
        for (;;) {
            int n = 0;
            try {
                n = socket.receiveBytes(buf, sizeof buf);
            } catch (const Poco::Exception&) {
                break;
            }
            if (n <= 0) break;
            got.append(buf, static_cast<size_t>(n));
            if (head_end == std::string::npos && (head_end = got.find("\r\n\r\n")) != std::string::npos) {
                const std::string head = HttpReply::lower(got.substr(0, head_end));
                const size_t cl = head.find("\r\ncontent-length:");
                want = cl == std::string::npos ? std::string::npos
                                               : head_end + 4 + std::stoul(head.substr(cl + 17));
            }
            if (want != std::string::npos && got.size() >= want) break;
        }
        HttpReply r;
        if (head_end == std::string::npos) {
            r.body = got;
            return r;  // status 0: no answer
        }
        std::istringstream head(got.substr(0, head_end));
        std::string line, version;
        std::getline(head, line);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::istringstream status_line(line);
        status_line >> version >> r.status;
        std::getline(status_line >> std::ws, r.reason);
        while (std::getline(head, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            const size_t colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            r.headers.emplace_back(HttpReply::lower(line.substr(0, colon)), value);
        }
        r.body = got.substr(head_end + 4);
        return r;
    }

private:
    unsigned port_;
};

inline std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace fairgate::test
