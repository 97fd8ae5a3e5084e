#include "importers/ocds_json.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Handler.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "importers/text_encoding.hpp"
#include "model/value_parse.hpp"

namespace fairgate::importers {
namespace {

// ---- A small JSON tree ---------------------------------------------------------------------
// Poco's tokeniser fills it through a Handler. Poco's own tree (Var, Object, std::map per
// object) made reading allocation-bound at about half the speed the issue asks for.

struct Node {
    enum class Kind : uint8_t { Null, Bool, Number, String, Object, Array };
    Kind kind = Kind::Null;
    bool boolean = false;
    double number = 0;
    std::string text;               ///< A string; a number or boolean as written; "" for null.
    std::vector<std::string> keys;  ///< Object: member names, parallel to `items`.
    std::vector<Node> items;        ///< Object members or array elements.

    bool is_null() const { return kind == Kind::Null; }
    bool is_string() const { return kind == Kind::String; }
    bool is_number() const { return kind == Kind::Number; }
    bool is_bool() const { return kind == Kind::Bool; }
    bool has(std::string_view key) const { return find(key) != nullptr; }
    /// The member, or a null node when absent (or when this is not an object).
    const Node& get(std::string_view key) const {
        const Node* n = find(key);
        return n ? *n : null_node();
    }
    const Node& item(size_t i) const { return i < items.size() ? items[i] : null_node(); }
    size_t size() const { return items.size(); }

private:
    const Node* find(std::string_view key) const {
        if (kind != Kind::Object) return nullptr;
        for (size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] == key) return &items[i];
        }
        return nullptr;
    }
    static const Node& null_node() {
        static const Node null;
        return null;
    }
};

// Shortest text that reads back as the same double: how a person would have written it.
std::string number_text(double v) {
    char buffer[32];
    for (int precision : {15, 16, 17}) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, v);
        if (std::strtod(buffer, nullptr) == v) break;
    }
    return buffer;
}

// Members fairgate never reads, and which make up much of a real release (documents, items
// with delivery addresses, contact points): their values are skipped, not built.
bool unread_member(const std::string& key) {
    static const char* const unread[] = {"documents", "items", "address", "contactPoint", "additionalClassifications",
                                         "planning", "milestones", "identifier", "additionalIdentifiers", "amendments",
                                         "implementation", "relatedProcesses", "tenderers", "bids", "tag"};
    for (const char* u : unread) {
        if (key == u) return true;
    }
    return false;
}

class TreeBuilder : public Poco::JSON::Handler {
public:
    void reset() override {
        stack_.clear();
        root_ = Node();
        skip_ = 0;
        skip_next_ = false;
    }
    void startObject() override { open(Node::Kind::Object); }
    void endObject() override { close(); }
    void startArray() override { open(Node::Kind::Array); }
    void endArray() override { close(); }
    void key(const std::string& k) override {
        if (skip_) return;
        if (unread_member(k)) {
            skip_next_ = true;
            return;
        }
        stack_.back().keys.push_back(k);
    }
    void null() override { add(Node()); }
    void value(int v) override { integer(static_cast<double>(v), std::to_string(v)); }
    void value(unsigned v) override { integer(static_cast<double>(v), std::to_string(v)); }
#if defined(POCO_HAVE_INT64)
    void value(Poco::Int64 v) override { integer(static_cast<double>(v), std::to_string(v)); }
    void value(Poco::UInt64 v) override { integer(static_cast<double>(v), std::to_string(v)); }
#endif
    void value(const std::string& v) override {
        Node n;
        n.kind = Node::Kind::String;
        n.text = v;
        add(std::move(n));
    }
    void value(double d) override { integer(d, number_text(d)); }
    void value(bool b) override {
        Node n;
        n.kind = Node::Kind::Bool;
        n.boolean = b;
        n.text = b ? "true" : "false";
        add(std::move(n));
    }

    Node take() { return std::move(root_); }

private:
    // Skipping: `skip_` counts the containers open inside a skipped value.
    void open(Node::Kind kind) {
        if (skip_ || skip_next_) {
            ++skip_;
            skip_next_ = false;
            return;
        }
        stack_.emplace_back();
        stack_.back().kind = kind;
    }
    void close() {
        if (skip_) {
            --skip_;
            return;
        }
        Node n = std::move(stack_.back());
        stack_.pop_back();
        add(std::move(n));
    }
    void integer(double v, std::string text) {
        Node n;
        n.kind = Node::Kind::Number;
        n.number = v;
        n.text = std::move(text);
        add(std::move(n));
    }
    void add(Node n) {
        if (skip_) return;
        if (skip_next_) {  // a skipped member's scalar value
            skip_next_ = false;
            return;
        }
        if (stack_.empty()) root_ = std::move(n);
        else stack_.back().items.push_back(std::move(n));
    }

    std::vector<Node> stack_;
    Node root_;
    unsigned skip_ = 0;
    bool skip_next_ = false;  ///< The next value belongs to an unread member.
};

// ---- Where the parser stopped -------------------------------------------------------------
// Poco's parser says what it disliked but not where; this small recogniser walks the text
// only after Poco has refused it, to name the line and column a person can open.

struct SyntaxStop {
    size_t offset = 0;
    std::string problem;
};

class SyntaxLocator {
public:
    explicit SyntaxLocator(std::string_view t) : t_(t) {}

    std::optional<SyntaxStop> find() {
        skip_ws();
        if (!value(0)) return stop_;
        skip_ws();
        if (i_ < t_.size()) return SyntaxStop{i_, "there is more text after the JSON value ends"};
        return std::nullopt;
    }

    // When the text is an object with a "releases" or "records" array, or is an array: that
    // array's name ("" for a top-level array) and the [begin, end) of each element, so that
    // each can be parsed on its own. False for any other shape, or text that is not JSON (the
    // caller then parses it whole, which names the problem).
    bool element_spans(std::string& key, std::vector<std::pair<size_t, size_t>>& spans) {
        i_ = 0;
        skip_ws();
        if (i_ >= t_.size()) return false;
        if (t_[i_] == '[') {
            key.clear();
            if (!array_spans(spans)) return false;
        } else if (t_[i_] == '{') {
            ++i_;
            bool found = false;
            for (;;) {
                skip_ws();
                if (i_ >= t_.size() || t_[i_] != '"') return false;
                const size_t name_start = i_ + 1;
                if (!string()) return false;
                const std::string_view name = t_.substr(name_start, i_ - 1 - name_start);
                skip_ws();
                if (i_ >= t_.size() || t_[i_] != ':') return false;
                ++i_;
                skip_ws();
                if (!found && (name == "releases" || name == "records") && i_ < t_.size() && t_[i_] == '[') {
                    key = std::string(name);
                    if (!array_spans(spans)) return false;
                    found = true;
                } else if (!value(1)) {
                    return false;
                }
                skip_ws();
                if (i_ >= t_.size()) return false;
                if (t_[i_] == ',') { ++i_; continue; }
                if (t_[i_] == '}') { ++i_; break; }
                return false;
            }
            if (!found) return false;
        } else {
            return false;
        }
        skip_ws();
        return i_ == t_.size();
    }

private:
    bool array_spans(std::vector<std::pair<size_t, size_t>>& spans) {
        ++i_;
        skip_ws();
        if (i_ < t_.size() && t_[i_] == ']') { ++i_; return true; }
        for (;;) {
            skip_ws();
            const size_t begin = i_;
            if (!value(1)) return false;
            spans.emplace_back(begin, i_);
            skip_ws();
            if (i_ >= t_.size()) return false;
            if (t_[i_] == ',') { ++i_; continue; }
            if (t_[i_] == ']') { ++i_; return true; }
            return false;
        }
    }

    bool fail(const std::string& problem) {
        stop_ = SyntaxStop{i_, problem};
        return false;
    }
    void skip_ws() {
        while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
    }
    bool literal(const char* word) {
        const size_t n = std::char_traits<char>::length(word);
        if (t_.compare(i_, n, word) != 0) return fail("unexpected text");
        i_ += n;
        return true;
    }
    bool string() {
        ++i_;  // opening quote
        while (i_ < t_.size()) {
            const char c = t_[i_];
            if (c == '"') { ++i_; return true; }
            if (c == '\\') { i_ += 2; continue; }
            if (static_cast<unsigned char>(c) < 0x20) return fail("a control character inside a string");
            ++i_;
        }
        return fail("the text ends inside a string");
    }
    bool number() {
        const size_t start = i_;
        if (t_[i_] == '-') ++i_;
        while (i_ < t_.size() && (std::isdigit(static_cast<unsigned char>(t_[i_])) || t_[i_] == '.' || t_[i_] == 'e' ||
                                  t_[i_] == 'E' || t_[i_] == '+' || t_[i_] == '-')) ++i_;
        if (i_ == start + (t_[start] == '-' ? 1u : 0u)) return fail("a malformed number");
        return true;
    }
    bool value(int depth) {
        if (depth > 200) return fail("nesting too deep");
        if (i_ >= t_.size()) return fail("the text ends where a value should be");
        const char c = t_[i_];
        if (c == '{') return container(depth, '}', true);
        if (c == '[') return container(depth, ']', false);
        if (c == '"') return string();
        if (c == 't') return literal("true");
        if (c == 'f') return literal("false");
        if (c == 'n') return literal("null");
        if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return number();
        return fail(std::string("unexpected character '") + c + "' where a value should be");
    }
    bool container(int depth, char close, bool object) {
        ++i_;
        skip_ws();
        if (i_ < t_.size() && t_[i_] == close) { ++i_; return true; }
        for (;;) {
            skip_ws();
            if (object) {
                if (i_ >= t_.size()) return fail("the text ends inside an object");
                if (t_[i_] != '"') return fail("expected a quoted member name");
                if (!string()) return false;
                skip_ws();
                if (i_ >= t_.size() || t_[i_] != ':') return fail("expected ':' after a member name");
                ++i_;
                skip_ws();
            }
            if (!value(depth + 1)) return false;
            skip_ws();
            if (i_ >= t_.size()) return fail(object ? "the text ends inside an object" : "the text ends inside an array");
            if (t_[i_] == ',') { ++i_; continue; }
            if (t_[i_] == close) { ++i_; return true; }
            return fail(std::string("expected ',' or '") + close + "'");
        }
    }

    std::string_view t_;
    size_t i_ = 0;
    SyntaxStop stop_;
};

// "line 3, column 7" of a byte offset; `first_line` is the text's own first line in the file.
std::string line_column(std::string_view text, size_t offset, unsigned long first_line = 1) {
    unsigned long line = first_line;
    unsigned column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') { ++line; column = 1; }
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    }
    return csv_locator(line, column);
}

// ---- JSON access -------------------------------------------------------------------------

const Node* as_object(const Node& v) { return v.kind == Node::Kind::Object ? &v : nullptr; }
const Node* as_array(const Node& v) { return v.kind == Node::Kind::Array ? &v : nullptr; }
const Node* object_at(const Node* o, const char* key) { return o ? as_object(o->get(key)) : nullptr; }
const Node* array_at(const Node* o, const char* key) { return o ? as_array(o->get(key)) : nullptr; }
const Node* first_object(const Node* a) { return a && a->size() > 0 ? as_object(a->item(0)) : nullptr; }

std::string text(const Node& v) { return v.is_string() ? v.text : std::string(); }
std::string text_at(const Node* o, const char* key) { return o ? text(o->get(key)) : std::string(); }

// Double-encoded UTF-8 ("Â£" for "£", "â€™" for "’"): text decoded as Latin-1 or
// Windows-1252 and encoded again. Undone only when every character fits one byte and the
// bytes then form valid UTF-8, so genuine accented text is left alone.
bool repair_mojibake(std::string& s) {
    if (s.find("\xC3\x82") == std::string::npos && s.find("\xC3\x83") == std::string::npos &&
        s.find("\xC3\xA2") == std::string::npos) {
        return false;
    }
    std::string bytes;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { bytes.push_back(s[i]); ++i; continue; }
        if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
            const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
            if (cp > 0xFF) return false;
            bytes.push_back(static_cast<char>(cp));
            i += 2;
            continue;
        }
        if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
            // Windows-1252's 0x80-0x9F punctuation (€ ’ “ ” – —) comes back as three bytes.
            static const std::map<unsigned, char> cp1252 = {
                {0x20AC, '\x80'}, {0x201A, '\x82'}, {0x201E, '\x84'}, {0x2026, '\x85'}, {0x2018, '\x91'},
                {0x2019, '\x92'}, {0x201C, '\x93'}, {0x201D, '\x94'}, {0x2022, '\x95'}, {0x2013, '\x96'},
                {0x2014, '\x97'}, {0x2122, '\x99'}};
            const unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                                (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
            auto it = cp1252.find(cp);
            if (it == cp1252.end()) return false;
            bytes.push_back(it->second);
            i += 3;
            continue;
        }
        return false;
    }
    if (bytes == s || !is_valid_utf8(bytes)) return false;
    s = std::move(bytes);
    return true;
}

// ---- Dates -------------------------------------------------------------------------------

struct Stamp {
    Date date;              ///< The calendar date as written (the publisher's local date).
    double instant = 0;     ///< Seconds since 1970 UTC, for ordering releases.
    bool standard = false;  ///< A full OCDS date-time with a zone.
};

// "2022-10-20T09:42:13+01:00", "2022-10-20T09:42:13Z", "2022-10-20T09:42:13.123", "2022-10-20".
std::optional<Stamp> parse_stamp(const std::string& s) {
    if (s.size() < 10) return std::nullopt;
    auto d = Date::parse_iso(std::string_view(s).substr(0, 10));
    if (!d) return std::nullopt;
    Stamp st;
    st.date = *d;
    st.instant = static_cast<double>(d->days()) * 86400.0;
    if (s.size() == 10) return st;
    if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
    int h = 0, m = 0;
    double sec = 0;
    size_t i = 11;
    auto digits = [&](size_t n, int& out) {
        if (i + n > s.size()) return false;
        out = 0;
        for (size_t k = 0; k < n; ++k) {
            if (!std::isdigit(static_cast<unsigned char>(s[i + k]))) return false;
            out = out * 10 + (s[i + k] - '0');
        }
        i += n;
        return true;
    };
    int si = 0;
    if (!digits(2, h) || i >= s.size() || s[i++] != ':' || !digits(2, m)) return std::nullopt;
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!digits(2, si)) return std::nullopt;
        sec = si;
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        }
    }
    st.instant += h * 3600.0 + m * 60.0 + sec;
    if (i == s.size()) return st;  // no zone
    if (s[i] == 'Z' && i + 1 == s.size()) { st.standard = true; return st; }
    if (s[i] != '+' && s[i] != '-') return std::nullopt;
    const int sign = s[i] == '-' ? -1 : 1;
    ++i;
    int zh = 0, zm = 0;
    if (!digits(2, zh)) return std::nullopt;
    if (i < s.size() && s[i] == ':') ++i;
    if (i < s.size() && !digits(2, zm)) return std::nullopt;
    if (i != s.size()) return std::nullopt;
    st.instant -= sign * (zh * 3600.0 + zm * 60.0);
    st.standard = true;
    return st;
}

// ---- Award criteria ----------------------------------------------------------------------

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// "Quality 60%, Price 30%, Social value 10%" or "10% social value": the percentage nearest
// after (else before) the words "social value", as written.
std::optional<std::string> social_value_percent(const std::string& text) {
    const std::string l = lower(text);
    const size_t at = l.find("social value");
    if (at == std::string::npos) return std::nullopt;
    auto number_before_percent = [&](size_t pct) -> std::optional<std::string> {
        size_t b = pct;
        while (b > 0 && l[b - 1] == ' ') --b;
        size_t e = b;
        while (b > 0 && (std::isdigit(static_cast<unsigned char>(l[b - 1])) || l[b - 1] == '.')) --b;
        if (b == e) return std::nullopt;
        return text.substr(b, e - b) + "%";
    };
    // After: within the next 40 characters, before another criterion starts.
    for (size_t p = at + 12; p < l.size() && p < at + 52; ++p) {
        if (l[p] == ',' || l[p] == ';' || l[p] == '\n') break;
        if (l[p] == '%') return number_before_percent(p);
    }
    // Before: "10% social value".
    for (size_t p = at; p > 0 && p + 20 > at; --p) {
        if (l[p - 1] == ',' || l[p - 1] == ';') break;
        if (l[p - 1] == '%') return number_before_percent(p - 1);
    }
    return std::nullopt;
}

// ---- One release's fields ----------------------------------------------------------------

struct Item {
    Value value;
    std::string raw;
    std::string pointer;
    // The release it came from, for "later wins": its date (lowest() when undated, so that
    // any dated release wins over it) and then its place in the file.
    double instant = 0;
    size_t order = 0;

    bool later_than(const Item& o) const { return instant != o.instant ? instant > o.instant : order > o.order; }
};

using Fields = std::map<std::string, Item>;  // by field name

// The releases of one ocid, merged as they arrive: each release is reduced to its fields as
// soon as it is parsed, and each field keeps the answer of the latest release stating it, so
// a big package holds one release's JSON tree and one set of fields per contract at a time.
struct Group {
    std::string first_base;  ///< Locator of its first release: "/releases/3" or "line 4#".
    size_t releases = 0;
    Fields merged;
};

class OcdsReader {
public:
    OcdsReader(const SourceFile& file, const FieldDictionary& fields, ImportResult& result)
        : file_(file), fields_(fields), result_(result) {}

    // Every release found in one parsed JSON value (a package, a release, an array of them).
    void collect(const Node& root, const std::string& base) {
        if (const Node* o = as_object(root)) {
            if (const Node* rs = array_at(o, "releases")) {
                for (unsigned i = 0; i < rs->size(); ++i) add_release(rs->item(i), base + "/releases/" + std::to_string(i));
                return;
            }
            if (const Node* recs = array_at(o, "records")) {
                for (unsigned i = 0; i < recs->size(); ++i) add_record(recs->item(i), base + "/records/" + std::to_string(i));
                return;
            }
            if (o->has("ocid")) { add_release(root, base); return; }
            refuse_shape(base);
        }
        if (const Node* a = as_array(root)) {
            for (unsigned i = 0; i < a->size(); ++i) collect(a->item(i), base + "/" + std::to_string(i));
            return;
        }
        refuse_shape(base);
    }

    void add_record(const Node& v, const std::string& base) {
        const Node* rec = as_object(v);
        if (!rec) { note(base, "the record is not an object; it was not read"); return; }
        if (object_at(rec, "compiledRelease")) {
            add_release(rec->get("compiledRelease"), base + "/compiledRelease");
            return;
        }
        bool any = false;
        if (const Node* rs = array_at(rec, "releases")) {
            for (unsigned i = 0; i < rs->size(); ++i) {
                const Node* r = as_object(rs->item(i));
                if (r && r->has("ocid")) {  // embedded, not a link to a release elsewhere
                    add_release(rs->item(i), base + "/releases/" + std::to_string(i));
                    any = true;
                }
            }
        }
        if (!any) note(base, "the record has neither a compiledRelease nor embedded releases (only links); it was not read");
    }

    void finish() {
        if (ocids_.empty()) throw ImportError(file_.name, "is JSON but holds no OCDS release (no \"releases\", \"records\" or \"ocid\")");
        // Contracts in the file's order of first appearance.
        for (const std::string& ocid : ocids_) build(ocid, groups_[ocid]);
    }

private:
    std::string display(const std::string& locator) const { return Provenance{file_.name, locator}.display(); }
    void note(std::string locator, std::string message) {
        if (!locator.empty() && locator.back() == '#') locator.pop_back();  // a JSON Lines line as a whole
        result_.notes.push_back(ImportNote{display(locator), std::move(message)});
    }
    [[noreturn]] void refuse_shape(const std::string& base) {
        throw ImportError(base.empty() ? file_.name : display(base),
                          "is JSON but not OCDS: expected a release package ({\"releases\": [...]}), a record package "
                          "({\"records\": [...]}) or releases, one per line");
    }

public:
    void add_release(const Node& v, const std::string& base) {
        const Node* o = as_object(v);
        if (!o) { note(base, "the release is not an object; it was not read"); return; }
        const std::string ocid = text_at(o, "ocid");
        if (ocid.empty()) { note(base + "/ocid", "the release has no ocid, so it cannot be matched to a contract; it was not read"); return; }
        const std::string date = text_at(o, "date");
        std::optional<Stamp> when;
        if (!date.empty()) when = parse_stamp(date);
        if (when && !when->standard) note(base + "/date", "the release date '" + date + "' has no time zone; it is ordered as UTC");
        if (!when) {
            note(base + "/date", (date.empty() ? std::string("the release has no date") : "the release date '" + date + "' is not an ISO 8601 date-time") +
                                     "; what the dated releases of its contract say wins over it");
        }
        auto [at, fresh] = groups_.try_emplace(ocid);
        Group& g = at->second;
        if (fresh) {
            ocids_.push_back(ocid);
            g.first_base = base;
        }
        ++g.releases;
        const double instant = when ? when->instant : std::numeric_limits<double>::lowest();
        for (auto& [name, item] : map_release(o, base)) {
            item.instant = instant;
            item.order = release_count_;
            auto it = g.merged.find(name);
            if (it == g.merged.end()) g.merged.emplace(name, std::move(item));
            else if (item.later_than(it->second)) it->second = std::move(item);
        }
        ++release_count_;
    }

private:

    // ---- mapping ----


    void put(Fields& out, const char* name, Value value, std::string raw, std::string pointer) {
        out[name] = Item{std::move(value), std::move(raw), std::move(pointer)};
    }

    void put_text(Fields& out, const char* name, const Node* o, const char* key, const std::string& pointer) {
        const FieldDef* f = fields_.find(name);
        if (!f || !o) return;
        const Node& v = o->get(key);
        if (v.is_null()) return;
        std::string s = v.is_string() ? v.text : v.text;
        if (std::string(trim(s)).empty()) return;
        const std::string p = pointer + "/" + key;
        if (repair_mojibake(s)) note(p, "the text was double-encoded (mojibake such as 'Â£'); it was repaired to '" + s + "'");
        Value value = f->type == FieldType::Text ? Value::text(std::string(trim(s))) : parse_value(*f, s);
        if (value.is_invalid()) {
            note(p, "the value of " + f->name + " ('" + s + "') cannot be read: " + value.invalid_reason() + "; it is kept as written");
        }
        put(out, name, std::move(value), s, p);
    }

    void put_yes_no(Fields& out, const char* name, const Node* o, const char* key, const std::string& pointer) {
        const FieldDef* f = fields_.find(name);
        if (!f || !o || !o->has(key)) return;
        const Node& v = o->get(key);
        if (v.is_null()) return;  // null: not stated
        const std::string p = pointer + "/" + key;
        if (v.is_bool() && f->type == FieldType::YesNo) {
            const bool b = v.boolean;
            put(out, name, Value::yes_no(b), b ? "true" : "false", p);
            return;
        }
        const std::string s = v.text;
        note(p, "the flag is written as " + std::string(v.is_string() ? "text" : "a number") + " ('" + s + "') rather than true or false");
        put(out, name, parse_value(*f, s), s, p);
    }

    void put_date(Fields& out, const char* name, const Node* period, const char* key, const std::string& pointer) {
        const FieldDef* f = fields_.find(name);
        if (!f || !period) return;
        const Node& v = period->get(key);
        if (v.is_null()) return;
        const std::string s = v.text;
        const std::string p = pointer + "/" + key;
        if (auto st = parse_stamp(s); st && f->type == FieldType::Date) {
            if (!st->standard) {
                note(p, "the date '" + s + "' " + (s.size() == 10 ? "has no time (OCDS dates are date-times)" : "has no time zone") +
                            "; read as " + st->date.iso());
            }
            put(out, name, Value::date(st->date), s, p);
            return;
        }
        Value value = parse_value(*f, s);
        note(p, value.is_valid() ? "the date '" + s + "' is not ISO 8601; read as " + value.display()
                                 : "the date '" + s + "' cannot be read; it is kept as written");
        put(out, name, std::move(value), s, p);
    }

    // A value object {"amount": ..., "currency": "GBP"}: the amount in pounds.
    void put_money(Fields& out, const char* name, const Node* value, const std::string& pointer) {
        const FieldDef* f = fields_.find(name);
        if (!f || !value || !value->has("amount")) return;
        const Node& amount = value->get("amount");
        if (amount.is_null()) return;
        const std::string p = pointer + "/amount";
        const std::string currency = text_at(value, "currency");
        Value v;
        std::string raw;
        if (amount.is_number()) {
            const double d = amount.number;
            raw = amount.text;
            v = value_from_number(*f, d);
        } else {
            raw = amount.text;
            v = parse_value(*f, raw);
            note(p, "the amount is written as text ('" + raw + "')" + (v.is_valid() ? "; read as " + v.display() : "; it cannot be read"));
        }
        if (currency.empty()) {
            note(pointer, "the value has no currency; read as pounds");
        } else if (currency != "GBP") {
            v = Value::invalid(f->type, raw + " " + currency, "the value is in " + currency + ", not pounds");
            note(p, "the value " + raw + " is in " + currency + ", not pounds; it is kept as written");
        }
        put(out, name, std::move(v), raw, p);
    }

    void put_weighting(Fields& out, const Node* tender, const std::string& tp) {
        const FieldDef* f = fields_.find("tender.social_value_weighting");
        if (!f || !tender) return;
        auto from_text = [&](const std::string& s, const std::string& p) {
            if (auto pct = social_value_percent(s)) {
                put(out, f->name.c_str(), parse_value(*f, *pct), s, p);
                return true;
            }
            return false;
        };
        if (from_text(text_at(tender, "awardCriteriaDetails"), tp + "/awardCriteriaDetails")) return;
        const Node& ac = tender->get("awardCriteria");
        if (ac.is_string() && from_text(text(ac), tp + "/awardCriteria")) return;
        // The award criteria breakdown extension: criteria with a name and a weight.
        const Node* criteria = array_at(as_object(ac), "criteria");
        std::string cp = tp + "/awardCriteria/criteria";
        if (!criteria) { criteria = array_at(tender, "criteria"); cp = tp + "/criteria"; }
        if (!criteria) return;
        for (unsigned i = 0; i < criteria->size(); ++i) {
            const Node* c = as_object(criteria->item(i));
            if (!c) continue;
            const std::string p = cp + "/" + std::to_string(i);
            const std::string label = text_at(c, "name") + " " + text_at(c, "description") + " " + text_at(c, "title");
            if (lower(label).find("social value") == std::string::npos) continue;
            for (const char* key : {"weight", "weighting"}) {
                const Node& w = c->get(key);
                if (w.is_number()) {
                    put(out, f->name.c_str(), value_from_number(*f, w.number), w.text, p + "/" + key);
                    return;
                }
                if (w.is_string()) {
                    put(out, f->name.c_str(), parse_value(*f, text(w)), text(w), p + "/" + key);
                    return;
                }
            }
            if (const Node* n = first_object(array_at(c, "numbers")); n && n->get("number").is_number()) {
                const Node& w = n->get("number");
                put(out, f->name.c_str(), value_from_number(*f, w.number), w.text, p + "/numbers/0/number");
                return;
            }
            if (from_text(label, p)) return;
        }
    }

    const Node* party(const Node* release, const std::string& id, std::string& pointer) {
        const Node* parties = array_at(release, "parties");
        if (!parties || id.empty()) return {};
        for (unsigned i = 0; i < parties->size(); ++i) {
            const Node* p = as_object(parties->item(i));
            if (p && text_at(p, "id") == id) {
                pointer += "/parties/" + std::to_string(i);
                return p;
            }
        }
        return {};
    }

    Fields map_release(const Node* o, const std::string& b) {
        Fields out;
        const Node* tender = object_at(o, "tender");
        const Node* award = first_object(array_at(o, "awards"));
        const Node* contract = first_object(array_at(o, "contracts"));
        const std::string tp = b + "/tender", ap = b + "/awards/0", cp = b + "/contracts/0";

        if (const FieldDef* f = fields_.find("contract.id")) {
            if (!text_at(contract, "id").empty()) put_text(out, f->name.c_str(), contract, "id", cp);
            else if (!text_at(award, "id").empty()) put_text(out, f->name.c_str(), award, "id", ap);
            else put_text(out, f->name.c_str(), o, "ocid", b);
        }
        put_text(out, "tender.id", tender, "id", tp);
        // The most specific title wins: the contract's, the award's, the tender's, the release's.
        put_text(out, "contract.title", o, "title", b);
        put_text(out, "contract.title", tender, "title", tp);
        put_text(out, "contract.title", award, "title", ap);
        put_text(out, "contract.title", contract, "title", cp);
        put_text(out, "contract.category", object_at(tender, "classification"), "id", tp + "/classification");
        put_text(out, "contract.buyer", object_at(o, "buyer"), "name", b + "/buyer");

        if (const Node* suppliers = array_at(award, "suppliers")) {
            if (suppliers->size() > 1) note(ap + "/suppliers", "the award names " + std::to_string(suppliers->size()) + " suppliers; the first is read");
            const Node* s = first_object(suppliers);
            put_text(out, "supplier.id", s, "id", ap + "/suppliers/0");
            put_text(out, "supplier.name", s, "name", ap + "/suppliers/0");
            // Size and VCSE status sit on the supplier's party (or, in some feeds, inline).
            std::string pp = b;
            const Node* details_owner = party(o, text_at(s, "id"), pp);
            if (!details_owner) { details_owner = s; pp = ap + "/suppliers/0"; }
            const Node* details = object_at(details_owner, "details");
            put_text(out, "supplier.scale", details, "scale", pp + "/details");
            put_yes_no(out, "supplier.vcse", details, "vcse", pp + "/details");
        }

        put_money(out, "contract.value", object_at(tender, "value"), tp + "/value");
        put_money(out, "contract.value", object_at(award, "value"), ap + "/value");
        put_money(out, "contract.value", object_at(contract, "value"), cp + "/value");

        put_date(out, "contract.start", object_at(tender, "contractPeriod"), "startDate", tp + "/contractPeriod");
        put_date(out, "contract.end", object_at(tender, "contractPeriod"), "endDate", tp + "/contractPeriod");
        put_date(out, "contract.start", object_at(award, "contractPeriod"), "startDate", ap + "/contractPeriod");
        put_date(out, "contract.end", object_at(award, "contractPeriod"), "endDate", ap + "/contractPeriod");
        put_date(out, "contract.start", object_at(contract, "period"), "startDate", cp + "/period");
        put_date(out, "contract.end", object_at(contract, "period"), "endDate", cp + "/period");

        const Node* suitability = object_at(tender, "suitability");
        put_yes_no(out, "tender.suitability.sme", suitability, "sme", tp + "/suitability");
        put_yes_no(out, "tender.suitability.vcse", suitability, "vcse", tp + "/suitability");
        put_weighting(out, tender, tp);
        return out;
    }

    // Releases of one ocid, oldest first; each later one overwrites what it states.
    void build(const std::string& ocid, Group& g) {  // moves the group's fields out
        Fields& merged = g.merged;
        const std::string& first_base = g.first_base;
        Contract c;
        // Dictionary order, so that the record reads the same whatever the JSON's key order.
        for (const FieldDef& f : fields_.all()) {
            auto it = merged.find(f.name);
            if (it == merged.end()) continue;
            Item& item = it->second;
            c.fields.set(f.id, Answer{std::move(item.value), std::move(item.raw), Provenance{file_.name, item.pointer}});
        }
        auto text_of = [&](const char* name) -> std::string {
            const FieldDef* f = fields_.find(name);
            const Answer* a = f ? c.fields.get(f->id) : nullptr;
            return a && a->value.is_valid() ? a->value.canonical() : std::string();
        };
        auto date_of = [&](const char* name) -> std::optional<Date> {
            const FieldDef* f = fields_.find(name);
            const Answer* a = f ? c.fields.get(f->id) : nullptr;
            if (a && a->value.is_valid() && a->value.type() == FieldType::Date) return a->value.as_date();
            return std::nullopt;
        };
        c.id = text_of("contract.id");
        if (c.id.empty()) c.id = ocid;
        c.tender_id = text_of("tender.id");
        c.title = text_of("contract.title");
        c.category = text_of("contract.category");
        c.supplier_id = text_of("supplier.id");
        c.supplier_name = text_of("supplier.name");
        c.start = date_of("contract.start");
        c.end = date_of("contract.end");
        if (!c.start || !c.end) {
            note(first_base, "the contract " + c.id + " has no " + (!c.start && !c.end ? std::string("contract period") : !c.start ? "start date" : "end date") +
                                 " in any of its " + std::to_string(g.releases) + " release(s)");
        }
        c.source_sha256 = file_.sha256;
        c.source_name = file_.name;
        result_.contracts.push_back(std::move(c));
    }

    const SourceFile& file_;
    const FieldDictionary& fields_;
    ImportResult& result_;
    std::unordered_map<std::string, Group> groups_;
    std::vector<std::string> ocids_;  ///< In order of first appearance.
    size_t release_count_ = 0;
};

// Parses one JSON text that starts on line `first_line` of the file.
// Poco's tokeniser feeding our tree. One serves every release of a file: constructing a
// parser per release cost more than parsing a small release.
class JsonParser {
public:
    JsonParser() : tree_(new TreeBuilder), parser_(tree_) {}
    Node parse(const std::string& text) {
        parser_.reset();
        tree_->reset();
        parser_.parse(text);
        return tree_->take();
    }

private:
    Poco::SharedPtr<TreeBuilder> tree_;
    Poco::JSON::Parser parser_;
};

Node parse_json(JsonParser& parser, std::string_view text, unsigned long first_line, const SourceFile& file) {
    try {
        return parser.parse(std::string(text));
    } catch (const Poco::Exception& e) {
        if (auto stop = SyntaxLocator(text).find()) {
            throw ImportError(file.name + " " + line_column(text, stop->offset, first_line), "is not valid JSON: " + stop->problem);
        }
        throw ImportError(file.name + " " + csv_locator(first_line, 1), "is not valid JSON: " + e.message());
    }
}

}  // namespace

bool looks_like_json(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    size_t i = 0;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) ++i;
    return i < bytes.size() && (bytes[i] == '{' || bytes[i] == '[');
}

ImportResult read_ocds(const SourceFile& file, const std::string& bytes, const FieldDictionary& fields) {
    std::string_view text(bytes);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    ImportResult result;
    OcdsReader reader(file, fields, result);
    JsonParser parser;

    // JSON Lines when the first non-blank line is a whole JSON value and more lines follow.
    size_t start = 0;
    while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
    const size_t eol = text.find('\n', start);
    bool lines = false;
    if (eol != std::string_view::npos && text.find_first_not_of(" \t\r\n", eol) != std::string_view::npos) {
        const std::string_view first = text.substr(start, eol - start);
        lines = !SyntaxLocator(first).find().has_value();
    }
    std::string key;
    std::vector<std::pair<size_t, size_t>> spans;
    if (!lines && SyntaxLocator(text).element_spans(key, spans)) {
        // A package: each release or record parsed on its own keeps memory to one release's
        // tree, and the allocator reuses it (a whole-package tree made parsing allocation-bound).
        result.format = "ocds json";
        unsigned long line = 1;
        size_t counted = 0;
        for (size_t k = 0; k < spans.size(); ++k) {
            const auto [begin, end] = spans[k];
            line += static_cast<unsigned long>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                                                          text.begin() + static_cast<std::ptrdiff_t>(begin), '\n'));
            counted = begin;
            // Poco parses objects and arrays only; a stray scalar is simply not a release.
            const bool container = text[begin] == '{' || text[begin] == '[';
            const Node& v = container ? parse_json(parser, text.substr(begin, end - begin), line, file) : Node();
            const std::string base = (key.empty() ? "" : "/" + key) + "/" + std::to_string(k);
            if (key == "records") reader.add_record(v, base);
            else if (key == "releases") reader.add_release(v, base);
            else reader.collect(v, base);
        }
    } else if (!lines) {
        result.format = "ocds json";
        reader.collect(parse_json(parser, text, 1, file), "");
    } else {
        result.format = "ocds json lines";
        unsigned long line_no = 1;
        size_t pos = 0;
        while (pos < text.size()) {
            size_t end = text.find('\n', pos);
            if (end == std::string_view::npos) end = text.size();
            const std::string_view line = text.substr(pos, end - pos);
            if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
                const std::string where = "line " + std::to_string(line_no);
                reader.collect(parse_json(parser, line, line_no, file), where + "#");
            }
            pos = end + 1;
            ++line_no;
        }
    }
    reader.finish();
    return result;
}

}  // namespace fairgate::importers
