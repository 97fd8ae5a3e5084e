#pragma once
// `fairgate serve`: the long-running service, a Poco ServerApplication over the same
// pipeline as `fairgate run`. Thin: it reads the configuration, sets up logging, and starts
// and stops the intake, the inbox watcher and the HTTP API in the right order.

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/ServerApplication.h>

#include <string>
#include <vector>

namespace fairgate::service {

class ServeApp : public Poco::Util::ServerApplication {
public:
    /// `working_dir`: the folder relative paths (--config, settings) are taken from. With
    /// --daemon, Poco changes to / before the options are read; the service changes back.
    explicit ServeApp(std::string working_dir) : working_dir_(std::move(working_dir)) {}

protected:
    void initialize(Poco::Util::Application& self) override;
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    int make_token(const std::vector<std::string>& args);
    void setup_logging();
    std::string working_dir_;
    bool help_ = false;
    std::string config_file_;
    /// --set KEY=VALUE, consulted before the environment and the file.
    Poco::AutoPtr<Poco::Util::MapConfiguration> overrides_ = new Poco::Util::MapConfiguration;
    bool overrides_added_ = false;
};

}  // namespace fairgate::service
