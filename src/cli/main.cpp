// fairgate: the command-line entry point.
#include <Poco/Util/Application.h>

#include "cli/fairgate_app.hpp"

POCO_APP_MAIN(fairgate::cli::FairgateApp)
