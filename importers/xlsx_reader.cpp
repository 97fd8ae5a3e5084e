#include "importers/xlsx_reader.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <cstdlib>
#include <map>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "importers/form_layout.hpp"
#include "importers/held_cells.hpp"
#include "importers/text_encoding.hpp"
#include "importers/zip_package.hpp"

namespace fairgate::importers {
namespace {


// Element names without a namespace prefix ("x:row" -> "row"): some writers prefix them.
const char* local_name(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}

bool is(const pugi::xml_node& n, const char* name) { return std::strcmp(local_name(n), name) == 0; }

pugi::xml_node child(const pugi::xml_node& parent, const char* name) {
    for (pugi::xml_node c : parent.children()) {
        if (c.type() == pugi::node_element && is(c, name)) return c;
    }
    return {};
}

// Attributes may carry a prefix too ("r:id").
pugi::xml_attribute attribute(const pugi::xml_node& n, const char* name) {
    for (pugi::xml_attribute a : n.attributes()) {
        const char* an = a.name();
        const char* colon = std::strrchr(an, ':');
        if (std::strcmp(colon ? colon + 1 : an, name) == 0) return a;
    }
    return {};
}

// memmem, far faster than std::string_view::find for a needle whose first letter is common.
bool contains(std::string_view text, std::string_view needle) {
    return memmem(text.data(), text.size(), needle.data(), needle.size()) != nullptr;
}

// Looks for short markers in text that comes a piece at a time, so that a marker cut in two
// between pieces is found too: it keeps the end of the last piece.
class PieceSearch {
public:
    /// `longest`: the length of the longest marker looked for.
    explicit PieceSearch(size_t longest) : keep_(longest - 1) {}

    /// Whether `marker` is in `piece` or across its start and the end of the piece before.
    bool found(std::string_view piece, std::string_view marker) const {
        if (contains(piece, marker)) return true;
        std::string across = seam_;
        across.append(piece.substr(0, keep_));
        return contains(across, marker);
    }
    /// Done with `piece`: the next one follows it.
    void next(std::string_view piece) {
        if (piece.size() >= keep_) {
            seam_.assign(piece.substr(piece.size() - keep_));
        } else {
            seam_.append(piece);
            if (seam_.size() > keep_) seam_.erase(0, seam_.size() - keep_);
        }
    }

private:
    size_t keep_;
    std::string seam_;
};

// Where `needle` first occurs in `text` from `from` on outside comments, CDATA sections and
// processing instructions (which could hide it), `text` starting outside them; npos if none.
size_t find_outside_markup(std::string_view text, std::string_view needle, size_t from) {
    if (text.find("<!") == std::string_view::npos && text.find("<?") == std::string_view::npos) return text.find(needle, from);
    for (size_t i = 0; i < text.size();) {
        if (text.compare(i, 4, "<!--") == 0) {
            const size_t e = text.find("-->", i + 4);
            if (e == std::string_view::npos) return std::string_view::npos;
            i = e + 3;
        } else if (text.compare(i, 9, "<![CDATA[") == 0) {
            const size_t e = text.find("]]>", i + 9);
            if (e == std::string_view::npos) return std::string_view::npos;
            i = e + 3;
        } else if (text.compare(i, 2, "<?") == 0) {
            const size_t e = text.find("?>", i + 2);
            if (e == std::string_view::npos) return std::string_view::npos;
            i = e + 2;
        } else {
            if (i >= from && text.compare(i, needle.size(), needle) == 0) return i;
            ++i;
        }
    }
    return std::string_view::npos;
}

// FormHeadingWords for XML text fed a piece at a time: only the text outside tags counts, with
// character references decoded. False means no text of the sheet could start with "question",
// or with "evidence" or "comment".
class HeadingWords {
public:
    void feed(std::string_view xml) {
        for (const char ch : xml) {
            if (in_tag_) {
                in_tag_ = ch != '>';
                continue;
            }
            if (ch == '<') {
                in_tag_ = true;
                continue;
            }
            if (in_ref_) {
                if (ch == ';') {
                    in_ref_ = false;
                    letter(reference_value());
                } else if (ref_.size() < 12) {
                    ref_.push_back(ch);
                }
                continue;
            }
            if (ch == '&') {
                in_ref_ = true;
                ref_.clear();
                continue;
            }
            letter(static_cast<unsigned char>(ch));
        }
    }
    bool question() const { return words_.question(); }
    bool evidence() const { return words_.evidence(); }

private:
    // "#113" or "#x71": the character if it is ASCII, else 0x80 (a letter that matches no
    // word); a named reference (&amp;) is no letter.
    unsigned char reference_value() const {
        if (ref_.size() < 2 || ref_[0] != '#') return 0;
        const bool hex = ref_[1] == 'x' || ref_[1] == 'X';
        unsigned long v = std::strtoul(ref_.c_str() + (hex ? 2 : 1), nullptr, hex ? 16 : 10);
        return v < 0x80 ? static_cast<unsigned char>(v) : 0x80;
    }
    void letter(unsigned char c) { words_.feed(c); }

    FormHeadingWords words_;
    bool in_tag_ = false, in_ref_ = false;
    std::string ref_;
};

}  // namespace

struct XlsxWorkbook::Impl {
    Impl(const std::string& file, std::string bytes, const ImportLimits& limits)
        : file_(file),
          zip_(open(file, std::move(bytes), limits)),
          max_text_(limits.max_field_bytes),
          max_row_text_(limits.max_record_bytes),
          held_(limits) {
        find_workbook_part();
        pugi::xml_document workbook;
        parse(workbook_part_, workbook, true);
        const pugi::xml_node root = workbook.document_element();
        if (pugi::xml_node pr = child(root, "workbookPr")) {
            const std::string v = pr.attribute("date1904").value();
            date1904_ = v == "1" || v == "true";
        }
        read_relationships();
        read_shared_strings();
        read_styles();
        for (pugi::xml_node sheet : child(root, "sheets").children()) {
            if (!is(sheet, "sheet")) continue;
            const std::string name = sheet.attribute("name").value();
            const std::string rel = attribute(sheet, "id").value();
            auto target = relationships_.find(rel);
            if (target == relationships_.end()) damaged("the worksheet '" + name + "' has no part");
            sheets_.push_back({name, target->second});
        }
        if (sheets_.empty()) damaged("the workbook has no worksheets");
    }

    struct Sheet {
        std::string name;
        std::string part;
    };

    Grid grid_for(size_t sheet) const {
        Grid g;
        g.file = file_;
        g.sheet = sheets_.at(sheet).name;
        g.date1904 = date1904_;
        return g;
    }

    Grid read_sheet(size_t sheet) {
        Grid g = grid_for(sheet);
        read_rows(sheet, /*held=*/true, [&](size_t r, CellRow& cells) {
            if (cells.empty()) return;  // adds nothing
            held_.add(cells, [&] { return file_ + "!" + g.sheet + " row " + std::to_string(r + 1); });
            CellRow& row = g.rows.row(r);
            if (row.empty()) row = std::move(cells);
            else row.merge(cells);  // the same row twice: its cells join the row's (a later cell wins)
        });
        g.rows.settle();  // rows listed out of order
        return g;
    }

    // `held`: the caller keeps every row (read_sheet), which counts towards the held limit.
    void read_rows(size_t sheet, bool held, const SheetRowSink& sink) {
        const std::string& part = sheets_.at(sheet).part;
        SheetRows rows(*this, part, sink);
        pieces(part, held, [&](std::string_view piece) { rows.feed(piece); });
        rows.finish();
    }

    SheetSurvey survey(size_t sheet) {
        SheetSurvey out;
        out.head = grid_for(sheet);
        const std::string& part = sheets_.at(sheet).part;
        bool found = false;
        SheetRows rows(*this, part, [&](size_t r, CellRow& cells) {
            if (found || cells.empty()) return;
            out.head.rows.row(r) = cells;
            found = std::any_of(cells.begin(), cells.end(), [](const CellRow::Entry& e) { return !e.cell.blank(); });
        });
        // Only the sheet's own text can add to the shared strings' labels: inline strings and
        // formula results, whose cells say t="inlineStr" or t="str".
        HeadingWords words;
        bool text = false;
        PieceSearch marker(3);
        pieces(part, false, [&](std::string_view piece) {
            if (!found) rows.feed(piece);
            if (!text) {
                text = marker.found(piece, "str") || marker.found(piece, "Str");
                marker.next(piece);
            }
            if (text) words.feed(piece);
        });
        if (!found) rows.finish();
        out.blank = !found;
        out.head.rows.settle();
        if (!found) out.head.rows.clear();
        else {
            // Keep the head to the first non-blank row (a row out of order may have joined it).
            while (!out.head.rows.empty() && out.head.blank_row(out.head.rows.size() - 1)) out.head.rows.pop_back();
        }
        out.may_hold_form_heading = (shared_roles_.ref || text) && (shared_roles_.question || words.question()) &&
                                    (shared_roles_.response || text) && (shared_roles_.evidence || words.evidence());
        return out;
    }

    // The part's XML a piece at a time, refused when it declares a DOCTYPE.
    void pieces(const std::string& part, bool held, const std::function<void(std::string_view)>& take) {
        constexpr std::string_view kDoctype = "<!DOCTYPE";
        PieceSearch doctype_search(kDoctype.size());
        try {
            zip_.read_pieces(part, [&](std::string_view piece) {
                if (doctype_search.found(piece, kDoctype)) doctype(part);
                doctype_search.next(piece);
                take(piece);
            }, held);
        } catch (const ZipProblem& p) {
            zip_problem(p);
        }
    }

    // A part's XML, fed a piece at a time: the children of one element (`container`: a sheet's
    // rows in <sheetData>, the strings of <sst>) are parsed a stretch at a time (about a
    // quarter of a megabyte of XML each) into one reused tree, handed to `each` wrapped in a bare
    // <container> element; the rest of the part is parsed too, with those children left out,
    // so that a part that is not well-formed is refused.
    class Stretches {
    public:
        using Each = std::function<void(const pugi::xml_node& container)>;
        Stretches(Impl& wb, const std::string& part, std::string container, std::string item, Each each)
            : wb_(wb), part_(part), container_(std::move(container)), item_(std::move(item)), each_(std::move(each)) {}

        void feed(std::string_view piece) {
            buf_.append(piece);
            if (state_ == State::Head) find_rows();
            if (state_ == State::Rows) parse_rows(false);
        }

        void finish() {
            if (state_ == State::Head) {  // no container: no children
                wb_.load(part_, doc_, buf_);
                return;
            }
            if (state_ == State::Rows) parse_rows(true);
            if (state_ == State::Rows) {
                wb_.damaged("the part " + part_ + " is not well-formed XML (its " + container_ + " element is never closed)");
            }
            head_ += buf_;  // the part without its rows
            wb_.load(part_, doc_, head_);
        }

    private:
        enum class State { Head, Rows, Tail };

        // The container's start tag ("<sheetData" or "<prefix:sheetData"), once it has come.
        void find_rows() {
            for (size_t at = buf_.find(container_); at != std::string::npos; at = buf_.find(container_, at + 1)) {
                size_t lt = at;
                while (lt > 0 && buf_[lt - 1] != '<' && buf_[lt - 1] != '>' && buf_[lt - 1] != ' ' && buf_[lt - 1] != '/') --lt;
                if (lt == 0 || buf_[lt - 1] != '<') continue;
                const std::string prefix = buf_.substr(lt, at - lt);
                if (!prefix.empty() && prefix.back() != ':') continue;
                const size_t after = at + container_.size();
                if (after >= buf_.size()) return;  // wait for what follows
                if (buf_[after] != '>' && buf_[after] != ' ' && buf_[after] != '/') continue;
                const size_t gt = buf_.find('>', after);
                if (gt == std::string::npos) return;
                if (buf_[gt - 1] == '/') {  // <sheetData/>: no children
                    head_ = std::move(buf_);
                    buf_.clear();
                    state_ = State::Tail;
                    return;
                }
                head_ = buf_.substr(0, gt + 1);
                buf_.erase(0, gt + 1);
                item_open_ = "<" + prefix + item_;
                open_ = "<" + prefix + container_ + ">";
                close_ = "</" + prefix + container_ + ">";
                state_ = State::Rows;
                return;
            }
        }

        // Where `needle` is in buf_ from `from` on, outside comments, CDATA and processing
        // instructions. Nearly every sheet has none of those among its rows: a plain search
        // then; once one is seen, every search walks the stretch from its start.
        size_t find(std::string_view needle, size_t from) {
            if (!markup_) {
                const size_t back = std::min(scanned_, size_t{1});  // "<!" cut between pieces
                const std::string_view fresh = std::string_view(buf_).substr(scanned_ - back);
                markup_ = fresh.find("<!") != std::string_view::npos || fresh.find("<?") != std::string_view::npos;
                scanned_ = buf_.size();
            }
            if (markup_) return find_outside_markup(buf_, needle, from);
            const void* hit = from < buf_.size() ? memmem(buf_.data() + from, buf_.size() - from, needle.data(), needle.size()) : nullptr;
            return hit ? static_cast<size_t>(static_cast<const char*>(hit) - buf_.data()) : std::string::npos;
        }

        void consume(size_t n) {
            buf_.erase(0, n);
            scanned_ = scanned_ > n ? scanned_ - n : 0;
            closed_from_ = 0;
        }

        // Parses whole stretches of rows; at the end of the rows the rest is the tail.
        void parse_rows(bool last) {
            // 256 KB of rows make a tree of about 2 MB (a megabyte made 9).
            constexpr size_t kStretch = 256 << 10;
            for (;;) {
                // Only the bytes not searched before (and the end of those, for a tag cut in two).
                const size_t close = find(close_, closed_from_);
                if (close != std::string::npos) {
                    parse(std::string_view(buf_).substr(0, close));
                    consume(close);
                    state_ = State::Tail;
                    return;
                }
                closed_from_ = buf_.size() > close_.size() ? buf_.size() - close_.size() : 0;
                if (buf_.size() <= kStretch && !last) return;
                const size_t cut = item_start(std::min(buf_.size(), kStretch));
                if (cut == std::string::npos) return;  // the row goes on in the next piece
                parse(std::string_view(buf_).substr(0, cut));
                consume(cut);
            }
        }

        // Where the first item (a row, a string) starting at or after `from` starts: its start
        // tag, "<row" then a space, '>' or '/'. Items never nest, and '<' cannot stand in text
        // or an attribute unescaped, so a stretch may end before any item, whether items end
        // with </row> or are empty (<row r="9"/>): cutting only after "</row>" kept a part of
        // empty items whole (20 million <si/> made one 1.3 GB tree).
        size_t item_start(size_t from) {
            for (size_t at = find(item_open_, from); at != std::string::npos; at = find(item_open_, at + 1)) {
                const size_t after = at + item_open_.size();
                if (after >= buf_.size()) return std::string::npos;  // wait for what follows
                const char c = buf_[after];
                if (c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n') return at;
            }
            return std::string::npos;
        }

        void parse(std::string_view rows) {
            if (rows.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
            stretch_.assign(open_).append(rows).append(close_);
            wb_.load(part_, doc_, stretch_);
            each_(doc_.document_element());
        }

        Impl& wb_;
        const std::string& part_;
        const std::string container_, item_;
        Each each_;
        State state_ = State::Head;
        std::string buf_, head_, stretch_;
        std::string item_open_, open_, close_;
        pugi::xml_document doc_;
        bool markup_ = false;     ///< A comment, CDATA or processing instruction among the rows.
        size_t scanned_ = 0;      ///< buf_ up to here has been looked at for markup.
        size_t closed_from_ = 0;  ///< The end of the rows is not in buf_ before here.
    };

    // A sheet's rows, each handed to the sink as its stretch is parsed (see Stretches).
    class SheetRows : public Stretches {
    public:
        SheetRows(Impl& wb, const std::string& part, SheetRowSink sink)
            : Stretches(wb, part, "sheetData", "row", [this, &wb, &part](const pugi::xml_node& data) {
                  next_row_ = wb.read_rows(data, part, sink_, cells_, next_row_);
              }),
              sink_(std::move(sink)) {}

    private:
        SheetRowSink sink_;
        CellRow cells_;
        size_t next_row_ = 0;
    };

    static ZipPackage open(const std::string& file, std::string bytes, const ImportLimits& limits) {
        try {
            return ZipPackage(std::move(bytes), limits.max_uncompressed_bytes, std::max(limits.max_streamed_bytes, limits.max_uncompressed_bytes),
                              limits.max_compression_ratio);
        } catch (const ZipProblem& p) {
            throw ImportError(file, unreadable_workbook(p.message));
        }
    }

    [[noreturn]] void damaged(const std::string& detail) const { throw ImportError(file_, unreadable_workbook(detail)); }

    [[noreturn]] void doctype(const std::string& part) const {
        throw ImportError(file_, "is refused: the part " + part + " declares a DOCTYPE, which no Excel workbook does");
    }

    [[noreturn]] void zip_problem(const ZipProblem& p) const {
        if (p.over_limit) throw ImportError(file_, "is refused as unsafe to open: " + p.message);
        damaged(p.message);
    }

    void parse(const std::string& name, pugi::xml_document& doc, bool required) {
        if (!zip_.has(name)) {
            if (required) damaged("the part " + name + " is missing");
            return;
        }
        const std::string xml = checked_entry(name);
        // A parsed tree costs several times its XML (a node of about 50 bytes for an element
        // of five, <xf/>): the parts parsed whole (the workbook, relationships, styles) are
        // small in any real workbook (Excel keeps at most 64,000 cell styles: a few MB).
        constexpr size_t kMaxWholePart = 32u << 20;
        if (xml.size() > kMaxWholePart) {
            throw ImportError(file_, "is refused as unsafe to open: the part " + name + " is " + std::to_string(xml.size()) +
                                         " bytes of XML, more than the limit of " + std::to_string(kMaxWholePart) +
                                         " bytes for it; no workbook's is that big");
        }
        load(name, doc, xml);
    }

    // The part's XML, refused when it declares a DOCTYPE.
    std::string checked_entry(const std::string& name) {
        std::string xml;
        try {
            xml = zip_.read(name);
        } catch (const ZipProblem& p) {
            zip_problem(p);
        }
        // A DOCTYPE is how entity-expansion attacks start; no Excel part carries one. Outside
        // comments and CDATA the text "<!DOCTYPE" can only be a declaration.
        if (xml.find("<!DOCTYPE") != std::string::npos) doctype(name);
        return xml;
    }

    void load(const std::string& name, pugi::xml_document& doc, std::string_view xml) {
        // ws_pcdata_single keeps a run that is only a space (<t xml:space="preserve"> </t>).
        const pugi::xml_parse_result ok = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
        if (!ok) damaged("the part " + name + " is not well-formed XML (" + ok.description() + ")");
    }

    // A part's folder ("xl/" for "xl/workbook.xml"; "" at the package root).
    static std::string folder_of(const std::string& part) {
        const size_t slash = part.rfind('/');
        return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
    }

    // The zip entry a relationship's Target names: from the package root when it starts with
    // '/', otherwise from the folder of the part the relationship belongs to, "." and ".."
    // resolved (ECMA-376 Part 2, 9.3: targets are URIs relative to their source part).
    static std::string resolve_target(const std::string& folder, const std::string& target) {
        const std::string path = !target.empty() && target.front() == '/' ? target.substr(1) : folder + target;
        std::vector<std::string> segments;
        size_t start = 0;
        for (size_t slash; start <= path.size(); start = slash + 1) {
            slash = path.find('/', start);
            if (slash == std::string::npos) slash = path.size();
            const std::string segment = path.substr(start, slash - start);
            if (segment == "..") {
                if (!segments.empty()) segments.pop_back();
            } else if (!segment.empty() && segment != ".") {
                segments.push_back(segment);
            }
        }
        std::string out;
        for (const std::string& segment : segments) out += (out.empty() ? "" : "/") + segment;
        return out;
    }

    // The relationships of `part` ("" for the package's own, _rels/.rels) by Id, with their
    // types, targets resolved; none when it has no relationships part. External targets (a
    // linked file, a web address) are no part of the package and are left out.
    struct Relationship {
        std::string type, target;
    };
    std::map<std::string, Relationship> relationships_of(const std::string& part, bool required) {
        const std::string folder = folder_of(part);
        const std::string name = part.substr(folder.size());
        const std::string rels_part = folder + "_rels/" + name + ".rels";
        std::map<std::string, Relationship> out;
        pugi::xml_document rels;
        parse(rels_part, rels, required);
        for (pugi::xml_node r : rels.document_element().children()) {
            if (!is(r, "Relationship") || std::string(r.attribute("TargetMode").value()) == "External") continue;
            out[r.attribute("Id").value()] = {r.attribute("Type").value(), resolve_target(folder, r.attribute("Target").value())};
        }
        return out;
    }

    // Whether a relationship type is `kind` (".../relationships/officeDocument"), in the
    // transitional or the strict namespace.
    static bool type_is(const std::string& type, const std::string& kind) {
        return type.size() > kind.size() && type.compare(type.size() - kind.size(), kind.size(), kind) == 0 &&
               type[type.size() - kind.size() - 1] == '/';
    }

    // The workbook part is the package's officeDocument relationship (where Excel puts it,
    // xl/workbook.xml, when the package has no relationships of its own).
    void find_workbook_part() {
        for (const auto& [id, r] : relationships_of("", false)) {
            if (type_is(r.type, "officeDocument") && zip_.has(r.target)) {
                workbook_part_ = r.target;
                return;
            }
        }
        workbook_part_ = "xl/workbook.xml";
    }

    // The workbook's relationships: its sheets by Id, and where its shared strings and styles
    // are (beside the workbook under their usual names when it names none).
    void read_relationships() {
        const std::string folder = folder_of(workbook_part_);
        shared_strings_part_ = folder + "sharedStrings.xml";
        styles_part_ = folder + "styles.xml";
        for (auto& [id, r] : relationships_of(workbook_part_, true)) {
            if (type_is(r.type, "sharedStrings")) shared_strings_part_ = r.target;
            else if (type_is(r.type, "styles")) styles_part_ = r.target;
            relationships_[id] = std::move(r.target);
        }
    }

    // Text of an <si> or <is>: a plain <t>, or rich text runs <r><t>; phonetic runs skipped.
    static std::string string_item(const pugi::xml_node& item) {
        std::string text;
        for (pugi::xml_node part : item.children()) {
            if (is(part, "t")) text += part.text().get();
            else if (is(part, "r")) {
                if (pugi::xml_node t = child(part, "t")) text += t.text().get();
            }
        }
        return unescape_xstring(text);
    }

    // Excel writes characters XML cannot hold, and carriage returns, as _xHHHH_ (ST_Xstring).
    static std::string unescape_xstring(const std::string& s) {
        if (s.find("_x") == std::string::npos) return s;
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s.compare(i, 2, "_x") == 0 && i + 7 <= s.size() && s[i + 6] == '_' &&
                std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i) + 2, s.begin() + static_cast<std::ptrdiff_t>(i) + 6,
                            [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
                append_utf8(out, static_cast<uint32_t>(std::stoul(s.substr(i + 2, 4), nullptr, 16)));
                i += 6;
                continue;
            }
            out.push_back(s[i]);
        }
        return out;
    }

    // Read a stretch at a time, as sheets are: a big table's shared strings, held whole as
    // XML and a tree, took more memory than everything else its import holds.
    void read_shared_strings() {
        const std::string& part = shared_strings_part_;
        if (!zip_.has(part)) return;
        Stretches strings(*this, part, "sst", "si", [this](const pugi::xml_node& sst) {
            for (pugi::xml_node si : sst.children()) {
                if (!is(si, "si")) continue;
                const std::string text = string_item(si);
                if (shared_text_.size() + text.size() > UINT32_MAX) damaged("its shared strings hold more than 4 GB of text");
                shared_text_ += text;
                shared_ends_.push_back(static_cast<uint32_t>(shared_text_.size()));
                shared_roles_.add(text);
            }
        });
        pieces(part, true, [&](std::string_view piece) { strings.feed(piece); });
        strings.finish();
    }

    void read_styles() {
        pugi::xml_document doc;
        parse(styles_part_, doc, false);
        if (!doc.document_element()) return;
        std::map<unsigned, std::string> custom;
        for (pugi::xml_node f : child(doc.document_element(), "numFmts").children()) {
            if (is(f, "numFmt")) custom[f.attribute("numFmtId").as_uint()] = f.attribute("formatCode").value();
        }
        for (pugi::xml_node xf : child(doc.document_element(), "cellXfs").children()) {
            if (!is(xf, "xf")) continue;
            const unsigned id = xf.attribute("numFmtId").as_uint();
            auto code = custom.find(id);
            formats_.push_back(classify_number_format(id, code == custom.end() ? std::string() : code->second));
        }
    }

    // "C14" -> 0-based (row 13, column 2); false if malformed.
    static bool parse_ref(const char* ref, size_t& row, size_t& column) {
        size_t col = 0, r = 0, i = 0;
        for (; std::isalpha(static_cast<unsigned char>(ref[i])); ++i) {
            col = col * 26 + static_cast<size_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
            if (col > 16384) return false;
        }
        if (i == 0) return false;
        const size_t digits = i;
        for (; std::isdigit(static_cast<unsigned char>(ref[i])); ++i) {
            r = r * 10 + static_cast<size_t>(ref[i] - '0');
            if (r > 1048576) return false;
        }
        if (ref[i] != '\0' || i == digits || r == 0) return false;
        row = r - 1;
        column = col - 1;
        return true;
    }

    // The rows under `data` (a <sheetData> element), each handed to `sink` with its cells
    // (`cells` is reused); a row without a number follows the row before, `next_row` (0-based)
    // being the one after it. A cell whose reference names another row is handed over as a
    // row of its own. Returns the new `next_row`.
    size_t read_rows(const pugi::xml_node& data, const std::string& part, const SheetRowSink& sink,
                     CellRow& cells, size_t next_row) {
        size_t last_count = 0;  // the cells of the row before: most rows of a sheet have as many
        for (pugi::xml_node row : data.children()) {
            if (!is(row, "row")) continue;
            size_t r = row.attribute("r") ? row.attribute("r").as_uint() : next_row + 1;
            if (r == 0 || r > 1048576) damaged("a row number in " + part + " is out of range");
            --r;
            next_row = r + 1;
            size_t next_col = 0;
            uint64_t row_text = 0;
            cells.clear();
            cells.reserve(last_count);  // a row kept whole takes the cells' storage with it
            for (pugi::xml_node c : row.children()) {
                if (!is(c, "c")) continue;
                size_t cr = r, cc = next_col;
                if (pugi::xml_attribute ref = c.attribute("r")) {
                    if (!parse_ref(ref.value(), cr, cc)) damaged("the cell reference '" + std::string(ref.value()) + "' in " + part + " is malformed");
                }
                next_col = cc + 1;
                Cell cell = read_cell(c, part, cr, cc);
                if (cell.kind == Cell::Kind::Empty) continue;
                // A row's text is held to a CSV line's limit: each cell copies its text, and
                // thousands of cells can point at one long shared string.
                row_text += cell.text.size();
                if (row_text > max_row_text_) {
                    throw ImportError(Provenance::cell(FileName(file_), sheet_of(part), static_cast<uint32_t>(cr + 1),
                                                       static_cast<uint32_t>(cc + 1)).display(),
                                      "the row holds more than " + std::to_string(max_row_text_) +
                                          " bytes of text by this cell, the limit; no return's row is that long");
                }
                if (cr != r) {
                    CellRow alone;
                    alone.set(cc, std::move(cell));
                    sink(cr, alone);
                    continue;
                }
                cells.set(cc, std::move(cell));
            }
            cells.settle();  // cells listed out of order
            last_count = static_cast<size_t>(cells.end() - cells.begin());
            sink(r, cells);
        }
        return next_row;
    }

    // The name of the sheet whose XML is `part`, for messages.
    std::string sheet_of(const std::string& part) const {
        for (const Sheet& s : sheets_) {
            if (s.part == part) return s.name;
        }
        return part;
    }

    // A cell's text beyond ImportLimits::max_field_bytes: refused before it is copied (one long
    // shared string can be pointed at by every cell of a sheet).
    void check_text_size(size_t bytes, const std::string& part, size_t row, size_t column) const {
        if (bytes <= max_text_) return;
        throw ImportError(Provenance::cell(FileName(file_), sheet_of(part), static_cast<uint32_t>(row + 1), static_cast<uint32_t>(column + 1)).display(),
                          "the cell holds text of " + std::to_string(bytes) + " bytes, more than the limit of " +
                              std::to_string(max_text_) + " bytes; no answer in a return is that long");
    }

    Cell read_cell(const pugi::xml_node& c, const std::string& part, size_t row, size_t column) {
        Cell cell;
        const std::string type = c.attribute("t").value();
        const pugi::xml_node v = child(c, "v");
        const std::string value = v.text().get();
        if (type == "inlineStr") {
            if (pugi::xml_node is_node = child(c, "is")) {
                cell.kind = Cell::Kind::Text;
                cell.text = string_item(is_node);
                check_text_size(cell.text.size(), part, row, column);
            }
            return cell;
        }
        // A styled but empty cell; an empty <v/> is one too, whatever its type says (writers
        // leave a shared-string cell's <v/> empty: openpyxl and LibreOffice read it as empty).
        if (!v || value.empty()) return cell;
        if (type == "s") {
            char* end = nullptr;
            const unsigned long index = std::strtoul(value.c_str(), &end, 10);
            if (*end != '\0' || index >= shared_ends_.size()) damaged("a cell in " + part + " points at a shared string that does not exist");
            const std::string_view text = shared(index);
            check_text_size(text.size(), part, row, column);
            cell.kind = Cell::Kind::Text;
            cell.text = text;
        } else if (type == "str" || type == "d") {
            // Formula text results; "d" is an ISO 8601 date as text, which parse_value reads.
            check_text_size(value.size(), part, row, column);
            cell.kind = Cell::Kind::Text;
            cell.text = value;
        } else if (type == "b") {
            cell.kind = Cell::Kind::Boolean;
            cell.number = value == "1" ? 1 : 0;
            cell.text = value == "1" ? "TRUE" : "FALSE";
        } else if (type == "e") {
            cell.kind = Cell::Kind::Error;
            cell.text = value;
        } else {
            char* end = nullptr;
            cell.number = std::strtod(value.c_str(), &end);
            if (value.empty() || *end != '\0') damaged("a number cell in " + part + " holds '" + value + "'");
            cell.kind = Cell::Kind::Number;
            cell.text = value;
            const unsigned style = c.attribute("s").as_uint();
            if (style < formats_.size()) cell.format = formats_[style];
        }
        return cell;
    }

    std::string file_;
    ZipPackage zip_;
    uint64_t max_text_;  ///< ImportLimits::max_field_bytes
    uint64_t max_row_text_;  ///< ImportLimits::max_record_bytes, for a row's text
    HeldCells held_;  ///< What the sheets read whole so far hold.
    std::string workbook_part_, shared_strings_part_, styles_part_;
    bool date1904_ = false;
    std::unordered_map<std::string, std::string> relationships_;
    // The shared strings end to end in one buffer, shared_ends_[i] where string i ends: a
    // std::string each cost 32 bytes beside its text, six times the XML of an empty <si/>.
    std::string shared_text_;
    std::vector<uint32_t> shared_ends_;
    std::string_view shared(size_t i) const {
        const uint32_t begin = i ? shared_ends_[i - 1] : 0;
        return std::string_view(shared_text_).substr(begin, shared_ends_[i] - begin);
    }
    FormHeadingLabels shared_roles_;  ///< What the shared strings hold of a form heading's labels.
    std::vector<NumberFormatKind> formats_;  ///< By cell style (cellXfs index).
    std::vector<Sheet> sheets_;
};

XlsxWorkbook::XlsxWorkbook(const std::string& file_name, std::string bytes, const ImportLimits& limits)
    : impl_(std::make_unique<Impl>(file_name, std::move(bytes), limits)) {}
XlsxWorkbook::~XlsxWorkbook() = default;
size_t XlsxWorkbook::sheet_count() const { return impl_->sheets_.size(); }
const std::string& XlsxWorkbook::sheet_name(size_t sheet) const { return impl_->sheets_.at(sheet).name; }
uint64_t XlsxWorkbook::sheet_bytes(size_t sheet) const { return impl_->zip_.declared_size(impl_->sheets_.at(sheet).part); }
bool XlsxWorkbook::date1904() const { return impl_->date1904_; }
Grid XlsxWorkbook::read_sheet(size_t sheet) { return impl_->read_sheet(sheet); }
void XlsxWorkbook::read_rows(size_t sheet, const SheetRowSink& sink) { impl_->read_rows(sheet, false, sink); }
SheetSurvey XlsxWorkbook::survey(size_t sheet) { return impl_->survey(sheet); }

namespace {

// One date or time code of a format: y, d, m (month or minutes), h, s, or a = AM/PM or A/P.
struct DateCode {
    char letter;
    size_t length;  // "mmm" is 3
    bool elapsed;   // [h], [mm], [ss]
};

// The date and time codes of a format code's first section, in order; everything Excel shows
// literally is skipped.
std::vector<DateCode> date_codes(const std::string& code) {
    std::vector<DateCode> codes;
    const auto lower = [&](size_t i) { return static_cast<char>(std::tolower(static_cast<unsigned char>(code[i]))); };
    const auto starts = [&](size_t i, const char* word) {
        for (size_t k = 0; word[k]; ++k) {
            if (i + k >= code.size() || lower(i + k) != word[k]) return false;
        }
        return true;
    };
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == ';') break;  // later sections (negative numbers, zero, text) do not decide
        if (c == '"') {
            const size_t close = code.find('"', i + 1);
            if (close == std::string::npos) break;
            i = close;
            continue;
        }
        if (c == '\\' || c == '_' || c == '*') { ++i; continue; }  // literal, space as wide as, fill
        if (c == '[') {
            const size_t close = code.find(']', i + 1);
            if (close == std::string::npos) break;
            // [h], [hh], [mm], [ss]: elapsed time; anything else ([Red], [$-809], [>=100]) is not a code.
            const size_t length = close - i - 1;
            const char first = length ? lower(i + 1) : '\0';
            bool same = first == 'h' || first == 'm' || first == 's';
            for (size_t k = i + 1; same && k < close; ++k) same = lower(k) == first;
            if (same) codes.push_back({first, length, true});
            i = close;
            continue;
        }
        if (starts(i, "am/pm")) { codes.push_back({'a', 5, false}); i += 4; continue; }
        if (starts(i, "a/p")) { codes.push_back({'a', 3, false}); i += 2; continue; }
        const char l = lower(i);
        if (l == 'y' || l == 'd' || l == 'm' || l == 'h' || l == 's') {
            size_t length = 1;
            while (i + 1 < code.size() && lower(i + 1) == l) { ++i; ++length; }
            codes.push_back({l, length, false});
        }
    }
    return codes;
}

NumberFormatKind classify_code(const std::string& code) {
    const std::vector<DateCode> codes = date_codes(code);
    bool date = false, time = false, elapsed = false;
    for (size_t i = 0; i < codes.size(); ++i) {
        const DateCode& t = codes[i];
        elapsed = elapsed || t.elapsed;
        switch (t.letter) {
            case 'y': case 'd': date = true; break;
            case 'h': case 's': case 'a': time = true; break;
            case 'm': {
                // Minutes: [m]/[mm], or m/mm right after an hour or right before seconds (the
                // codes around it, whatever literal text lies between).
                const bool after_hour = i > 0 && codes[i - 1].letter == 'h';
                const bool before_seconds = i + 1 < codes.size() && codes[i + 1].letter == 's';
                if (t.elapsed || (t.length <= 2 && (after_hour || before_seconds))) time = true;
                else date = true;
                break;
            }
            default: break;
        }
    }
    if (date) return time ? NumberFormatKind::DateTime : NumberFormatKind::Date;
    if (time) return elapsed ? NumberFormatKind::Duration : NumberFormatKind::Time;
    return NumberFormatKind::Number;
}

}  // namespace

NumberFormatKind classify_number_format(unsigned id, const std::string& code) {
    if (!code.empty()) return classify_code(code);
    if (id >= 14 && id <= 17) return NumberFormatKind::Date;           // m/d/yyyy, d-mmm-yy, d-mmm, mmm-yy
    if (id == 22) return NumberFormatKind::DateTime;                   // m/d/yyyy h:mm
    if ((id >= 18 && id <= 21) || id == 45 || id == 47) return NumberFormatKind::Time;  // h:mm AM/PM ... mmss.0
    if (id == 46) return NumberFormatKind::Duration;                   // [h]:mm:ss
    return NumberFormatKind::Number;  // the other built-ins are numbers and text; an undeclared custom id too
}

bool is_date_format(unsigned id, const std::string& code) {
    const NumberFormatKind kind = classify_number_format(id, code);
    return kind == NumberFormatKind::Date || kind == NumberFormatKind::DateTime;
}

std::string unreadable_workbook(const std::string& detail) {
    return "is not a readable Excel workbook (the file is damaged or truncated): " + detail;
}

std::vector<Grid> read_xlsx(const std::string& file_name, std::string bytes, const ImportLimits& limits) {
    XlsxWorkbook workbook(file_name, std::move(bytes), limits);
    std::vector<Grid> grids;
    for (size_t i = 0; i < workbook.sheet_count(); ++i) grids.push_back(workbook.read_sheet(i));
    return grids;
}

}  // namespace fairgate::importers
