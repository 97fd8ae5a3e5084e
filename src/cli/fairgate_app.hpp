#pragma once
// The `fairgate` command: a thin shell over the pipeline and the rule engine.

#include <Poco/Util/Application.h>
#include <Poco/Util/OptionSet.h>

#include <memory>
#include <string>
#include <vector>

#include "importers/template_mapping.hpp"
#include "rulebook/rulebook.hpp"

namespace fairgate::cli {

class ProgressDisplay;

class FairgateApp : public Poco::Util::Application {
protected:
    void initialize(Poco::Util::Application& self) override;
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    /// Loads the rulebook at `path` for a command: kOk, or the exit status after saying why.
    int load_rules(const std::string& path, Rulebook& rulebook);
    /// Loads --mappings DIR if given: kOk, or the exit status after saying why.
    int load_mappings(const Rulebook& rulebook, std::vector<importers::TemplateMapping>& mappings);
    int command_run();
    int command_rules(const std::vector<std::string>& args);
    int command_help(const std::vector<std::string>& args);
    int command_inspect(const std::vector<std::string>& args);
    int rules_lint(const Rulebook& rulebook, const std::string& path);
    int rules_test(const Rulebook& rulebook, const std::string& path);
    int rules_doc(const Rulebook& rulebook);
    int rules_explain(const Rulebook& rulebook);
    void setup_logging();
    /// The run's progress display as --progress and stderr ask (a bar on a terminal, else a
    /// line every 5 s). Throws std::invalid_argument for a --progress it does not know.
    std::shared_ptr<ProgressDisplay> make_progress_display();

    bool help_ = false;
    bool version_ = false;
    std::shared_ptr<ProgressDisplay> progress_;  ///< Set by setup_logging().
};

}  // namespace fairgate::cli
