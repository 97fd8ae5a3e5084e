#pragma once
// The version of fairgate, as the build set it (the project version in CMakeLists.txt): what
// `fairgate --version` prints and what every workbook's Audit sheet and run record carry.

namespace fairgate::pipeline {

/// "0.4.0".
const char* fairgate_version();

}  // namespace fairgate::pipeline
