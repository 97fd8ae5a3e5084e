#include "curated_sample.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "csv_writer.hpp"
#include "model/value.hpp"
#include "return_builder.hpp"

namespace fairgate::gen {

namespace {

// The four quarters the sample covers (UK financial year: 2025-Q3 is Oct-Dec 2025).
const std::array<Quarter, 4> kQuarters = {{{2025, 3}, {2025, 4}, {2026, 1}, {2026, 2}}};
// Contracts with a social value commitment start with the first sample quarter, so the four
// returns in the inbox cover the whole elapsed term and "delivered to date" is judged fairly.
const Date kRoundStart = Date::from_ymd(2025, 10, 1);

Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d); }

/// Everything the sample knows about one contract.
struct Spec {
    ContractRow row;
    SupplierProfile supplier;
    SocialValue offer{};      ///< D1..D8 promised at tender.
    Date tender_submitted;
    ServiceProfile service;
    std::string slug;         ///< For file names.
    std::string llw = "Committed";
    std::string disability_confident = "2";
};

Spec spec(std::string id, std::string tender, std::string title, std::string area, SupplierProfile supplier,
          Date start, Date end, int64_t value, const SocialValue& offer, ServiceProfile service, std::string slug) {
    Spec s;
    s.row.id = std::move(id);
    s.row.tender_id = std::move(tender);
    s.row.title = std::move(title);
    s.row.service_area = std::move(area);
    s.row.supplier_name = supplier.name;
    s.row.supplier_id = supplier.id;
    s.row.supplier_scale = scale_of(supplier.employees, supplier.turnover_pounds);
    s.row.vcse = supplier.vcse;
    s.row.start = start;
    s.row.end = end;
    s.row.value_pounds = value;
    s.row.service_to_residents = service.service_users > 0;
    // Defaults that pass: the Compact's terms for the voluntary sector, 30-day payment
    // otherwise, three KPIs (more above £5m), social value weighted at 10% when tendered.
    s.row.notice_days = supplier.vcse ? 91 : 90;
    s.row.payment_days = supplier.vcse ? 14 : 30;
    s.row.payment_in_advance = supplier.vcse;
    s.row.full_cost_recovery = true;
    s.row.kpi_count = value > 5'000'000 ? 5 : 3;
    // The council's grants are numbered BX-G-...: the Compact's payment in advance is theirs.
    s.row.funding_type = s.row.tender_id.rfind("BX-G-", 0) == 0 ? "Grant" : "Contract";
    if (!s.row.tender_id.empty()) s.row.sv_weighting_pct = 10;
    s.supplier = std::move(supplier);
    s.offer = offer;
    s.service = std::move(service);
    s.slug = std::move(slug);
    return s;
}

ServiceProfile service(int64_t users, Date last_review, std::string note, int max_complaints = 1, int max_hate = 1) {
    ServiceProfile p;
    p.service_users = users;
    p.last_accessibility_review = last_review;
    p.users_note = std::move(note);
    p.max_complaints = max_complaints;
    p.max_hate_incidents = max_hate;
    return p;
}

std::vector<Spec> contracts() {
    const Date rs = kRoundStart;
    std::vector<Spec> v;
    v.push_back(spec("BX-2025-0142", "BX-T-2025-014", "Home Care and Reablement Services, North Bexley", "Adult Social Care",
                     {"05512345", "Bexley Care Partnership Ltd", 420, 14'200'000, false}, rs, ymd(2030, 9, 30), 18'400'000,
                     {30, 6, 4, 520, 800, 150'000, 400'000, 1200},
                     service(860, ymd(2025, 6, 12), "Residents receiving home care or reablement in the quarter", 2, 1),
                     "bexley-care-partnership"));
    v.back().tender_submitted = ymd(2025, 5, 15);
    v.back().row.kpi_count = 6;

    v.push_back(spec("BX-2025-0151", "BX-T-2025-021", "Family Support and Early Help Service", "Children's Services",
                     {"09876543", "Brightpath Family Support Ltd", 140, 7'800'000, false}, rs, ymd(2029, 9, 30), 2'850'000,
                     {8, 2, 1, 104, 200, 40'000, 60'000, 400},
                     service(540, ymd(2025, 7, 3), "Children and parents supported in the quarter", 2, 1), "brightpath-family-support"));
    v.back().tender_submitted = ymd(2025, 6, 6);
    v.back().row.kpi_count = 5;

    v.push_back(spec("BX-2025-0163", "BX-T-2025-009", "Community Library Service: Slade Green, Thamesmead and Bexley Village", "Libraries",
                     {"1183456", "Reading Rooms Community Trust", 46, 1'650'000, true}, rs, ymd(2030, 9, 30), 1'250'000,
                     {4, 1, 1, 52, 120, 25'000, 15'000, 2500},
                     service(9400, ymd(2025, 3, 14), "Members who borrowed or attended an activity in the quarter", 1, 1),
                     "reading-rooms-community-trust"));
    v.back().tender_submitted = ymd(2025, 4, 25);
    v.back().row.notice_days = 182;
    v.back().row.kpi_count = 4;

    v.push_back(spec("BX-2025-0170", "BX-T-2024-037", "Waste Collection, Recycling and Street Cleansing", "Waste and Recycling",
                     {"02198765", "Kentish Environmental Services Ltd", 2300, 128'000'000, false}, rs, ymd(2033, 9, 30), 40'000'000,
                     {60, 12, 6, 1560, 2000, 250'000, 1'200'000, 1600},
                     service(3240, ymd(2025, 8, 20), "Households on the assisted collection service; kerbside collection is universal and not monitored by household", 3, 2),
                     "kentish-environmental"));
    v.back().tender_submitted = ymd(2025, 1, 24);
    v.back().row.notice_days = 365;
    v.back().row.sv_weighting_pct = 15;
    v.back().row.kpi_count = 2;  // scenario: over £5m with too few KPIs
    v.back().llw = "Accredited";

    v.push_back(spec("BX-2025-0178", "BX-T-2025-017", "ICT Managed Service and Service Desk", "Digital and IT",
                     {"06654321", "Cobalt Managed IT Ltd", 380, 44'000'000, false}, rs, ymd(2030, 9, 30), 6'800'000,
                     {4, 1, 1, 312, 400, 30'000, 250'000, 600},
                     service(0, ymd(2025, 9, 1), "Back-office service for council staff: no residents served directly", 0, 0),
                     "cobalt-managed-it"));
    v.back().tender_submitted = ymd(2025, 5, 30);
    v.back().row.notice_days = 180;
    v.back().row.kpi_count = 8;
    v.back().row.sv_weighting_pct = 5;  // scenario: below the 10% minimum
    v.back().llw = "No";
    v.back().service.living_wage_promised = false;
    v.back().disability_confident = "1";

    v.push_back(spec("BX-2025-0185", "BX-G-2025-003", "Bexley Advice Partnership: Welfare Benefits, Debt and Housing Advice (grant)", "Communities and Voluntary Sector",
                     {"1098765", "Bexley Advice Network", 24, 980'000, true}, rs, ymd(2028, 9, 30), 480'000,
                     {3, 1, 1, 0, 60, 10'000, 8'000, 3000},
                     service(1850, ymd(2025, 5, 8), "Residents given advice in the quarter", 1, 2), "bexley-advice-network"));
    v.back().tender_submitted = ymd(2025, 6, 20);
    v.back().llw = "Accredited";

    v.push_back(spec("BX-2025-0192", "BX-T-2025-025", "Supported Housing for Young People Leaving Care", "Housing",
                     {"10456789", "Crayside Housing Support Ltd", 180, 9'400'000, false}, rs, ymd(2030, 9, 30), 3'600'000,
                     {10, 3, 2, 156, 240, 45'000, 90'000, 500},
                     service(64, ymd(2025, 7, 15), "Young people living in the supported accommodation in the quarter", 1, 1),
                     "crayside-housing-support"));
    v.back().tender_submitted = ymd(2025, 6, 27);
    v.back().row.kpi_count = 5;

    v.push_back(spec("BX-2025-0199", "BX-T-2025-011", "Day Opportunities for Adults with Learning Disabilities", "Adult Social Care",
                     {"12345098", "Horizons Day Services CIC", 45, 2'100'000, true}, rs, ymd(2029, 9, 30), 2'200'000,
                     {8, 2, 3, 104, 160, 30'000, 40'000, 900},
                     service(118, ymd(2025, 4, 30), "Adults attending day opportunities in the quarter", 1, 1), "horizons-day-services"));
    v.back().tender_submitted = ymd(2025, 5, 2);
    v.back().row.kpi_count = 4;
    v.back().disability_confident = "3";

    // A framework call-off awarded directly: no tender of our own, so no tender return.
    v.push_back(spec("BX-2024-0087", "", "Home to School Travel Assistance (SEND) - call-off from the London transport framework", "Education",
                     {"04567123", "Bexley Accessible Transport Ltd", 210, 11'600'000, false}, ymd(2024, 9, 1), ymd(2027, 8, 31), 4'900'000,
                     {6, 1, 1, 0, 40, 0, 80'000, 200},
                     service(640, ymd(2025, 1, 20), "Pupils with travel assistance in the quarter", 1, 1), "bexley-accessible-transport"));

    v.push_back(spec("BX-2025-0204", "BX-T-2024-044", "Leisure Centres Management: Crook Log, Sidcup and Erith", "Leisure and Culture",
                     {"06789012", "Active Communities Leisure Trust", 620, 38'600'000, true}, rs, ymd(2035, 9, 30), 24'000'000,
                     {40, 8, 4, 1040, 1500, 120'000, 600'000, 2000},
                     service(14'800, ymd(2025, 9, 10), "Members and concession card holders using the centres in the quarter", 2, 2),
                     "active-communities-leisure-trust"));
    v.back().tender_submitted = ymd(2025, 2, 28);
    v.back().row.notice_days = 365;

    v.push_back(spec("BX-2025-0211", "BX-G-2025-005", "Youth Service: Detached and Centre-based Youth Work", "Children's Services",
                     {"1167890", "Bexley Youth Collective", 18, 410'000, true}, rs, ymd(2028, 9, 30), 640'000,
                     {3, 1, 0.5, 52, 80, 12'000, 6'000, 1500},
                     service(1120, ymd(2025, 6, 2), "Young people who took part in the quarter", 1, 2), "bexley-youth-collective"));
    v.back().tender_submitted = ymd(2025, 7, 4);
    v.back().row.notice_days = 30;  // scenario: the Compact asks for 91

    v.push_back(spec("BX-2025-0216", "BX-G-2025-006", "Stop Hate Reporting and Third-Party Reporting Centre Service", "Community Safety",
                     {"1190123", "Speak Up Against Hate (Bexley)", 6, 190'000, true}, rs, ymd(2027, 9, 30), 60'000,
                     {1, 0, 0, 0, 10, 2'000, 1'000, 400},
                     service(85, ymd(2025, 3, 27), "People who reported a hate incident or used the helpline in the quarter", 1, 0),
                     "speak-up-against-hate"));
    v.back().tender_submitted = ymd(2025, 7, 11);
    v.back().row.payment_in_advance = false;  // scenario: Compact asks for advance payment of grants

    v.push_back(spec("BX-2025-0225", "BX-G-2025-004", "Carers' Support and Short Breaks Service", "Adult Social Care",
                     {"1123987", "Bexley Carers Hub", 32, 1'150'000, true}, rs, ymd(2028, 9, 30), 900'000,
                     {4, 1, 1, 0, 60, 15'000, 10'000, 1800},
                     service(720, ymd(2025, 5, 21), "Unpaid carers supported in the quarter", 1, 1), "bexley-carers-hub"));
    v.back().tender_submitted = ymd(2025, 6, 13);
    v.back().llw = "Accredited";

    v.push_back(spec("BX-2025-0230", "BX-T-2025-019", "Parks and Open Spaces Grounds Maintenance", "Environment",
                     {"05987612", "Greenway Grounds Ltd", 150, 12'300'000, false}, rs, ymd(2032, 9, 30), 7'500'000,
                     {14, 4, 2, 624, 500, 35'000, 300'000, 700},
                     service(0, ymd(2025, 8, 5), "Grounds maintenance: no individual residents served", 0, 1), "greenway-grounds"));
    v.back().tender_submitted = ymd(2025, 5, 9);
    v.back().row.kpi_count = 4;
    return v;
}

class Builder {
public:
    Portfolio p;

    size_t add(Return r) {
        p.returns.push_back(std::move(r));
        return p.returns.size() - 1;
    }
    void form(std::string path, size_t index, FormLayout layout = {}) {
        OutputFile f;
        f.path = std::move(path);
        f.format = FileFormat::XlsxForm;
        f.form = layout;
        f.returns = {index};
        p.files.push_back(std::move(f));
    }
    void csv(std::string path, std::vector<size_t> indexes, CsvStyle style) {
        OutputFile f;
        f.path = std::move(path);
        f.format = FileFormat::CsvTable;
        f.csv = style;
        f.returns = std::move(indexes);
        p.files.push_back(std::move(f));
    }
    void scenario(std::string file, std::string contract, std::string situation, std::string expected) {
        p.scenarios.push_back({std::move(file), std::move(contract), std::move(situation), std::move(expected)});
    }
};

Return tender_return(const Spec& s, const std::string& tender_id, Date submitted) {
    Return r = compliant_tender_return(tender_id, s.supplier, submitted, s.offer);
    r.at("C3") = Cell::str(s.disability_confident);
    r.at("C4") = Cell::str(s.llw);
    if (s.llw == "Accredited") r.at("C4").evidence = "Accredited Living Wage Employer";
    return r;
}

/// A losing bidder: a supplier with its own offer, not in the register.
Spec bidder(SupplierProfile supplier, const SocialValue& offer) {
    Spec s;
    s.supplier = std::move(supplier);
    s.offer = offer;
    return s;
}

const CsvStyle kPortal{};  // council labels, dd/mm/yyyy, £ and % as typed

CsvStyle supplier_system(bool iso, bool fraction, bool money_symbol, char delimiter = ',', bool bom = false) {
    CsvStyle s;
    s.canonical_headings = true;
    s.iso_dates = iso;
    s.percent_as_fraction = fraction;
    s.money_symbol = money_symbol;
    s.delimiter = delimiter;
    s.bom = bom;
    return s;
}

const Spec& find(const std::vector<Spec>& specs, const std::string& id) {
    for (const Spec& s : specs)
        if (s.row.id == id) return s;
    throw std::out_of_range("no contract " + id);
}

void add_tenders(Builder& b, const std::vector<Spec>& specs) {
    // Tender 1: home care, four bidders on the council's Excel template.
    {
        const Spec& won = find(specs, "BX-2025-0142");
        const std::string t = won.row.tender_id;
        const std::string dir = "tenders/" + t + "/";
        b.form(dir + "bexley-care-partnership.xlsx", b.add(tender_return(won, t, ymd(2025, 5, 15))));
        b.scenario(dir + "bexley-care-partnership.xlsx", won.row.id,
                   "Awarded bidder, 420 employees, turnover £14.2m: gender pay gap published, modern slavery N/A below £36m",
                   "pass on every tender rule; TND-MODERN-SLAVERY not applicable");

        Spec thameside = bidder({"07823456", "Thameside Homecare Ltd", 160, 6'100'000, false}, {20, 4, 2, 260, 400, 50'000, 150'000, 300});
        Return r = tender_return(thameside, t, ymd(2025, 5, 16));
        r.at("B1") = Cell::yes_no(false).with_evidence("We follow the principles of the Equality Act; a written policy is being drafted");
        r.at("B12") = Cell::yes_no(false).with_evidence("Concerns are raised with the registered manager");
        r.at("C5") = Cell::integer(45);
        b.form(dir + "thameside-homecare.xlsx", b.add(std::move(r)));
        b.scenario(dir + "thameside-homecare.xlsx", won.row.id + " (losing bidder)", "B1: no written equality policy", "TND-EQ-POLICY fail (mandatory: blocks award)");
        b.scenario(dir + "thameside-homecare.xlsx", won.row.id + " (losing bidder)", "B12: no procedure addressing harassment or bullying of employees",
                   "TND-HARASSMENT-PROCEDURES warn (scored down)");
        b.scenario(dir + "thameside-homecare.xlsx", won.row.id + " (losing bidder)", "C5: pays subcontractors in 45 days", "TND-SUBCONTRACTOR-PAYMENT fail");

        Spec carewell = bidder({"03345678", "Carewell Group plc", 1850, 52'400'000, false}, {35, 8, 5, 780, 900, 100'000, 350'000, 2000});
        r = tender_return(carewell, t, ymd(2025, 5, 14));
        r.at("C1") = Cell::str("N/A").with_evidence("Group statement covers the parent company only");
        r.at("C4") = Cell::str("No");
        b.form(dir + "carewell-group.xlsx", b.add(std::move(r)), FormLayout{true, 0, false});
        b.scenario(dir + "carewell-group.xlsx", won.row.id + " (losing bidder)",
                   "Turnover £52.4m answers C1 modern slavery statement \"N/A\" (template with a Guidance sheet first)",
                   "TND-MODERN-SLAVERY fail; TND-LIVING-WAGE warn (C4 No)");

        Spec crayford = bidder({"11234567", "Crayford Community Care CIC", 95, 3'200'000, true}, {12, 3, 3, 156, 300, 60'000, 80'000, 900});
        r = tender_return(crayford, t, ymd(2025, 5, 12));
        r.at("B2") = Cell::yes_no(true).with_evidence("Employment tribunal, March 2023: disability discrimination (failure to make reasonable adjustments)");
        r.at("B2a") = Cell::str("Reasonable adjustments policy rewritten with Disability Rights UK, all managers retrained, "
                                "adjustments now approved within 10 working days and audited by the board each quarter");
        b.form(dir + "crayford-community-care.xlsx", b.add(std::move(r)));
        b.scenario(dir + "crayford-community-care.xlsx", won.row.id + " (losing bidder)",
                   "B2: tribunal finding of discrimination, B2a describes the remedy", "TND-DISCRIMINATION refer");
    }

    // Tender 2: family support, exported from the e-tendering portal, one row per bidder.
    {
        const Spec& won = find(specs, "BX-2025-0151");
        const std::string t = won.row.tender_id;
        const std::string path = "tenders/" + t + "/portal-export-" + t + ".csv";
        std::vector<size_t> rows;
        rows.push_back(b.add(tender_return(won, t, ymd(2025, 6, 6))));

        Spec kestrel = bidder({"08765432", "Kestrel Children's Services Ltd", 310, 19'500'000, false}, {10, 2, 1, 156, 240, 20'000, 90'000, 300});
        Return r = tender_return(kestrel, t, ymd(2025, 6, 5));
        r.at("B2") = Cell::yes_no(true);
        r.at("B2a") = Cell::blank();
        r.at("C2") = Cell::str("No");
        rows.push_back(b.add(std::move(r)));

        Spec harbour = bidder({"1145678", "Harbour Youth & Family Trust", 38, 1'900'000, true}, {5, 1, 1, 52, 100, 30'000, 20'000, 1200});
        r = tender_return(harbour, t, ymd(2025, 6, 6));
        r.at("B6") = Cell::blank();
        r.at("C5") = Cell::str("tbc");
        rows.push_back(b.add(std::move(r)));

        b.csv(path, rows, kPortal);
        b.scenario(path, won.row.id, "Row 1, Brightpath Family Support Ltd: awarded bidder, compliant (140 employees, turnover £7.8m)",
                   "pass on every tender rule; TND-MODERN-SLAVERY and TND-GENDER-PAY-GAP not applicable");
        b.scenario(path, won.row.id + " (losing bidder)", "Row 2, Kestrel Children's Services Ltd: B2 tribunal finding with B2a blank",
                   "TND-DISCRIMINATION fail (mandatory)");
        b.scenario(path, won.row.id + " (losing bidder)", "Row 2, Kestrel: 310 employees, C2 gender pay gap \"No\"", "TND-GENDER-PAY-GAP fail");
        b.scenario(path, won.row.id + " (losing bidder)", "Row 3, Harbour Youth & Family Trust: B6 left blank", "TND-SERVICE-USER-MONITORING missing (blank answer)");
        b.scenario(path, won.row.id + " (losing bidder)", "Row 3, Harbour: C5 answered \"tbc\" in a whole-number field",
                   "TND-SUBCONTRACTOR-PAYMENT missing (unreadable answer kept as typed)");
    }

    // Tender 3: a live tender, not yet awarded: no contract in the register comes from it, and
    // its bids are screened on arrival all the same.
    {
        const std::string t = "BX-T-2026-031";
        const std::string dir = "tenders/" + t + "/";
        Spec riverside = bidder({"09213456", "Riverside Meals CIC", 64, 2'400'000, true}, {6, 2, 1, 104, 150, 25'000, 40'000, 600});
        b.form(dir + "riverside-meals.xlsx", b.add(tender_return(riverside, t, ymd(2026, 3, 2))));
        b.scenario(dir + "riverside-meals.xlsx", t + " (before award)", "Compliant bid, screened before any contract exists",
                   "pass on every tender rule the bid answers, judged on the tender pipeline's facts for the contract");

        Spec dinewell = bidder({"04456123", "Dinewell Catering Ltd", 280, 18'900'000, false}, {15, 3, 2, 208, 300, 40'000, 120'000, 400});
        Return r = tender_return(dinewell, t, ymd(2026, 3, 3));
        r.at("B5") = Cell::blank();
        b.form(dir + "dinewell-catering.xlsx", b.add(std::move(r)));
        b.scenario(dir + "dinewell-catering.xlsx", t + " (before award)", "B5 left blank",
                   "missing, and a question to send on the comparison's Clarifications sheet");
    }

    // Every other tendered contract: the awarded supplier's own return.
    for (const Spec& s : specs) {
        if (s.row.tender_id.empty() || s.row.id == "BX-2025-0142" || s.row.id == "BX-2025-0151") continue;
        Return r = tender_return(s, s.row.tender_id, s.tender_submitted);
        const std::string dir = "tenders/" + s.row.tender_id + "/";
        if (s.row.id == "BX-2025-0216") r.at("B11") = Cell::yes_no(false).with_evidence("Six staff: we cannot commit the time");
        if (s.row.id == "BX-2025-0216") {
            r.at("C6") = Cell::yes_no(false);
            r.at("C5") = Cell::blank();
        }
        if (s.row.id == "BX-2025-0204") {
            r.at("B3") = Cell::yes_no(true);
            r.at("B3a") = Cell::str("EHRC investigation 2023 into access for disabled customers at one centre; closed with a "
                                    "section 23 agreement, action plan completed March 2024 (changing places toilets, hoists, staff training)");
        }
        if (s.row.id == "BX-2025-0170" || s.row.id == "BX-2025-0230") {
            const std::string path = dir + "portal-export-" + s.row.tender_id + ".csv";
            b.csv(path, {b.add(std::move(r))}, kPortal);
            if (s.row.id == "BX-2025-0170")
                b.scenario(path, s.row.id, "Single-row portal export; turnover £128m with a published modern slavery statement, 2,300 employees with gender pay gap published",
                           "TND-MODERN-SLAVERY pass; TND-GENDER-PAY-GAP pass");
            continue;
        }
        const std::string path = dir + s.slug + ".xlsx";
        b.form(path, b.add(std::move(r)), FormLayout{s.row.id == "BX-2025-0199", 0, false});
        if (s.row.id == "BX-2025-0178")
            b.scenario(path, s.row.id, "C4 London Living Wage \"No\"; C3 Disability Confident level 1",
                       "TND-LIVING-WAGE warn; TND-DISABILITY-CONFIDENT fail");
        if (s.row.id == "BX-2025-0204")
            b.scenario(path, s.row.id, "B3: EHRC investigation declared, B3a gives the outcome and measures", "TND-EHRC refer");
        if (s.row.id == "BX-2025-0216")
            b.scenario(path, s.row.id, "B11: will not contribute to the council's Equality Impact Assessment",
                       "TND-EQIA warn; QTR-EQIA-CONTRIBUTION not applicable in every quarter (nothing promised)");
        if (s.row.id == "BX-2025-0211")
            b.scenario(path, s.row.id, "Turnover £410k answers C1 \"N/A\", 18 employees answer C2 \"N/A\"",
                       "TND-MODERN-SLAVERY and TND-GENDER-PAY-GAP not applicable (N/A is right below the thresholds)");
        if (s.row.id == "BX-2025-0216")
            b.scenario(path, s.row.id, "C6 \"No\": will not subcontract, so C5 (subcontractor payment terms) is left blank",
                       "TND-SUBCONTRACTOR-PAYMENT and TND-SUBCONTRACTOR-FLOWDOWN (B7) not applicable (not asked), not missing");
    }
}

/// Where each contract's monitoring returns go, and in which layout.
enum class QuarterlyFiles { Forms, MarginForms, GuidanceForms, OneCsv, CsvPerQuarter };

QuarterlyFiles quarterly_files(const std::string& id) {
    if (id == "BX-2025-0170" || id == "BX-2025-0178" || id == "BX-2025-0204") return QuarterlyFiles::OneCsv;
    if (id == "BX-2025-0230") return QuarterlyFiles::CsvPerQuarter;
    if (id == "BX-2025-0163") return QuarterlyFiles::MarginForms;
    if (id == "BX-2025-0199") return QuarterlyFiles::GuidanceForms;
    return QuarterlyFiles::Forms;
}

CsvStyle quarterly_csv_style(const std::string& id) {
    if (id == "BX-2025-0170") return supplier_system(true, true, false);                 // ISO dates, 0.85, 1250
    if (id == "BX-2025-0178") return supplier_system(true, true, false);
    if (id == "BX-2025-0204") return supplier_system(false, false, true, ',', true);    // BOM, 85%, £1,250
    return supplier_system(true, false, true, ';');                                     // semicolons
}

std::string quarterly_form_path(const Spec& s, Quarter q) {
    return "quarterly/" + s.row.id + "/" + s.row.id + "_" + q.label() + ".xlsx";
}

/// Sets one social value measure delivered (`ref`, Q12a to Q12h) in the four quarterly returns
/// of one contract: money as money, the rest as numbers.
void set_measure(Portfolio& p, const std::array<size_t, 4>& returns, std::string_view ref, const std::array<double, 4>& delivered) {
    const bool money = questions(ReturnKind::Quarterly)[question_index(ReturnKind::Quarterly, ref)].type == AnswerType::Money;
    for (size_t i = 0; i < 4; ++i) p.returns[returns[i]].at(ref) = money ? Cell::money(delivered[i]) : Cell::num(delivered[i]);
}

void add_quarterlies(Builder& b, const std::vector<Spec>& specs) {
    for (size_t si = 0; si < specs.size(); ++si) {
        const Spec& s = specs[si];
        const std::string& id = s.row.id;
        Rng rng = Rng::for_item(20251001, si);
        std::array<size_t, 4> idx{};
        for (size_t qi = 0; qi < kQuarters.size(); ++qi) {
            const Quarter q = kQuarters[qi];
            // Typically in 9 to 23 days: well within the 28 allowed.
            const int days_after = 9 + static_cast<int>((si * 5 + qi * 3) % 15);
            const Date submitted = add_days(q.last_day(kScheme), days_after);
            idx[qi] = b.add(compliant_quarterly_return(s.row, q, static_cast<int>(qi), submitted, s.offer, s.service, rng));
        }
        auto ret = [&](size_t qi) -> Return& { return b.p.returns[idx[qi]]; };
        const QuarterlyFiles files = quarterly_files(id);
        auto file_of = [&](size_t qi) {
            if (files == QuarterlyFiles::OneCsv) return "quarterly/" + id + "/" + s.slug + "-export-2025-Q3-to-2026-Q2.csv";
            if (files == QuarterlyFiles::CsvPerQuarter) return "quarterly/" + id + "/" + s.slug + "-" + kQuarters[qi].label() + ".csv";
            return quarterly_form_path(s, kQuarters[qi]);
        };

        // The scenarios, each bending one thing in one quarter.
        if (id == "BX-2025-0142") {
            b.scenario("quarterly/" + id + "/ (all four quarters)", id, "Clean baseline: on time, monitoring above 80%, social value ahead of pro rata",
                       "pass on every quarterly rule");
        } else if (id == "BX-2025-0151") {
            ret(2).submitted = add_days(kQuarters[2].last_day(kScheme), 40);
            b.scenario(file_of(2), id, "Submitted 09/08/2026, 40 days after the quarter ended", "QTR-ON-TIME fail");
            ret(1).at("Q3") = Cell::integer(3);
            ret(1).at("Q4") = Cell::integer(2).with_evidence("One complaint (interpreter not booked for a family meeting) still open at quarter end");
            b.scenario(file_of(1), id, "Q3 = 3 discrimination complaints, Q4 = 2 resolved within 28 days", "QTR-COMPLAINTS-RESOLVED fail");
        } else if (id == "BX-2025-0163") {
            ret(0).at("Q9") = Cell::day(ymd(2025, 3, 14));
            ret(1).at("Q9") = Cell::day(ymd(2025, 3, 14)).with_evidence("Review booked for May 2026");
            ret(2).at("Q9") = Cell::day(ymd(2026, 5, 20));
            ret(3).at("Q9") = Cell::day(ymd(2026, 5, 20));
            b.scenario(file_of(1), id, "Q9 last accessibility review 14/03/2025, 382 days before the quarter ended (2025-Q3: 292 days, passes)",
                       "QTR-ACCESSIBILITY-REVIEW fail");
            b.scenario("quarterly/" + id + "/ (all four quarters)", id,
                       "Supplier's copy of the template has a margin column: Ref | Question | Response | Evidence in columns B to E",
                       "read like any other form");
        } else if (id == "BX-2025-0170") {
            ret(2).at("Q10") = Cell::yes_no(false).with_evidence("Agency drivers covering summer leave were paid £13.85 an hour");
            b.scenario(file_of(2) + " (row 2026-Q1)", id, "Tender C4 \"Accredited\", but Q10 all staff paid London Living Wage = No",
                       "QTR-LIVING-WAGE fail");
        } else if (id == "BX-2025-0178") {
            b.scenario(file_of(0), id, "Back-office contract (Services to Residents = No): Q1 = 0, Q2 left blank; tender C4 = No",
                       "QTR-EQUALITY-MONITORING and QTR-LIVING-WAGE not applicable");
        } else if (id == "BX-2025-0192") {
            ret(1).at("Q2c") = Cell::percent(0.70);
            b.scenario(file_of(1), id, "Q2c gender reassignment recorded for 70% of service users", "QTR-EQUALITY-MONITORING warn");
            ret(3).at("Q11") = Cell::num(45).with_evidence("Cash-flow problems after a late housing benefit payment");
            b.scenario(file_of(3), id, "Q11 subcontractors paid in 45 days on average", "QTR-SUBCONTRACTOR-PAYMENT fail");
        } else if (id == "BX-2025-0199") {
            ret(2).at("Q2i") = Cell::percent(0.55).with_evidence("New referral form did not ask; corrected in July");
            b.scenario(file_of(2), id, "Q2i sexual orientation recorded for 55% of service users", "QTR-EQUALITY-MONITORING fail");
            ret(3).at("Q6") = Cell::percent(0.85);
            b.scenario(file_of(3), id, "Q6 85% of contract staff with current equality training", "QTR-STAFF-TRAINING fail");
        } else if (id == "BX-2024-0087") {
            b.scenario("quarterly/" + id + "/ (all four quarters)", id,
                       "Direct call-off with no Tender Reference: no tender return on file",
                       "QTR-LIVING-WAGE and QTR-EQIA-CONTRIBUTION missing (no tender promise to judge against); the QTR-SOCIAL-VALUE-* rules "
                       "not applicable (no commitment); CON-SOCIAL-VALUE-WEIGHTING not applicable");
        } else if (id == "BX-2025-0204") {
            // 40 FTE over ten years: 60% of the pro-rata share each quarter.
            set_measure(b.p, idx, "Q12a", {0.6, 0.6, 0.6, 0.6});
            b.scenario(file_of(0) + " (every row)", id,
                       "D1 promised 40 FTE over 10 years; 0.6 FTE a quarter delivered, 2.4 to date against 4.0 due at 2026-Q2 (60%)",
                       "QTR-SOCIAL-VALUE-JOBS fail in every quarter");
            b.scenario(file_of(0), id, "UTF-8 with byte-order mark, percentages typed \"85%\", money \"£1,250\", dates dd/mm/yyyy",
                       "read like any other CSV");
        } else if (id == "BX-2025-0216") {
            set_measure(b.p, idx, "Q12a", {0.2, 0.4, 0.3, 0.2});
            for (size_t qi = 0; qi < 4; ++qi) ret(qi).at("Q5") = Cell::integer(std::array<int, 4>{64, 71, 58, 77}[qi]);
            // The bid said it would not subcontract (C6 No): Q11 is not asked, and left blank.
            for (size_t qi = 0; qi < 4; ++qi) ret(qi).at("Q11") = Cell::blank();
            b.scenario(file_of(0), id, "Q11 (days to pay subcontractors) blank in every quarter: the bid's C6 said it would not subcontract",
                       "QTR-SUBCONTRACTOR-PAYMENT not applicable (not asked), not missing");
            b.scenario(file_of(3), id, "Q12a local jobs 0.2, 0.4, 0.3, 0.2 FTE: falling in 2026-Q1 and again in 2026-Q2 (still ahead of pro rata)",
                       "QTR-SOCIAL-VALUE-FALLING warn in 2026-Q2; QTR-SOCIAL-VALUE-JOBS pass");
        } else if (id == "BX-2025-0230") {
            ret(1).at("Q5") = Cell::blank();
            b.scenario(file_of(1), id, "Semicolon-delimited export with q.hate_incidents_reported left empty", "QTR-HATE-INCIDENTS missing");
        }

        // Social value: every measure behind its commitment somewhere (warn at about 80% of the
        // pro-rata share, fail below 75%) and falling two quarters running somewhere, each while
        // the contract's other measures stay on plan. Values are per quarter, 2025-Q3 to 2026-Q2.
        const std::string every_quarter = "quarterly/" + id + "/ (all four quarters)";
        if (id == "BX-2025-0170") {
            set_measure(b.p, idx, "Q12b", {0.3, 0.3, 0.3, 0.3});
            set_measure(b.p, idx, "Q12c", {0.15, 0.15, 0.15, 0.15});
            set_measure(b.p, idx, "Q12f", {3500, 3500, 3500, 3500});
            b.scenario(file_of(0) + " (every row)", id,
                       "D2 12 FTE and D3 6 FTE over 8 years: 0.3 and 0.15 FTE a quarter, about 80% of the pro-rata share",
                       "QTR-SOCIAL-VALUE-LONG-TERM-UNEMPLOYED and QTR-SOCIAL-VALUE-DISABLED-JOBS warn in every quarter");
            b.scenario(file_of(0) + " (every row)", id, "D6 £250,000 with VCSEs over 8 years: £3,500 a quarter, about 45% of the pro-rata share",
                       "QTR-SOCIAL-VALUE-VCSE-SPEND fail in every quarter");
        } else if (id == "BX-2025-0178") {
            set_measure(b.p, idx, "Q12d", {6, 6, 6, 6});
            set_measure(b.p, idx, "Q12e", {16, 16, 16, 16});
            set_measure(b.p, idx, "Q12g", {10000, 10000, 10000, 10000});
            b.scenario(file_of(0) + " (every row)", id, "D4 312 apprenticeship weeks over 5 years: 6 a quarter, about 38% of the pro-rata share",
                       "QTR-SOCIAL-VALUE-APPRENTICESHIPS fail in every quarter");
            b.scenario(file_of(0) + " (every row)", id,
                       "D5 400 training weeks and D7 £250,000 with local SMEs over 5 years: 16 weeks and £10,000 a quarter, about 80%",
                       "QTR-SOCIAL-VALUE-TRAINING and QTR-SOCIAL-VALUE-LOCAL-SME-SPEND warn in every quarter");
        } else if (id == "BX-2025-0192") {
            set_measure(b.p, idx, "Q12c", {0, 0, 0.1, 0});
            set_measure(b.p, idx, "Q12f", {1800, 1800, 1800, 1800});
            set_measure(b.p, idx, "Q12g", {2000, 2000, 2000, 2000});
            b.scenario(every_quarter, id, "D3 2 disabled people (FTE) over 5 years: 0.1 FTE hired in a year",
                       "QTR-SOCIAL-VALUE-DISABLED-JOBS fail in every quarter");
            b.scenario(every_quarter, id, "D6 £45,000 with VCSEs: £1,800 a quarter, about 80% of the pro-rata share",
                       "QTR-SOCIAL-VALUE-VCSE-SPEND warn in every quarter");
            b.scenario(every_quarter, id, "D7 £90,000 with local SMEs: £2,000 a quarter, about 45% of the pro-rata share",
                       "QTR-SOCIAL-VALUE-LOCAL-SME-SPEND fail in every quarter");
        } else if (id == "BX-2025-0204") {
            set_measure(b.p, idx, "Q12h", {40, 40, 40, 40});
            b.scenario(file_of(0) + " (every row)", id, "D8 2,000 volunteering hours over 10 years: 40 a quarter, about 80% of the pro-rata share",
                       "QTR-SOCIAL-VALUE-VOLUNTEERING warn in every quarter");
        } else if (id == "BX-2025-0230") {
            set_measure(b.p, idx, "Q12b", {0.1, 0, 0.1, 0});
            set_measure(b.p, idx, "Q12d", {18, 18, 18, 18});
            set_measure(b.p, idx, "Q12e", {8, 8, 8, 8});
            set_measure(b.p, idx, "Q12h", {10, 10, 10, 10});
            b.scenario(every_quarter, id, "D4 624 apprenticeship weeks over 7 years: 18 a quarter, about 80% of the pro-rata share",
                       "QTR-SOCIAL-VALUE-APPRENTICESHIPS warn in every quarter");
            b.scenario(every_quarter, id,
                       "D2 long-term unemployed 0.2 FTE in a year against 4 over 7 years; D5 training 8 weeks and D8 volunteering 10 hours a quarter, under half the pro-rata share",
                       "QTR-SOCIAL-VALUE-LONG-TERM-UNEMPLOYED, QTR-SOCIAL-VALUE-TRAINING and QTR-SOCIAL-VALUE-VOLUNTEERING fail in every quarter");
        } else if (id == "BX-2025-0185") {
            set_measure(b.p, idx, "Q12a", {0.2, 0.2, 0.2, 0.2});
            b.scenario(every_quarter, id, "D1 3 local people employed (FTE) over 3 years: 0.2 FTE a quarter, about 80% of the pro-rata share",
                       "QTR-SOCIAL-VALUE-JOBS warn in every quarter");
        } else if (id == "BX-2025-0151") {
            set_measure(b.p, idx, "Q12b", {0.2, 0.4, 0.3, 0.2});
            set_measure(b.p, idx, "Q12c", {0.1, 0.3, 0.2, 0.1});
            b.scenario(file_of(3), id, "Q12b 0.2, 0.4, 0.3, 0.2 FTE and Q12c 0.1, 0.3, 0.2, 0.1 FTE: each falling in 2026-Q1 and again in 2026-Q2, still ahead of pro rata",
                       "QTR-SOCIAL-VALUE-LONG-TERM-UNEMPLOYED-FALLING and QTR-SOCIAL-VALUE-DISABLED-JOBS-FALLING warn in 2026-Q2; the measures pass");
        } else if (id == "BX-2025-0163") {
            set_measure(b.p, idx, "Q12f", {1500, 2400, 2000, 1700});
            set_measure(b.p, idx, "Q12g", {900, 1400, 1200, 1000});
            set_measure(b.p, idx, "Q12h", {150, 220, 190, 160});
            b.scenario(file_of(3), id,
                       "Spend with VCSEs (Q12f) £2,400, £2,000, £1,700, with local SMEs (Q12g) £1,400, £1,200, £1,000 and volunteering (Q12h) 220, 190, 160 hours from 2025-Q4: each falling twice, still ahead of pro rata",
                       "QTR-SOCIAL-VALUE-VCSE-SPEND-FALLING, QTR-SOCIAL-VALUE-LOCAL-SME-SPEND-FALLING and QTR-SOCIAL-VALUE-VOLUNTEERING-FALLING warn in 2026-Q2");
        } else if (id == "BX-2025-0199") {
            set_measure(b.p, idx, "Q12d", {8, 12, 10, 8});
            set_measure(b.p, idx, "Q12e", {12, 18, 15, 13});
            b.scenario(file_of(3), id, "Apprenticeship weeks (Q12d) 12, 10, 8 and training weeks (Q12e) 18, 15, 13 from 2025-Q4: each falling twice, still ahead of pro rata",
                       "QTR-SOCIAL-VALUE-APPRENTICESHIPS-FALLING and QTR-SOCIAL-VALUE-TRAINING-FALLING warn in 2026-Q2");
        }

        // Resident feedback (Q8) and the Equality Impact Assessment promised at tender (Q13).
        if (id == "BX-2025-0225") {
            ret(1).at("Q8") = Cell::integer(0).with_evidence("Carers' forum cancelled (venue flooded); rescheduled for April");
            b.scenario(file_of(1), id, "Q8 no resident feedback opportunity held in the quarter", "QTR-FEEDBACK-OPPORTUNITIES fail");
        } else if (id == "BX-2025-0178") {
            b.scenario(file_of(0), id, "Back-office contract: Q8 = 0 feedback sessions", "QTR-FEEDBACK-OPPORTUNITIES not applicable");
        } else if (id == "BX-2025-0211") {
            for (size_t qi = 0; qi < 4; ++qi) {
                ret(qi).at("Q13") = Cell::yes_no(false);
                ret(qi).at("Q13a") = Cell::blank();
            }
            ret(0).at("Q13").evidence = "We have not been asked for information for the assessment";
            b.scenario(every_quarter, id, "Tender B11 promised a contribution to the council's EQIA; Q13 = No in every quarter",
                       "QTR-EQIA-CONTRIBUTION fail in every quarter");
        } else if (id == "BX-2025-0216") {
            for (size_t qi = 0; qi < 4; ++qi) {
                ret(qi).at("Q13") = Cell::yes_no(false);
                ret(qi).at("Q13a") = Cell::blank();
            }
        }

        // Files.
        if (files == QuarterlyFiles::OneCsv) {
            b.csv(file_of(0), {idx.begin(), idx.end()}, quarterly_csv_style(id));
        } else {
            for (size_t qi = 0; qi < 4; ++qi) {
                if (files == QuarterlyFiles::CsvPerQuarter) {
                    b.csv(file_of(qi), {idx[qi]}, quarterly_csv_style(id));
                } else {
                    b.form(file_of(qi), idx[qi],
                           FormLayout{files == QuarterlyFiles::GuidanceForms, files == QuarterlyFiles::MarginForms ? 1 : 0, false});
                }
            }
        }
        if (id == "BX-2025-0225") {
            // The same 2026-Q2 return sent again by email and cut short on the way.
            const std::string path = "quarterly/" + id + "/" + id + "_2026-Q2_resent-truncated.xlsx";
            b.form(path, idx[3], FormLayout{false, 0, true});
            b.scenario(path, id, "A resent copy of the 2026-Q2 form cut off half way (zip central directory missing); the complete form is also in the folder",
                       "file refused as unreadable with a reason; the contract's 2026-Q2 return still judged from the complete copy");
        }
    }
}

void add_contract_scenarios(Builder& b) {
    const std::string reg = b.p.register_path;
    b.scenario(reg, "BX-2025-0170", "£40m contract with 2 KPIs", "CON-KPIS fail");
    b.scenario(reg, "BX-2025-0178", "Social value weighted at 5%", "CON-SOCIAL-VALUE-WEIGHTING fail");
    b.scenario(reg, "BX-2025-0211", "VCSE supplier with 30 days' notice", "CON-COMPACT-NOTICE fail (Compact asks for 91)");
    b.scenario(reg, "BX-2025-0216", "VCSE grant paid in arrears; two-year term", "CON-COMPACT-ADVANCE fail (minor: Amber); CON-COMPACT-TERM warn");
    b.scenario(reg, "BX-2025-0142", "£18.4m with 6 KPIs, 10% social value, 30-day payment", "CON-KPIS, CON-SOCIAL-VALUE-WEIGHTING, CON-PAYMENT-TERMS pass");
    b.scenario(reg, "BX-2025-0185", "VCSE grant: 91 days' notice, paid in advance, full cost recovery, three years", "CON-COMPACT-NOTICE, CON-COMPACT-FULL-COST, CON-COMPACT-ADVANCE and CON-COMPACT-TERM pass");
    b.scenario(reg, "BX-2025-0185", "Funding type Grant: the procurement checks are not its, prompt payment is", "CON-KPIS and CON-SOCIAL-VALUE-WEIGHTING not applicable; CON-PAYMENT-TERMS pass");
    b.scenario(reg, "BX-2025-0204", "VCSE supplier on a £24m contract (funding type Contract)", "CON-COMPACT-ADVANCE not applicable (grants only)");
}

// The procurement team's tender pipeline: the live tender's facts (so its bids are judged on
// them before award) and two tenders already awarded, whose contracts' facts win.
void add_tender_pipeline(Builder& b) {
    b.p.pipeline_path = "register/tender-pipeline.csv";
    b.p.tenders = {
        {"BX-T-2025-014", "Home Care and Reablement Services, North Bexley", "Adult Social Care", 18'000'000,
         ymd(2025, 10, 1), ymd(2030, 9, 30), "Contract", true, 10, ymd(2025, 6, 13), 2},
        {"BX-T-2025-021", "Family Support and Early Help Service", "Children's Services", 2'900'000, ymd(2025, 10, 1),
         ymd(2029, 9, 30), "Contract", true, 10, ymd(2025, 6, 20), 1},
        {"BX-T-2026-031", "Community Meals Service", "Adult Social Care", 1'200'000, ymd(2026, 7, 1), ymd(2029, 6, 30),
         "Contract", true, 10, ymd(2026, 3, 6), 1},
    };
    b.scenario(b.p.pipeline_path, "BX-T-2026-031 (before award)",
               "Pipeline row: estimated value £1.2m, services to residents, social value weighted at 10%",
               "both bids judged on these facts: TND-SERVICE-USER-MONITORING and TND-SOCIAL-VALUE-OFFERED no longer missing");
}

}  // namespace

Portfolio curated_sample() {
    Builder b;
    const std::vector<Spec> specs = contracts();
    b.p.register_path = "register/contract-register.csv";
    for (const Spec& s : specs) b.p.contracts.push_back(s.row);
    add_contract_scenarios(b);
    add_tenders(b, specs);
    add_tender_pipeline(b);
    add_quarterlies(b, specs);
    return std::move(b.p);
}

std::string scenario_table(const Portfolio& portfolio) {
    auto cell = [](std::string s) {
        // A pipe would end the markdown cell.
        for (size_t pos = 0; (pos = s.find('|', pos)) != std::string::npos; pos += 2) s.replace(pos, 1, "\\|");
        return s;
    };
    std::ostringstream out;
    out << "| # | File (under `inbox/`) | Contract | Situation | Expected outcome |\n";
    out << "|---|---|---|---|---|\n";
    int n = 0;
    for (const Scenario& s : portfolio.scenarios) {
        // "path (row 2026-Q1)": the path in code style, the note after it in words.
        const size_t note = s.file.find(" (");
        const std::string path = s.file.substr(0, note);
        const std::string rest = note == std::string::npos ? std::string() : s.file.substr(note);
        out << "| " << ++n << " | `" << cell(path) << "`" << cell(rest) << " | " << cell(s.contract) << " | " << cell(s.situation)
            << " | " << cell(s.expected) << " |\n";
    }
    return out.str();
}

std::string contract_table(const Portfolio& portfolio) {
    std::ostringstream out;
    out << "| Contract | Title | Service area | Supplier | Size | VCSE | Value | Term | Tender |\n";
    out << "|---|---|---|---|---|---|---|---|---|\n";
    for (const ContractRow& c : portfolio.contracts) {
        out << "| " << c.id << " | " << c.title << " | " << c.service_area << " | " << c.supplier_name << " (" << c.supplier_id
            << ") | " << c.supplier_scale << " | " << (c.vcse ? "Yes" : "No") << " | " << format_money(c.value_pounds * 100) << " | "
            << dmy(c.start) << " to " << dmy(c.end) << " | " << (c.tender_id.empty() ? "direct award" : c.tender_id) << " |\n";
    }
    return out.str();
}

namespace {

/// Replaces what stands between "<!-- NAME:begin -->" and "<!-- NAME:end -->".
void replace_section(std::string& text, const std::string& name, const std::string& content, const std::string& file) {
    const std::string begin = "<!-- " + name + ":begin -->";
    const std::string end = "<!-- " + name + ":end -->";
    const size_t b = text.find(begin);
    const size_t e = text.find(end);
    if (b == std::string::npos || e == std::string::npos || e < b)
        throw std::runtime_error(file + " has no " + begin + " ... " + end + " section");
    text = text.substr(0, b + begin.size()) + "\n" + content + text.substr(e);
}

}  // namespace

void update_readme(const std::filesystem::path& path, const Portfolio& portfolio) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    replace_section(text, "contracts", contract_table(portfolio), path.string());
    replace_section(text, "scenarios", scenario_table(portfolio), path.string());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace fairgate::gen
