#include "pipeline/version.hpp"

namespace fairgate::pipeline {

const char* fairgate_version() { return FAIRGATE_VERSION; }

}  // namespace fairgate::pipeline
