#include "model/provenance.hpp"

namespace fairgate {

std::string Provenance::display() const {
    if (file.empty()) return locator;
    if (locator.empty()) return file;
    if (locator.front() == '/') {
        // XML paths and JSON pointers: JSON pointers are conventionally written after '#'.
        const bool json = file.size() > 5 && (file.rfind(".json") == file.size() - 5 || file.rfind(".jsonl") == file.size() - 6);
        return file + (json ? "#" : " ") + locator;
    }
    if (locator.compare(0, 5, "line ") == 0) return file + " " + locator;
    return file + "!" + locator;
}

std::string cell_reference(unsigned row, unsigned column) {
    std::string letters;
    for (unsigned c = column; c > 0; c = (c - 1) / 26) {
        letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    }
    return letters + std::to_string(row);
}

std::string csv_locator(unsigned long line, unsigned column) {
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace fairgate
