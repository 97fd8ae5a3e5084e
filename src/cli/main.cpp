// fairgate: the command-line entry point.
#include <Poco/Util/Application.h>
#include <Poco/Util/OptionException.h>

#include <cstring>
#include <iostream>
#include <filesystem>
#include <vector>

#include "cli/exit_codes.hpp"
#include "cli/fairgate_app.hpp"
#include "pipeline/heap_settings.hpp"
#include "service/serve_app.hpp"

int main(int argc, char** argv) {
    fairgate::pipeline::keep_freed_memory();

    if (argc > 1 && std::strcmp(argv[1], "serve") == 0) {
        // The service is a ServerApplication (daemon, pid file, termination signals): it gets
        // the arguments after "serve".
        std::vector<char*> rest{argv[0]};
        rest.insert(rest.end(), argv + 2, argv + argc);
        std::error_code ec;
        fairgate::service::ServeApp service(std::filesystem::current_path(ec).string());
        return service.run(static_cast<int>(rest.size()), rest.data());
    }
    fairgate::cli::FairgateApp app;
    try {
        app.init(argc, argv);
    } catch (const Poco::Util::OptionException& e) {
        // An unknown option, one without its value, one given twice: the command line is wrong.
        std::cerr << "fairgate: " << e.displayText() << "\nRun `fairgate --help` for usage.\n";
        return fairgate::cli::kUsage;
    } catch (const Poco::Exception& e) {
        std::cerr << "fairgate: " << e.displayText() << "\n";
        return Poco::Util::Application::EXIT_CONFIG;
    }
    return app.run();
}
