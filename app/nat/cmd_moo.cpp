// nat moo (run NSGA-III/NSGA-II on a test problem, hypervolume of a CSV front, the Deb & Jain
// reproduction) | nat bench moo
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <memory>
#include <sstream>
#include <thread>

#include "base/error.h"
#include "base/file_io.h"
#include "base/rng.h"
#include "cli_util.h"
#include "moo/deb_jain.h"
#include "moo/hypervolume.h"
#include "moo/indicators.h"
#include "moo/nondominated_sort.h"
#include "moo/optimizer.h"
#include "moo/reference_directions.h"
#include "moo/test_problems.h"

namespace nat::cli {

namespace {

using namespace nat::moo;

struct MooOpts {
    std::string problem, algorithm = "nsga3", out, hvFile, ref, table;
    int objectives = 3, generations = 250, pop = 0, partitions = 0, runs = 20, threads = 1;
    long long samples = 1'000'000;
    std::uint64_t seed = 0;
    bool igd = false, json = false, reproduce = false;
};

std::string fmt(double v, int precision = 4) {
    std::ostringstream s;
    s << std::scientific << std::setprecision(precision - 1) << v;
    return s.str();
}

// Deb & Jain 2014, Table I for M = 3, 5 (one layer) and 8, 10 (two layers 3 + 2); otherwise the
// largest H whose Das-Dennis count stays within 300.
Matrix defaultDirections(int m, int partitions) {
    if (partitions > 0) return dasDennis(m, partitions);
    if (m == 2) return dasDennis(2, 99);
    if (m == 3) return dasDennis(3, 12);
    if (m == 5) return dasDennis(5, 6);
    if (m >= 8) return twoLayerDirections(m, 3, 2);
    int h = 1;
    while (numDasDennis(m, h + 1) <= 300) ++h;
    return dasDennis(m, h);
}

std::vector<double> parseNumberList(const std::string& text, const std::string& what) {
    std::vector<double> v;
    std::stringstream ss(text);
    for (std::string item; std::getline(ss, item, ',');) {
        std::size_t used = 0;
        double x = 0.0;
        try {
            x = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != item.size() || !std::isfinite(x))
            throw Error(ErrorCode::InvalidArgument, what + ": '" + item + "' is not a number (expected r1,...,rM)");
        v.push_back(x);
    }
    return v;
}

// A CSV of objective vectors: an optional header row (f1,...), then one point per row.
Matrix readFrontCsv(const std::string& file) {
    std::stringstream in(readTextFile(file));
    Matrix F;
    int lineNo = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        if (lineNo == 1 && line.find_first_of("0123456789") != 0 && line[0] != '-' && line[0] != '.' && line[0] != '+') continue;
        std::vector<double> row;
        try {
            row = parseNumberList(line, "row");
        } catch (const Error& e) {
            throw Error(ErrorCode::Parse, nat::quoted(std::filesystem::path(file)) + " line " + std::to_string(lineNo) + ": " + e.what());
        }
        if (!F.empty() && row.size() != F.cols())
            throw Error(ErrorCode::Parse, nat::quoted(std::filesystem::path(file)) + " line " + std::to_string(lineNo) + ": " + std::to_string(row.size()) +
                                              " values, expected " + std::to_string(F.cols()));
        F.appendRow(row);
    }
    if (F.empty()) throw Error(ErrorCode::Parse, nat::quoted(std::filesystem::path(file)) + ": no points");
    return F;
}

void writeFrontCsv(const std::string& file, const Matrix& F) {
    std::ostringstream s;
    for (std::size_t j = 0; j < F.cols(); ++j) s << (j ? "," : "") << "f" << j + 1;
    s << "\n" << std::setprecision(17);
    for (std::size_t r = 0; r < F.rows(); ++r) {
        for (std::size_t j = 0; j < F.cols(); ++j) s << (j ? "," : "") << F(r, j);
        s << "\n";
    }
    writeFileAtomic(file, s.str());
}

void hypervolumeCommand(const MooOpts& o) {
    const Matrix F = readFrontCsv(o.hvFile);
    if (o.ref.empty()) throw Error(ErrorCode::InvalidArgument, "--hv needs --ref r1,...,rM");
    const std::vector<double> ref = parseNumberList(o.ref, "--ref");
    if (ref.size() != F.cols())
        throw Error(ErrorCode::InvalidArgument, "--ref has " + std::to_string(ref.size()) + " values, " + nat::quoted(std::filesystem::path(o.hvFile)) +
                                                    " has " + std::to_string(F.cols()) + " objectives");
    Json j = {{"points", F.rows()}, {"objectives", F.cols()}, {"ref", ref}};
    if (F.cols() <= 6) {
        j["hypervolume"] = hypervolume(F, ref);
        j["method"] = "exact";
    } else {
        const auto e = hypervolumeMonteCarlo(F, ref, o.samples, o.seed);
        j["hypervolume"] = e.value;
        j["method"] = "monte-carlo";
        j["ci95"] = {e.lower, e.upper};
        j["samples"] = e.samples;
    }
    if (o.json) return printJson(j);
    *io().out << std::setprecision(10) << j["hypervolume"].get<double>();
    if (j["method"] == "monte-carlo")
        *io().out << " (Monte-Carlo, " << o.samples << " samples, 95% CI [" << j["ci95"][0].get<double>() << ", "
                  << j["ci95"][1].get<double>() << "])";
    *io().out << "\n";
}

void runCommand(const MooOpts& o) {
    if (o.problem.empty()) throw Error(ErrorCode::InvalidArgument, "nat moo needs --problem (or --hv FILE, or --reproduce-deb-jain)");
    if (o.out.empty()) throw Error(ErrorCode::InvalidArgument, "nat moo --problem needs --out FRONT.csv");
    const auto problem = makeTestProblem(o.problem, o.objectives);
    const int m = problem->numObjectives();
    OptimizerOptions opt;
    opt.algorithm = o.algorithm == "nsga2" ? AlgorithmKind::Nsga2 : AlgorithmKind::Nsga3;
    opt.refDirs = defaultDirections(m, o.partitions);
    // NSGA-III: the smallest multiple of 4 above the direction count (Deb & Jain 2014, §V-A).
    opt.popSize = o.pop > 0 ? o.pop : opt.algorithm == AlgorithmKind::Nsga3 ? static_cast<int>((opt.refDirs.rows() + 4) / 4 * 4) : 100;
    opt.generations = o.generations;
    opt.seed = o.seed;
    const auto t0 = std::chrono::steady_clock::now();
    const OptimizerResult r = minimize(*problem, opt);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const Matrix front = r.F.select(r.front);
    writeFrontCsv(o.out, front);
    Json j = {{"problem", problem->name()}, {"objectives", m}, {"algorithm", o.algorithm}, {"population", opt.popSize},
              {"generations", r.generations}, {"evaluations", r.evaluations}, {"front_points", front.rows()},
              {"seconds", secs}, {"out", o.out}};
    if (o.igd) j["igd"] = igd(front, testProblemFront(*problem, opt.refDirs));
    if (o.json) return printJson(j);
    std::ostream& out = *io().out;
    out << problem->name() << " M=" << m << " " << o.algorithm << ": population " << opt.popSize << ", " << r.generations
        << " generations, " << r.evaluations << " evaluations, " << std::fixed << std::setprecision(2) << secs << " s\n";
    out << front.rows() << " non-dominated points written to " << nat::quoted(std::filesystem::path(o.out)) << "\n";
    if (o.igd) out << "IGD " << fmt(j["igd"].get<double>()) << "\n";
}

std::string debJainTable(const std::vector<DebJainSummary>& rows, int runs) {
    std::ostringstream s;
    s << "| problem | M | pop | gens | IGD best | IGD median | IGD worst | paper best | paper median | paper worst | time (" << runs << " runs) |\n";
    s << "|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& r : rows)
        s << "| " << r.spec.problem << " | " << r.spec.objectives << " | " << r.spec.popSize << " | " << r.spec.generations << " | "
          << fmt(r.best) << " | " << fmt(r.median) << " | " << fmt(r.worst) << " | " << fmt(r.spec.paperBest) << " | "
          << fmt(r.spec.paperMedian) << " | " << fmt(r.spec.paperWorst) << " | " << std::fixed << std::setprecision(1) << r.seconds
          << std::defaultfloat << " s |\n";
    return s.str();
}

void reproduceCommand(const MooOpts& o) {
    std::vector<DebJainCase> cases;
    for (const auto& c : debJainCases())
        if (o.problem.empty() || c.problem == o.problem) cases.push_back(c);
    if (cases.empty()) throw Error(ErrorCode::InvalidArgument, "--problem for the reproduction must be dtlz1..dtlz4, got '" + o.problem + "'");
    const auto rows = runDebJainStudy(o.runs, o.seed + 1, o.threads, cases, [&](const DebJainSummary& s) {
        *io().err << s.spec.problem << " M=" << s.spec.objectives << ": median IGD " << fmt(s.median) << " (paper "
                  << fmt(s.spec.paperMedian) << "), " << std::fixed << std::setprecision(1) << s.seconds << std::defaultfloat << " s\n";
    });
    const std::string table = debJainTable(rows, o.runs);
    if (!o.table.empty()) writeFileAtomic(o.table, table);
    *io().out << table;
}

template <class F>
double secondsOf(F&& f, int reps) {
    double best = 1e300;
    for (int i = 0; i < reps; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

// Non-dominated points on the positive unit sphere (the hardest case for HV: nothing is pruned).
Matrix spherePoints(int n, int m, std::uint64_t seed) {
    Rng rng(seed);
    Matrix F(static_cast<std::size_t>(n), static_cast<std::size_t>(m));
    for (std::size_t r = 0; r < F.rows(); ++r) {
        double s = 0.0;
        for (double& v : F.row(r)) {
            v = std::fabs(rng.normal());
            s += v * v;
        }
        for (double& v : F.row(r)) v /= std::sqrt(s);
    }
    return F;
}

void benchMoo(bool json, int reps) {
    const Dtlz dtlz2(2, 3);
    OptimizerOptions opt;
    opt.popSize = 92;
    opt.generations = 250;
    opt.refDirs = dasDennis(3, 12);
    Rng rng(1);
    Matrix U(10000, 3);
    for (double& v : U.data()) v = rng.uniform01();
    const Matrix S3 = spherePoints(10000, 3, 2), S5 = spherePoints(1000, 5, 3);
    double sink = 0.0;
    struct Row { std::string name; double seconds, target; };
    const std::vector<Row> rows = {
        {"NSGA-III, DTLZ2, M=3, pop 92, 250 generations", secondsOf([&] { sink += minimize(dtlz2, opt).F(0, 0); }, reps), 0.5},
        {"non-dominated sort, 10,000 random 3-objective points", secondsOf([&] { sink += static_cast<double>(nondominatedFronts(U).size()); }, reps), 0.05},
        {"exact 3-D hypervolume, 10,000 points", secondsOf([&] { sink += hypervolume(S3, {1.1, 1.1, 1.1}); }, reps), 0.05},
        {"exact 5-D hypervolume (WFG), 1,000 points", secondsOf([&] { sink += hypervolume(S5, std::vector<double>(5, 1.1)); }, reps), 0.0},
    };
    if (json) {
        Json j = Json::array();
        for (const auto& r : rows) j.push_back({{"name", r.name}, {"seconds", r.seconds}, {"target_seconds", r.target > 0 ? Json(r.target) : Json()}});
        return printJson({{"bench", "moo"}, {"best_of", reps}, {"results", j}, {"checksum", sink}});
    }
    std::ostream& out = *io().out;
    out << "moo benchmarks (best of " << reps << ")\n";
    for (const auto& r : rows) {
        out << "  " << std::left << std::setw(56) << r.name << std::right << std::setw(10) << std::fixed << std::setprecision(1)
            << r.seconds * 1000 << " ms";
        if (r.target > 0) out << "   target < " << r.target * 1000 << " ms " << (r.seconds < r.target ? "ok" : "MISSED");
        out << "\n";
    }
}

}  // namespace

void registerMooCommands(CLI::App& root, CLI::App& bench) {
    auto o = std::make_shared<MooOpts>();
    CLI::App* moo = root.add_subcommand("moo", "Many-objective optimisation: NSGA-III/NSGA-II on test problems, hypervolume, Deb & Jain reproduction");
    std::string names;
    for (const auto& n : testProblemNames()) names += (names.empty() ? "" : "|") + n;
    moo->add_option("--problem", o->problem, "Test problem: " + names);
    moo->add_option("--objectives", o->objectives, "Number of objectives M (DTLZ; ZDT is always 2)")->capture_default_str();
    moo->add_option("--generations", o->generations, "Generations")->capture_default_str();
    moo->add_option("--pop", o->pop, "Population size (default: NSGA-III directions rounded up to a multiple of 4; NSGA-II 100)");
    moo->add_option("--partitions", o->partitions, "Das-Dennis partitions H (default: Deb & Jain's per M)");
    moo->add_option("--algorithm", o->algorithm, "nsga3 or nsga2")->check(CLI::IsMember({"nsga3", "nsga2"}))->capture_default_str();
    moo->add_option("--seed", o->seed, "Random seed")->capture_default_str();
    moo->add_option("--out", o->out, "CSV file for the final non-dominated objective vectors (header f1..fM)");
    moo->add_flag("--igd", o->igd, "Also print the IGD against the true front at the reference directions");
    moo->add_option("--hv", o->hvFile, "Print the hypervolume of the points in this CSV file")->check(CLI::ExistingFile);
    moo->add_option("--ref", o->ref, "Reference point r1,...,rM for --hv");
    moo->add_option("--samples", o->samples, "Monte-Carlo samples for --hv beyond 6 objectives")->capture_default_str();
    moo->add_flag("--reproduce-deb-jain", o->reproduce, "Run the NSGA-III study of Deb & Jain 2014 (DTLZ1-4, M = 3, 5, 8) and print the IGD table");
    moo->add_option("--runs", o->runs, "Independent runs per case for --reproduce-deb-jain")->capture_default_str();
    moo->add_option("--threads", o->threads, "Worker threads for --reproduce-deb-jain")->capture_default_str();
    moo->add_option("--table", o->table, "Also write the reproduction table (Markdown) to this file");
    moo->add_flag("--json", o->json, "Print JSON");
    moo->callback([o] {
        if (!o->hvFile.empty()) return hypervolumeCommand(*o);
        if (o->reproduce) return reproduceCommand(*o);
        runCommand(*o);
    });

    auto b = std::make_shared<std::pair<bool, int>>(false, 3);
    CLI::App* bm = bench.add_subcommand("moo", "NSGA-III run, non-dominated sort and hypervolume timings");
    bm->add_flag("--json", b->first, "Print JSON");
    bm->add_option("--reps", b->second, "Repetitions (the best is reported)")->capture_default_str();
    bm->callback([b] { benchMoo(b->first, std::max(1, b->second)); });
}

}  // namespace nat::cli
