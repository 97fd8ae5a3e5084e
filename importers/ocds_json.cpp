#include "importers/ocds_json.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Handler.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "importers/import_error.hpp"
#include "importers/text_encoding.hpp"
#include "model/service_area.hpp"
#include "model/value_parse.hpp"

namespace fairgate::importers {
namespace {

// ---- A small JSON tree ---------------------------------------------------------------------
// Poco's tokeniser fills it through a Handler. Poco's own tree (Var, Object, std::map per
// object) made reading allocation-bound at about half the speed the issue asks for, and so
// did a tree whose every node owned its strings and vectors. This one lives in a few buffers
// that the builder keeps from one release to the next, so that after the first release
// building a tree allocates nothing.

struct Node {
    enum class Kind : uint8_t { Null, Bool, Number, String, Object, Array };
    Kind kind = Kind::Null;
    bool boolean = false;
    uint32_t count = 0;  ///< Object members or array elements.
    double number = 0;
    std::string_view text;        ///< A string; a number or boolean as written; "" for null.
    std::string_view key;         ///< Its member name, when it is a member of an object.
    const Node* items = nullptr;  ///< The `count` members or elements, side by side.
    // Offsets into the builder's buffers, which may move while the text is parsed; the views
    // above are set from them once it has been.
    size_t text_at = 0, text_size = 0, key_at = 0, key_size = 0, items_at = 0;

    bool is_null() const { return kind == Kind::Null; }
    bool is_string() const { return kind == Kind::String; }
    bool is_number() const { return kind == Kind::Number; }
    bool is_bool() const { return kind == Kind::Bool; }
    bool has(std::string_view name) const { return find(name) != nullptr; }
    /// The member, or a null node when absent (or when this is not an object).
    const Node& get(std::string_view name) const {
        const Node* n = find(name);
        return n ? *n : null_node();
    }
    const Node& item(size_t i) const { return i < count ? items[i] : null_node(); }
    size_t size() const { return count; }

    static const Node& null_node() {
        static const Node null;
        return null;
    }

private:
    const Node* find(std::string_view name) const {
        if (kind != Kind::Object) return nullptr;
        for (size_t i = 0; i < count; ++i) {
            if (items[i].key == name) return &items[i];
        }
        return nullptr;
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
// with delivery addresses, contact points): their values are skipped, not built. (`planning` is
// read: a release with one and no award is a prospective tender, not a contract.)
bool unread_member(std::string_view key) {
    static constexpr std::string_view unread[] = {"documents", "items", "address", "contactPoint", "additionalClassifications",
                                                  "milestones", "identifier", "additionalIdentifiers", "amendments",
                                                  "implementation", "relatedProcesses", "tenderers", "bids", "tag"};
    for (std::string_view u : unread) {
        if (key == u) return true;
    }
    return false;
}

class TreeBuilder : public Poco::JSON::Handler {
public:
    /// Called with each element of a package's array (see stream()), its array's name
    /// ("releases", "records", or "" for a top-level array) and its index.
    using Element = std::function<void(const Node&, std::string_view, size_t)>;

    void reset() override {
        nodes_.clear();
        pending_.clear();
        open_.clear();
        chars_.clear();
        root_ = Node();
        name_at_ = name_size_ = 0;
        skip_ = 0;
        skip_next_ = false;
        package_level_ = 0;
        package_seen_ = false;
    }
    /// From the next parse on, the elements of the array a package is made of (the first
    /// "releases" or "records" array of a top-level object, or a top-level array) go to
    /// `element` one by one as each is complete, and are then forgotten: the tree holds one
    /// release at a time. Without `element`, every value is kept in the tree.
    void stream(Element element) { element_ = std::move(element); }
    /// Whether the last parse found such an array.
    bool streamed() const { return package_seen_; }
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
        name_at_ = store(k);  // the name of the value that follows
        name_size_ = k.size();
    }
    void null() override { add(Node()); }
    void value(int v) override { integer(v); }
    void value(unsigned v) override { integer(v); }
#if defined(POCO_HAVE_INT64)
    void value(Poco::Int64 v) override { integer(v); }
    void value(Poco::UInt64 v) override { integer(v); }
#endif
    void value(const std::string& v) override { add(scalar(Node::Kind::String, v)); }
    void value(double d) override {
        Node n = scalar(Node::Kind::Number, number_text(d));
        n.number = d;
        add(n);
    }
    void value(bool b) override {
        Node n = scalar(Node::Kind::Bool, b ? "true" : "false");
        n.boolean = b;
        add(n);
    }

    /// The value parsed last; it lives until the next reset().
    const Node& root() {
        for (Node& n : nodes_) resolve(n);
        resolve(root_);
        return root_;
    }

private:
    struct Open {  // a container whose end has not been reached
        Node::Kind kind;
        size_t first;  ///< Where its members or elements start in `pending_`.
        size_t name_at, name_size;
    };

    size_t store(std::string_view s) {
        const size_t at = chars_.size();
        chars_.append(s);
        return at;
    }
    Node scalar(Node::Kind kind, std::string_view text) {
        Node n;
        n.kind = kind;
        n.text_at = store(text);
        n.text_size = text.size();
        return n;
    }
    template <typename Int>
    void integer(Int v) {
        char buffer[24];
        const auto written = std::to_chars(buffer, buffer + sizeof buffer, v);
        Node n = scalar(Node::Kind::Number, std::string_view(buffer, static_cast<size_t>(written.ptr - buffer)));
        n.number = static_cast<double>(v);
        add(n);
    }
    void resolve(Node& n) {
        n.text = std::string_view(chars_.data() + n.text_at, n.text_size);
        n.key = std::string_view(chars_.data() + n.key_at, n.key_size);
        n.items = n.count ? nodes_.data() + n.items_at : nullptr;
    }

    // Skipping: `skip_` counts the containers open inside a skipped value.
    void open(Node::Kind kind) {
        if (skip_ || skip_next_) {
            ++skip_;
            skip_next_ = false;
            return;
        }
        if (element_ && !package_seen_ && kind == Node::Kind::Array) {
            const std::string_view name(chars_.data() + name_at_, name_size_);
            if (open_.empty() || (open_.size() == 1 && open_[0].kind == Node::Kind::Object && (name == "releases" || name == "records"))) {
                package_seen_ = true;
                package_key_.assign(open_.empty() ? std::string_view() : name);
                package_level_ = open_.size() + 1;
                elements_ = 0;
                nodes_mark_ = nodes_.size();
                chars_mark_ = chars_.size();
            }
        }
        open_.push_back(Open{kind, pending_.size(), name_at_, name_size_});
        name_at_ = name_size_ = 0;
    }
    // A container's members or elements move from `pending_` to `nodes_`, side by side.
    void close() {
        if (skip_) {
            --skip_;
            return;
        }
        if (open_.size() == package_level_) package_level_ = 0;  // the package's array ends
        const Open o = open_.back();
        open_.pop_back();
        Node n;
        n.kind = o.kind;
        n.key_at = o.name_at;
        n.key_size = o.name_size;
        n.items_at = nodes_.size();
        n.count = static_cast<uint32_t>(pending_.size() - o.first);
        nodes_.insert(nodes_.end(), pending_.begin() + static_cast<std::ptrdiff_t>(o.first), pending_.end());
        pending_.resize(o.first);
        place(n);
    }
    void add(Node n) {
        if (skip_) return;
        if (skip_next_) {  // a skipped member's scalar value
            skip_next_ = false;
            return;
        }
        n.key_at = name_at_;
        n.key_size = name_size_;
        name_at_ = name_size_ = 0;
        place(n);
    }
    void place(const Node& n) {
        if (package_level_ && open_.size() == package_level_) deliver(n);
        else if (open_.empty()) root_ = n;
        else pending_.push_back(n);
    }
    // An element of the package's array, complete: handed over, then its storage reused.
    void deliver(Node n) {
        for (size_t i = nodes_mark_; i < nodes_.size(); ++i) resolve(nodes_[i]);
        resolve(n);
        element_(n, package_key_, elements_++);
        nodes_.resize(nodes_mark_);
        chars_.resize(chars_mark_);
    }

    std::vector<Node> nodes_;    ///< Members and elements of closed containers.
    std::vector<Node> pending_;  ///< Members and elements of open containers, in order.
    std::vector<Open> open_;
    std::string chars_;          ///< Every string, name and number text of the value.
    Node root_;
    size_t name_at_ = 0, name_size_ = 0;
    unsigned skip_ = 0;
    bool skip_next_ = false;  ///< The next value belongs to an unread member.
    // Streaming a package: its array is open_[package_level_ - 1] while being parsed; what
    // `nodes_` and `chars_` hold below the marks (the members before it) is kept.
    Element element_;
    bool package_seen_ = false;
    size_t package_level_ = 0;
    std::string package_key_;
    size_t elements_ = 0, nodes_mark_ = 0, chars_mark_ = 0;
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

std::string_view string_at(const Node* o, const char* key) {
    if (!o) return {};
    const Node& v = o->get(key);
    return v.is_string() ? v.text : std::string_view();
}
std::string text(const Node& v) { return v.is_string() ? std::string(v.text) : std::string(); }
std::string text_at(const Node* o, const char* key) { return std::string(string_at(o, key)); }

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
std::optional<Stamp> parse_stamp(std::string_view s) {
    if (s.size() < 10) return std::nullopt;
    auto d = Date::parse_iso(s.substr(0, 10));
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

// The fields a release is read into, so that each release's and contract's fields are an
// array rather than a map by name; the FieldDefs are looked up once, not per value.
enum Slot : uint8_t {
    ContractId, TenderId, ContractTitle, ContractCategory, ContractBuyer, SupplierId, SupplierName, SupplierScale,
    SupplierVcse, ContractValue, ContractStart, ContractEnd, SuitabilitySme, SuitabilityVcse, SocialValueWeighting,
    TenderClosing, TenderProcedure, TenderLots, kSlots
};
// The role of the field each slot fills: the rulebook says which of its fields that is.
constexpr FieldRole kSlotRoles[kSlots] = {
    FieldRole::ContractId,    FieldRole::TenderId,       FieldRole::ContractTitle,       FieldRole::ContractCategory,
    FieldRole::ContractBuyer, FieldRole::SupplierId,     FieldRole::SupplierName,        FieldRole::SupplierScale,
    FieldRole::SupplierVcse,  FieldRole::ContractValue,  FieldRole::ContractStart,       FieldRole::ContractEnd,
    FieldRole::SuitabilitySme, FieldRole::SuitabilityVcse, FieldRole::SocialValueWeighting, FieldRole::TenderClosingDate,
    FieldRole::TenderProcedure, FieldRole::TenderLots};

// Where a value sits: its release's locator, `head`, "/index" when there is one, `tail`, and
// "/name" when there is one ("/releases/3" "/parties" "/1" "/details" "/scale"). Kept as
// pieces (all but the release are literals) so that a JSON pointer is written out only for a
// note or a value that wins; many values lose to a later release of their contract.
struct Place {
    static constexpr size_t kNoIndex = static_cast<size_t>(-1);

    size_t release = 0;  ///< Index of the release among those read.
    const char* head = "";
    size_t index = kNoIndex;
    const char* tail = "";
    const char* name = "";

    Place() = default;
    Place(size_t release_, const char* head_, size_t index_ = kNoIndex, const char* tail_ = "")
        : release(release_), head(head_), index(index_), tail(tail_) {}
    Place member(const char* member_name) const {
        Place p = *this;
        p.name = member_name;
        return p;
    }
};

struct Item {
    Value value;
    std::string raw;
    Place place;  ///< Its release also decides "later wins" (OcdsReader::later).
};

// One release's fields, a slot each; `stated` says which the release has.
struct Fields {
    std::array<Item, kSlots> items;
    std::array<bool, kSlots> stated{};
};

// The releases of one ocid, merged as they arrive: each release is reduced to its fields as
// soon as it is parsed, and each field keeps the answer of the latest release stating it, so
// a big package holds one release's JSON tree and one set of fields per contract at a time.
struct Group {
    size_t first_release = 0;  ///< Its first release, whose locator notes name: "/releases/3" or "line 4#".
    size_t releases = 0;
    std::vector<std::pair<Slot, Item>> merged;  ///< Only the slots some release stated.
    bool tendered = false;  ///< Some release has a `tender` or `planning` (a prospective tender).
    bool awarded = false;   ///< Some release has an award or a contract: a contract, not a tender.
};

class OcdsReader {
public:
    OcdsReader(const SourceFile& file, const FieldDictionary& fields, ImportResult& result)
        : file_(file), fields_(fields), result_(result) {
        for (size_t s = 0; s < kSlots; ++s) {
            defs_[s] = fields_.find(kSlotRoles[s]);
            if (defs_[s]) dictionary_order_.push_back(static_cast<Slot>(s));
        }
        for (const FieldDef& f : fields_.all()) {
            if (f.unpublished_by("ocds")) unpublished_.push_back(&f);
        }
        std::sort(dictionary_order_.begin(), dictionary_order_.end(), [&](Slot a, Slot b) { return defs_[a]->id < defs_[b]->id; });
    }

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

    /// Whether any release was read (finish() throws when none was).
    bool found() const { return !contracts_.empty(); }

    void finish() {
        if (contracts_.empty()) throw ImportError(file_.name, "is JSON but holds no OCDS release (no \"releases\", \"records\" or \"ocid\")");
        // Contracts in the file's order of first appearance.
        result_.contracts.reserve(result_.contracts.size() + contracts_.size());
        for (auto* contract : contracts_) build(contract->first, contract->second);
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

    std::string_view base_of(size_t release) const {
        const size_t begin = release ? base_ends_[release - 1] : 0;
        return std::string_view(bases_).substr(begin, base_ends_[release] - begin);
    }
    void write_place(std::string& out, const Place& p) const {
        out.assign(base_of(p.release));
        out += p.head;
        if (p.index != Place::kNoIndex) {
            out += '/';
            out += std::to_string(p.index);
        }
        out += p.tail;
        if (*p.name) {
            out += '/';
            out += p.name;
        }
    }
    std::string where(const Place& p) const {
        std::string s;
        write_place(s, p);
        return s;
    }
    // Releases by date (lowest() when undated, so that any dated release wins over it), then
    // by their place in the file.
    bool later(const Place& a, const Place& b) const {
        const double ia = instants_[a.release], ib = instants_[b.release];
        return ia != ib ? ia > ib : a.release > b.release;
    }

public:
    void add_release(const Node& v, const std::string& base) {
        const Node* o = as_object(v);
        if (!o) { note(base, "the release is not an object; it was not read"); return; }
        const std::string_view ocid = string_at(o, "ocid");
        if (ocid.empty()) { note(base + "/ocid", "the release has no ocid, so it cannot be matched to a contract; it was not read"); return; }
        const std::string_view date = string_at(o, "date");
        std::optional<Stamp> when;
        if (!date.empty()) when = parse_stamp(date);
        if (when && !when->standard) note(base + "/date", "the release date '" + std::string(date) + "' has no time zone; it is ordered as UTC");
        if (!when) {
            note(base + "/date", (date.empty() ? std::string("the release has no date") : "the release date '" + std::string(date) + "' is not an ISO 8601 date-time") +
                                     "; what the dated releases of its contract say wins over it");
        }
        const size_t r = base_ends_.size();
        bases_ += base;
        base_ends_.push_back(bases_.size());
        instants_.push_back(when ? when->instant : std::numeric_limits<double>::lowest());
        ocid_.assign(ocid);  // a key to look up without allocating, for releases of a known ocid
        auto at = groups_.find(ocid_);
        const bool fresh = at == groups_.end();
        if (fresh) at = groups_.emplace(ocid_, Group()).first;
        Group& g = at->second;
        if (fresh) {
            contracts_.push_back(&*at);
            g.first_release = r;
        }
        ++g.releases;
        g.tendered |= object_at(o, "tender") != nullptr || object_at(o, "planning") != nullptr;
        for (const char* stage : {"awards", "contracts"}) {
            const Node* a = array_at(o, stage);
            g.awarded |= a && a->size() > 0;
        }
        map_release(o, r);
        auto merged = [&](size_t s) {
            return std::find_if(g.merged.begin(), g.merged.end(), [&](const auto& m) { return m.first == s; });
        };
        size_t fresh_slots = 0;
        for (size_t s = 0; s < kSlots; ++s) {
            if (release_.stated[s] && merged(s) == g.merged.end()) ++fresh_slots;
        }
        g.merged.reserve(g.merged.size() + fresh_slots);  // one allocation, not one per doubling
        for (size_t s = 0; s < kSlots; ++s) {
            if (!release_.stated[s]) continue;
            Item& item = release_.items[s];
            auto it = merged(s);
            if (it == g.merged.end()) g.merged.emplace_back(static_cast<Slot>(s), std::move(item));
            else if (later(item.place, it->second.place)) it->second = std::move(item);
        }
    }

private:

    // ---- mapping ----


    void put(Slot slot, Value value, std::string raw, const Place& place) {
        Item& item = release_.items[slot];
        // The text as written is kept only where the value cannot give it back (Answer::typed):
        // a package's titles and names are most of what its contracts hold.
        Answer compact = Answer::read(std::move(value), raw, Provenance());
        item.value = std::move(compact.value);
        item.raw = std::move(compact.raw);
        item.place = place;
        release_.stated[slot] = true;
    }

    void put_text(Slot slot, const Node* o, const char* key, const Place& at) {
        const FieldDef* f = defs_[slot];
        if (!f || !o) return;
        const Node& v = o->get(key);
        if (v.is_null()) return;
        std::string s(v.text);
        if (trim(s).empty()) return;
        const Place p = at.member(key);
        if (repair_mojibake(s)) note(where(p), "the text was double-encoded (mojibake such as 'Â£'); it was repaired to '" + s + "'");
        Value value = f->type == FieldType::Text ? Value::text(std::string(trim(s))) : parse_value(*f, s);
        if (value.is_invalid()) {
            note(where(p), "the value of " + f->name + " ('" + s + "') cannot be read: " + value.invalid_reason() + "; it is kept as written");
        }
        put(slot, std::move(value), std::move(s), p);
    }

    void put_yes_no(Slot slot, const Node* o, const char* key, const Place& at) {
        const FieldDef* f = defs_[slot];
        if (!f || !o || !o->has(key)) return;
        const Node& v = o->get(key);
        if (v.is_null()) return;  // null: not stated
        const Place p = at.member(key);
        if (v.is_bool() && f->type == FieldType::YesNo) {
            const bool b = v.boolean;
            put(slot, Value::yes_no(b), b ? "true" : "false", p);
            return;
        }
        const std::string s(v.text);
        note(where(p), "the flag is written as " + std::string(v.is_string() ? "text" : "a number") + " ('" + s + "') rather than true or false");
        put(slot, parse_value(*f, s), s, p);
    }

    void put_date(Slot slot, const Node* period, const char* key, const Place& at) {
        const FieldDef* f = defs_[slot];
        if (!f || !period) return;
        const Node& v = period->get(key);
        if (v.is_null()) return;
        const std::string s(v.text);
        const Place p = at.member(key);
        if (auto st = parse_stamp(s); st && f->type == FieldType::Date) {
            if (!st->standard) {
                note(where(p), "the date '" + s + "' " + (s.size() == 10 ? "has no time (OCDS dates are date-times)" : "has no time zone") +
                                   "; read as " + st->date.iso());
            }
            put(slot, Value::date(st->date), s, p);
            return;
        }
        Value value = parse_value(*f, s);
        note(where(p), value.is_valid() ? "the date '" + s + "' is not ISO 8601; read as " + value.display()
                                        : "the date '" + s + "' cannot be read; it is kept as written");
        put(slot, std::move(value), s, p);
    }

    // A value object {"amount": ..., "currency": "GBP"}: the amount in pounds.
    void put_money(Slot slot, const Node* value, const Place& at) {
        const FieldDef* f = defs_[slot];
        if (!f || !value || !value->has("amount")) return;
        const Node& amount = value->get("amount");
        if (amount.is_null()) return;
        const Place p = at.member("amount");
        const std::string currency = text_at(value, "currency");
        Value v;
        std::string raw(amount.text);
        if (amount.is_number()) {
            v = value_from_number(*f, amount.number);
        } else {
            v = parse_value(*f, raw);
            note(where(p), "the amount is written as text ('" + raw + "')" + (v.is_valid() ? "; read as " + v.display() : "; it cannot be read"));
        }
        if (currency.empty()) {
            note(where(at), "the value has no currency; read as pounds");
        } else if (currency != "GBP") {
            v = Value::invalid(f->type, raw + " " + currency, "the value is in " + currency + ", not pounds");
            note(where(p), "the value " + raw + " is in " + currency + ", not pounds; it is kept as written");
        }
        put(slot, std::move(v), std::move(raw), p);
    }

    void put_weighting(const Node* tender, size_t r) {
        const FieldDef* f = defs_[SocialValueWeighting];
        if (!f || !tender) return;
        auto from_text = [&](const std::string& s, const Place& p) {
            if (auto pct = social_value_percent(s)) {
                put(SocialValueWeighting, parse_value(*f, *pct), s, p);
                return true;
            }
            return false;
        };
        if (from_text(text_at(tender, "awardCriteriaDetails"), Place(r, "/tender/awardCriteriaDetails"))) return;
        const Node& ac = tender->get("awardCriteria");
        if (ac.is_string() && from_text(text(ac), Place(r, "/tender/awardCriteria"))) return;
        // The award criteria breakdown extension: criteria with a name and a weight.
        const Node* criteria = array_at(as_object(ac), "criteria");
        const char* head = "/tender/awardCriteria/criteria";
        if (!criteria) { criteria = array_at(tender, "criteria"); head = "/tender/criteria"; }
        if (!criteria) return;
        for (unsigned i = 0; i < criteria->size(); ++i) {
            const Node* c = as_object(criteria->item(i));
            if (!c) continue;
            const Place p(r, head, i);
            const std::string label = text_at(c, "name") + " " + text_at(c, "description") + " " + text_at(c, "title");
            if (lower(label).find("social value") == std::string::npos) continue;
            for (const char* key : {"weight", "weighting"}) {
                const Node& w = c->get(key);
                if (w.is_number()) {
                    put(SocialValueWeighting, value_from_number(*f, w.number), std::string(w.text), p.member(key));
                    return;
                }
                if (w.is_string()) {
                    put(SocialValueWeighting, parse_value(*f, text(w)), text(w), p.member(key));
                    return;
                }
            }
            if (const Node* n = first_object(array_at(c, "numbers")); n && n->get("number").is_number()) {
                const Node& w = n->get("number");
                put(SocialValueWeighting, value_from_number(*f, w.number), std::string(w.text), Place(r, head, i, "/numbers/0/number"));
                return;
            }
            if (from_text(label, p)) return;
        }
    }

    // The party whose id is `id`, and its index in the release's parties.
    const Node* party(const Node* release, std::string_view id, size_t& index) {
        const Node* parties = array_at(release, "parties");
        if (!parties || id.empty()) return {};
        for (unsigned i = 0; i < parties->size(); ++i) {
            const Node* p = as_object(parties->item(i));
            if (p && string_at(p, "id") == id) {
                index = i;
                return p;
            }
        }
        return {};
    }

    // Fills `release_` with release `r`'s fields.
    void map_release(const Node* o, size_t r) {
        release_.stated.fill(false);
        const Node* tender = object_at(o, "tender");
        const Node* award = first_object(array_at(o, "awards"));
        const Node* contract = first_object(array_at(o, "contracts"));
        const Place b(r, ""), tp(r, "/tender"), ap(r, "/awards/0"), cp(r, "/contracts/0");

        if (defs_[ContractId]) {
            if (!string_at(contract, "id").empty()) put_text(ContractId, contract, "id", cp);
            else if (!string_at(award, "id").empty()) put_text(ContractId, award, "id", ap);
            else put_text(ContractId, o, "ocid", b);
        }
        put_text(TenderId, tender, "id", tp);
        // The most specific title wins: the contract's, the award's, the tender's, the release's.
        put_text(ContractTitle, o, "title", b);
        put_text(ContractTitle, tender, "title", tp);
        put_text(ContractTitle, award, "title", ap);
        put_text(ContractTitle, contract, "title", cp);
        put_text(ContractCategory, object_at(tender, "classification"), "id", Place(r, "/tender/classification"));
        put_text(ContractBuyer, object_at(o, "buyer"), "name", Place(r, "/buyer"));

        if (const Node* suppliers = array_at(award, "suppliers")) {
            if (suppliers->size() > 1) note(where(Place(r, "/awards/0/suppliers")), "the award names " + std::to_string(suppliers->size()) + " suppliers; the first is read");
            const Node* s = first_object(suppliers);
            const Place sp(r, "/awards/0/suppliers/0");
            put_text(SupplierId, s, "id", sp);
            put_text(SupplierName, s, "name", sp);
            // Size and VCSE status sit on the supplier's party (or, in some feeds, inline).
            size_t party_index = 0;
            const Node* details_owner = party(o, string_at(s, "id"), party_index);
            Place dp(r, "/parties", party_index, "/details");
            if (!details_owner) { details_owner = s; dp = Place(r, "/awards/0/suppliers/0", Place::kNoIndex, "/details"); }
            const Node* details = object_at(details_owner, "details");
            put_text(SupplierScale, details, "scale", dp);
            put_yes_no(SupplierVcse, details, "vcse", dp);
        }

        put_money(ContractValue, object_at(tender, "value"), Place(r, "/tender/value"));
        put_money(ContractValue, object_at(award, "value"), Place(r, "/awards/0/value"));
        put_money(ContractValue, object_at(contract, "value"), Place(r, "/contracts/0/value"));

        put_date(ContractStart, object_at(tender, "contractPeriod"), "startDate", Place(r, "/tender/contractPeriod"));
        put_date(ContractEnd, object_at(tender, "contractPeriod"), "endDate", Place(r, "/tender/contractPeriod"));
        put_date(ContractStart, object_at(award, "contractPeriod"), "startDate", Place(r, "/awards/0/contractPeriod"));
        put_date(ContractEnd, object_at(award, "contractPeriod"), "endDate", Place(r, "/awards/0/contractPeriod"));
        put_date(ContractStart, object_at(contract, "period"), "startDate", Place(r, "/contracts/0/period"));
        put_date(ContractEnd, object_at(contract, "period"), "endDate", Place(r, "/contracts/0/period"));

        const Node* suitability = object_at(tender, "suitability");
        put_yes_no(SuitabilitySme, suitability, "sme", Place(r, "/tender/suitability"));
        put_yes_no(SuitabilityVcse, suitability, "vcse", Place(r, "/tender/suitability"));
        put_weighting(tender, r);

        put_date(TenderClosing, object_at(tender, "tenderPeriod"), "endDate", Place(r, "/tender/tenderPeriod"));
        // The procedure in words where the notice gives them ("Open procedure"), else its code.
        put_text(TenderProcedure, tender, "procurementMethod", tp);
        put_text(TenderProcedure, tender, "procurementMethodDetails", tp);
        if (const Node* lots = array_at(tender, "lots"); lots && defs_[TenderLots] && lots->size() > 0) {
            const auto n = static_cast<int64_t>(lots->size());
            put(TenderLots, defs_[TenderLots]->type == FieldType::Integer ? Value::integer(n) : parse_value(*defs_[TenderLots], std::to_string(n)),
                std::to_string(n), Place(r, "/tender/lots"));
        }
    }

    // Releases of one ocid, oldest first; each later one overwrites what it states. A process
    // with a tender or planning notice and no award yet is a Tender (its notice's facts: nothing
    // has been let, so nothing is a contract to monitor), otherwise a Contract.
    void build(const std::string& ocid, Group& g) {  // moves the group's fields out
        const bool before_award = g.tendered && !g.awarded;
        Contract c;
        FieldId last = 0;
        for (const auto& [slot, item] : g.merged) last = std::max(last, defs_[slot]->id);
        if (!g.merged.empty()) c.fields.reserve(g.merged.size(), last);  // one allocation, not one per doubling
        std::string pointer;
        // Dictionary order, so that the record reads the same whatever the JSON's key order.
        for (Slot slot : dictionary_order_) {
            auto it = std::find_if(g.merged.begin(), g.merged.end(), [&](const auto& m) { return m.first == slot; });
            if (it == g.merged.end()) continue;
            if (before_award && slot == ContractId) continue;  // the ocid, not a contract's reference
            Item& item = it->second;
            write_place(pointer, item.place);
            c.fields.set(defs_[slot]->id, Answer{std::move(item.value), std::move(item.raw), Provenance{file_.name, pointer}});
        }
        std::vector<std::pair<Slot, Item>>().swap(g.merged);  // its memory serves the next contracts
        // What the rulebook says a notice may not publish, and this one does not: "not
        // published", so that a rule needing it says so rather than calling it missing.
        if (!unpublished_.empty()) {
            // Cited to the record's first release: the notice the officer would open.
            const std::string where(base_of(g.first_release));
            for (const FieldDef* f : unpublished_)
                if (!c.fields.present(f->id)) c.fields.set(f->id, Answer{Value::not_published(f->type), {}, Provenance{file_.name, where}});
        }
        auto text_of = [&](Slot slot) -> std::string {
            const Answer* a = defs_[slot] ? c.fields.get(defs_[slot]->id) : nullptr;
            return a && a->value.is_valid() ? a->value.canonical() : std::string();
        };
        auto date_of = [&](Slot slot) -> std::optional<Date> {
            const Answer* a = defs_[slot] ? c.fields.get(defs_[slot]->id) : nullptr;
            if (a && a->value.is_valid() && a->value.type() == FieldType::Date) return a->value.as_date();
            return std::nullopt;
        };
        if (before_award) {
            Tender t;
            t.id = text_of(TenderId);
            if (t.id.empty()) t.id = ocid;
            t.title = text_of(ContractTitle);
            t.category = service_area(text_of(ContractCategory));
            t.fields = std::move(c.fields);
            t.source_sha256 = file_.sha256;
            t.source_name = file_.name;
            result_.tenders.push_back(std::move(t));
            return;
        }
        c.id = text_of(ContractId);
        if (c.id.empty()) c.id = ocid;
        c.tender_id = text_of(TenderId);
        c.title = text_of(ContractTitle);
        c.category = service_area(text_of(ContractCategory));
        c.supplier_id = text_of(SupplierId);
        c.supplier_name = text_of(SupplierName);
        c.start = date_of(ContractStart);
        c.end = date_of(ContractEnd);
        if (!c.start || !c.end) {
            note(std::string(base_of(g.first_release)),
                 "the contract " + c.id + " has no " + (!c.start && !c.end ? std::string("contract period") : !c.start ? "start date" : "end date") +
                     " in any of its " + std::to_string(g.releases) + " release(s)");
        }
        c.source_sha256 = file_.sha256;
        c.source_name = file_.name;
        result_.contracts.push_back(std::move(c));
    }

    const SourceFile& file_;
    const FieldDictionary& fields_;
    ImportResult& result_;
    std::array<const FieldDef*, kSlots> defs_{};  ///< nullptr where the dictionary lacks the field.
    std::vector<const FieldDef*> unpublished_;     ///< Fields the rulebook says OCDS may not publish.
    std::vector<Slot> dictionary_order_;           ///< The slots the dictionary has, by FieldId.
    Fields release_;                               ///< The release being read.
    std::unordered_map<std::string, Group> groups_;
    std::string ocid_;
    std::vector<std::pair<const std::string, Group>*> contracts_;  ///< Groups in order of first appearance.
    // Per release read: its locator ("/releases/3", "line 4#") as the end of its text in
    // `bases_`, and its date as an instant.
    std::string bases_;
    std::vector<size_t> base_ends_;
    std::vector<double> instants_;
};

// Parses one JSON text that starts on line `first_line` of the file.
// Poco's tokeniser feeding our tree. One serves every release of a file: constructing a
// parser per release cost more than parsing a small release.
class JsonParser {
public:
    JsonParser() : tree_(new TreeBuilder), parser_(tree_) {}
    /// The parsed value; it lives until the next parse.
    const Node& parse(std::string_view text) {
        text_.assign(text.data(), text.size());  // Poco reads only a std::string; one buffer serves every release
        parser_.reset();
        tree_->reset();
        parser_.parse(text_);
        return tree_->root();
    }
    /// Parses `text` whole, handing a package's elements to `element` as they complete (see
    /// TreeBuilder::stream); the value returned lacks them. Sets `package` when the text has
    /// such an array (even an empty one).
    const Node& parse_package(const std::string& text, TreeBuilder::Element element, bool& package) {
        parser_.reset();
        tree_->reset();
        tree_->stream(std::move(element));
        try {
            parser_.parse(text);
        } catch (...) {
            tree_->stream(nullptr);
            throw;
        }
        tree_->stream(nullptr);
        package = tree_->streamed();
        return tree_->root();
    }

private:
    Poco::SharedPtr<TreeBuilder> tree_;
    Poco::JSON::Parser parser_;
    std::string text_;
};

const Node& parse_json(JsonParser& parser, std::string_view text, unsigned long first_line, const SourceFile& file) {
    try {
        return parser.parse(text);
    } catch (const Poco::Exception& e) {
        if (auto stop = SyntaxLocator(text).find()) {
            throw ImportError(file.name + " " + line_column(text, stop->offset, first_line), "is not valid JSON: " + stop->problem);
        }
        throw ImportError(file.name + " " + csv_locator(first_line, 1), "is not valid JSON: " + e.message());
    }
}

// One element of a package: the `k`th of its "releases" or "records" array, or of a
// top-level array (`key` "").
void read_element(OcdsReader& reader, const Node& v, std::string_view key, size_t k, std::string& base) {
    base.clear();
    if (!key.empty()) base.append("/").append(key);
    base.append("/").append(std::to_string(k));
    if (key == "records") reader.add_record(v, base);
    else if (key == "releases") reader.add_release(v, base);
    else reader.collect(v, base);
}

}  // namespace

bool looks_like_json(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    size_t i = 0;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) ++i;
    return i < bytes.size() && (bytes[i] == '{' || bytes[i] == '[');
}

ImportResult read_ocds(const SourceFile& file, std::string bytes, const FieldDictionary& fields) {
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
    if (!lines && text.size() == bytes.size()) {
        // One pass: Poco reads the whole text as it is, and each release (or record) is read
        // as soon as it has been parsed. This costs no copy of the text and no pass of our own
        // recogniser over it. Anything unusual (text Poco refuses, a release that cannot be
        // read, two "releases" or "records" members) is read again below, the slower way
        // that names problems precisely, so that the outcome is the same either way.
        ImportResult streamed;
        try {
            OcdsReader fast(file, fields, streamed);
            std::string base;
            bool package = false;
            const Node& root = parser.parse_package(
                bytes, [&](const Node& v, std::string_view key, size_t k) { read_element(fast, v, key, k, base); }, package);
            size_t package_members = 0;
            for (size_t i = 0; root.kind == Node::Kind::Object && i < root.size(); ++i) {
                if (root.item(i).key == "releases" || root.item(i).key == "records") ++package_members;
            }
            if (!package || root.kind != Node::Kind::Object || package_members == 1) {
                if (!package) fast.collect(root, "");
                if (fast.found()) std::string().swap(bytes);  // what was read is in the fields now
                fast.finish();
                streamed.format = "ocds json";
                return streamed;
            }
        } catch (const Poco::Exception&) {
        } catch (const ImportError&) {
        }
    }
    std::string key;
    std::vector<std::pair<size_t, size_t>> spans;
    if (!lines && SyntaxLocator(text).element_spans(key, spans)) {
        // A package: each release or record parsed on its own keeps memory to one release's
        // tree, and the allocator reuses it (a whole-package tree made parsing allocation-bound).
        result.format = "ocds json";
        unsigned long line = 1;
        size_t counted = 0;
        std::string base;
        for (size_t k = 0; k < spans.size(); ++k) {
            const auto [begin, end] = spans[k];
            line += static_cast<unsigned long>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                                                          text.begin() + static_cast<std::ptrdiff_t>(begin), '\n'));
            counted = begin;
            // Poco parses objects and arrays only; a stray scalar is simply not a release.
            const bool container = text[begin] == '{' || text[begin] == '[';
            const Node& v = container ? parse_json(parser, text.substr(begin, end - begin), line, file) : Node::null_node();
            read_element(reader, v, key, k, base);
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
    std::string().swap(bytes);
    reader.finish();
    return result;
}

}  // namespace fairgate::importers
