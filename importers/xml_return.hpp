#pragma once
// Supplier returns sent as XML in fairgate's own schema (docs/xml-returns.md).

#include <string>
#include <string_view>
#include <vector>

#include "importers/import_result.hpp"
#include "model/field.hpp"
#include "model/record.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// Whether `bytes` looks like XML: after an optional UTF-8 byte-order mark and white space,
/// the text starts with '<' ("<?xml" or an element).
bool looks_like_xml(std::string_view bytes);

/// Reads the returns in `bytes`: a <return> root, or a <returns> root holding several.
/// Header elements give the identity (see identify_return); each <answer> names its field
/// by `ref` (question reference) or `field` (canonical name or label). Values are parsed by
/// the field's type; provenance is an XPath-like path ("/returns/return[2]/answers/answer[3]").
/// An answer or header element the dictionary does not know becomes an ImportNote.
/// Throws ImportError when the XML carries a DOCTYPE (refused outright: it is how entity
/// expansion and external-entity attacks start), is not well-formed (with line and column),
/// has another root, holds individual-level personal data, or a return lacks its identity.
ImportResult read_xml_returns(const SourceFile& file, const std::string& bytes, const FieldDictionary& fields);

/// Each return's answers as read_xml_returns reads them, but with nothing refused for personal
/// data and no return identified: what a refused file was about (identify_refused, import.hpp).
/// Throws ImportError as read_xml_returns does for XML it cannot read.
std::vector<Record> xml_return_records(const SourceFile& file, const std::string& bytes, const FieldDictionary& fields);

}  // namespace fairgate::importers
