#include "importers/held_cells.hpp"

namespace fairgate::importers {

void HeldCells::refuse(const std::string& where, const std::string& what) {
    throw ImportError(where, "the file holds more than " + what +
                                 " to read at once (a form, a contract register or a workbook's sheets), the most fairgate holds");
}

}  // namespace fairgate::importers
