#pragma once
// Identifying an organisation across sources that write its identity differently: a bidder's
// form, the council's register and public registers such as the gender pay gap service.

#include <string>
#include <string_view>

namespace fairgate {

/// A Companies House number as Companies House writes it: eight characters, upper case, no
/// spaces. Digits are padded with the leading zeros a spreadsheet drops ("5512345" ->
/// "05512345"); a two-letter prefix (SC Scotland, NI Northern Ireland, OC LLPs, SO, NC, RC,
/// IP, ...) is kept and the zeros restored after it ("SC16876" -> "SC016876"). Text of any
/// other shape (a charity or society number such as "IP31188R", anything over eight
/// characters) comes back upper-cased with its spaces removed, so that equal identifiers still
/// match; blank text gives "". Caution: a charity number of seven digits pads like a company
/// number, so a match by number is a match of the text, not proof of the same body.
std::string normalise_company_number(std::string_view text);

/// An organisation's name reduced to what tells it apart, for matching when no number
/// matches: lower case; "&" read as "and"; apostrophes and full stops dropped ("p.l.c.",
/// "Smith's"); other punctuation a space; runs of spaces one; a leading "the" and the legal
/// form at the end ("limited", "ltd", "plc", "public limited company", "llp", "cic", "company",
/// "co") dropped. "\"RED BAND\" CHEMICAL COMPANY, LIMITED" -> "red band chemical". Blank (or
/// only a legal form) gives "".
std::string normalise_organisation_name(std::string_view name);

}  // namespace fairgate
