#include "cli/help_text.hpp"

namespace fairgate::cli {

std::string help_text(const std::string& command) {
    if (command == "run") {
        return R"(fairgate run: import an inbox, judge every return, store it all and write workbooks

Usage:
  fairgate run --rules FILE --inbox DIR --out DIR [options]

Options:
  --rules FILE        the rulebook (XML), e.g. rules/bexley.xml
  --inbox DIR         folder of returns and registers, read recursively in name order
  --out DIR           workbooks go to DIR/<contract id>/<contract id> <period> compliance.xlsx
  --db CONNECTION     the store: a SQLite file path (default: $FAIRGATE_DB, else
                      ~/.local/share/fairgate/fairgate.db) or
                      "postgresql:host=... dbname=... user=..."
  --quarantine DIR    where refused files are copied with a .reason.txt (default: OUT/quarantine)
  --all               judge every contract in the store, not only those the inbox touched
  --as-of DATE        state each position at DATE (YYYY-MM-DD), so quarters overdue by then are
                      missing; default: the latest return the store holds from any supplier
                      (reruns give identical workbooks)
  --mappings DIR      template mappings (NAME.mapping.csv): headings of a supplier's or
                      portal's export mapped onto the rulebook's fields (docs/input-formats.md)
  --jobs N            threads that read files ahead, judge contracts and write
                      workbooks (default: one per core; 1: one thread reads)
  --fail-on LIST      exit 1 if any finding has one of these outcomes
                      (comma list of pass, warn, fail, refer, missing)
  --log-level LEVEL   trace, debug, info (default), warn, error
  --log-file FILE     also write the log to FILE
  --progress WHEN     how far the run has got, on stderr: auto (default: a bar redrawn in
                      place on a terminal, else a line every 5 s such as "fairgate: judged
                      1,200 of 3,000 contracts (40%), about 30 s left"), bar, lines, never

A file that cannot be imported never stops the run: it is copied to quarantine with its
reason, recorded in the store, and reported in the summary. A file whose exact bytes were
imported before is not imported again.

Exit status: 0 the run worked (whatever the findings); 1 --fail-on matched; 64 bad usage;
65 invalid rulebook; 66 rulebook or inbox missing; 73 output folder not writable;
74 store error; 70 internal error.

Examples:
  fairgate run --rules rules/bexley.xml --inbox samples/inbox --out out
  fairgate run --rules rules/bexley.xml --inbox /srv/returns --out /srv/workbooks \
               --db /var/lib/fairgate/fairgate.db --fail-on fail,missing
)";
    }
    if (command == "rules") {
        return R"(fairgate rules: check, explain and publish a rulebook

Usage:
  fairgate rules lint FILE    load and check the rulebook; every problem with file, line,
                              column and a caret under the place
  fairgate rules test FILE    run every rule's own tests; prints each failure and a closing
                              line "N passed, N failed"; exit 65 on any failure
  fairgate rules explain FILE --rule ID --return PATH [--db CONNECTION] [--mappings DIR]
                              import PATH and show, sub-expression by sub-expression, how
                              the rule judged each of its returns, with every value and
                              the cell or line it came from. With a store (--db, or the
                              default one if it exists) a return is judged in the context
                              the batch gives it: its contract, the tender promise and
                              earlier quarters. With --mappings, PATH is read with the
                              template mapping that applies to it, as `run` reads it.
  fairgate rules doc FILE [--output FILE.md]
                              the rulebook as a Markdown document for officers: every rule,
                              the clauses it cites, its parameters and fields

Examples:
  fairgate rules lint rules/bexley.xml
  fairgate rules test rules/bexley.xml
  fairgate rules explain rules/bexley.xml --rule QTR-ON-TIME \
      --return samples/inbox/quarterly/BX-2025-0151/BX-2025-0151_2026-Q1.xlsx --db out/sample/fairgate.db
  fairgate rules doc rules/bexley.xml --output docs/bexley-rulebook.md
)";
    }
    if (command == "inspect") {
        return R"(fairgate inspect: what fairgate reads from a file, before any rule sees it

Usage:
  fairgate inspect --rules FILE INPUT...            the detected format and layout, every
                                                    field with its typed value and the cell
                                                    or line it came from, unrecognised
                                                    columns and questions
  fairgate inspect --rules FILE --json INPUT...     the same as JSON, one line per file
  fairgate inspect --rules FILE --cells INPUT...    every non-empty cell of an XLSX or CSV
                                                    file as JSON lines (sheet, cell, type,
                                                    value): exactly how the file was read

--mappings DIR reads each INPUT with the template mapping that applies to it, as `run`
does (docs/input-formats.md).

Nothing is stored. Exit status: 0 every file was read; 65 a file was refused (the reason is
printed); 66 a file does not exist; 64 bad usage.

Examples:
  fairgate inspect --rules rules/bexley.xml samples/inbox/tenders/BX-T-2025-014/carewell-group.xlsx
  fairgate inspect --rules rules/bexley.xml --cells returns.xlsx | grep '"sheet":"Questionnaire"'
)";
    }
    if (command == "serve") {
        return R"(fairgate serve: the service: watch an inbox, take uploads over HTTP, judge each file as it
arrives, and serve results, pages and workbooks

Usage:
  fairgate serve --config FILE [--set KEY=VALUE]... [--daemon --pidfile=FILE]
  fairgate serve token NAME ROLE      make an access token (ROLE: officer, auditor or admin)

Options:
  --config FILE       the service's settings (a .properties file); every setting and its
                      default is in docs/service.md
  --set KEY=VALUE     one setting, over the file's (repeatable)
  --daemon            run in the background; with --pidfile=FILE, its process id goes there

Exit status: 0 stopped cleanly; 64 bad usage; 65 the rulebook is invalid; 78 a setting is
missing or wrong (the message names it); 74 the store cannot be reached at start.

Examples:
  fairgate serve token alice officer >> fairgate.properties
  fairgate serve --config fairgate.properties
)";
    }
    return R"(fairgate: equality and social value compliance checks for council contracts

Usage:
  fairgate run --rules FILE --inbox DIR --out DIR [--db CONNECTION] [options]
  fairgate rules lint FILE
  fairgate rules test FILE
  fairgate rules explain FILE --rule ID --return PATH [--db CONNECTION] [--mappings DIR]
  fairgate rules doc FILE [--output FILE.md]
  fairgate inspect --rules FILE [--json | --cells] [--mappings DIR] INPUT...
  fairgate help [COMMAND]
  fairgate --version

Commands:
  run      import returns and registers, judge them against the rulebook, store the
           results and write one compliance workbook per contract
  rules    lint, test, explain or document a rulebook
  inspect  show what fairgate reads from an input file, cell by cell
  serve    run as a service: watch an inbox, take uploads over HTTP, serve results and
           workbooks (fairgate serve --help; docs/service.md)
  help     show help for a command

Run `fairgate help run` for the options of a batch run.
)";
}

bool has_help(const std::string& command) {
    return command.empty() || command == "run" || command == "rules" || command == "inspect" || command == "serve" ||
           command == "help";
}

}  // namespace fairgate::cli
