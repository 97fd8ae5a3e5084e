#pragma once
// Identifying an organisation across sources that write its identity differently: a bidder's
// form, the council's register, Contracts Finder and public registers such as the gender pay
// gap service.

#include <cstdint>
#include <string>
#include <string_view>

namespace fairgate {

/// How a supplier identifier reads, once normalised (read_supplier_number).
enum class SupplierIdKind : uint8_t {
    Blank,    ///< Nothing but spaces.
    Company,  ///< Reads as a Companies House number. A bare charity number does too (below).
    Charity,  ///< Reads only as a charity's number: it says so ("GB-CHC-1123456",
              ///< "GB-SC-SC012345", "GB-NIC-100001", "NIC100001") or carries a subsidiary
              ///< suffix ("1123456-1").
    Other,    ///< Any other text.
};

/// A supplier identifier as fairgate compares it: `key` is what two sources must agree on to
/// be the same supplier; the text as typed is kept by whoever read it, for display.
struct SupplierNumber {
    std::string key;
    SupplierIdKind kind = SupplierIdKind::Blank;
};

/// Reads a supplier identifier (a company or charity number as typed on a form, in a register
/// or an OCDS feed) into the key it is compared and stored by. Spaces (also no-break spaces)
/// and case never count. Then:
///
/// - a whole number from a numeric cell loses its ".0" ("1234567.0" is "1234567");
/// - an org-id.guide scheme ("GB-COH-", "GB-CHC-", "GB-SC-", "GB-NIC-") is dropped and the
///   number after it read as below ("GB-COH-05512345" is "05512345");
/// - a Companies House number, once dots, dashes and commas are dropped, is eight characters: all
///   digits, padded with the zeros a spreadsheet drops ("5512345" is "05512345"); or a prefix
///   of Companies House's (SC, NI, OC, SO, NC, R, ... : the table in company_number.cpp)
///   followed by digits, zeros restored between them ("sc 16876" is "SC016876"); or eight
///   characters from such a prefix that end in a letter ("IP31188R", "NI01234A") as they are;
/// - a charity number of England and Wales is digits and pads the same ("1123456" is
///   "01123456"); with a subsidiary's suffix it is kept as it is ("1123456-1", not 11234561);
///   Northern Ireland's "NIC100001" is its number, "00100001"; OSCR's "SC012345" is a
///   Scottish company number's form and reads as one;
/// - anything else (no digits at all, nine or more, a prefix Companies House does not use,
///   a number of zeros only) is Other: upper-cased and spaces removed, nothing else.
///
/// The kinds share one key space, because the text cannot tell them apart: charity 1123456
/// and company 01123456, OSCR's SC012345 and company SC012345, have one key. Two sources
/// naming one supplier use one register's number for it, so within a tender this links the
/// right bid; matching against a register of companies, a number that says it is a
/// charity's (kind Charity) is not looked up as a company number. A match by number is a
/// match of the number, not proof of the same body: read it beside the name.
SupplierNumber read_supplier_number(std::string_view text);

/// read_supplier_number(text).key: what supplier ids are compared, grouped and stored by.
/// Idempotent: supplier_key(supplier_key(x)) == supplier_key(x).
std::string supplier_key(std::string_view text);

/// Whether two supplier ids, as typed, name the same supplier: both have a key and the keys
/// are equal. A blank id is nobody's, so it is never the same as another (or itself).
bool same_supplier(std::string_view a, std::string_view b);

/// An organisation's name reduced to what tells it apart, for matching when no number
/// matches: lower case; "&" read as "and"; apostrophes and full stops dropped ("p.l.c.",
/// "Smith's"); other punctuation a space; runs of spaces one; a leading "the" and the legal
/// form at the end ("limited", "ltd", "plc", "public limited company", "llp", "cic", "company",
/// "co") dropped. "\"RED BAND\" CHEMICAL COMPANY, LIMITED" -> "red band chemical". Blank (or
/// only a legal form) gives "".
std::string normalise_organisation_name(std::string_view name);

}  // namespace fairgate
