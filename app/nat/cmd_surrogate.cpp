// nat surrogate eval | nat surrogate fit | nat bench surrogate
#include <chrono>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <sstream>

#include "base/error.h"
#include "base/rng.h"
#include "cli_util.h"
#include "space/architecture.h"
#include "surrogate/adaptive_switching.h"
#include "surrogate/holdout_eval.h"
#include "surrogate/metrics.h"
#include "surrogate/parallel.h"

namespace nat::cli {

namespace {

using namespace nat::surrogate;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
double cpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

std::string fmt(double v, int precision = 3) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(precision) << v;
    return os.str();
}

// Bounds from a search-space preset when given (stable across archives), else from the data.
FeatureMap featureMapFor(const std::vector<ArchiveRecord>& archive, const std::string& presetName, FeatureKind kind) {
    if (!presetName.empty()) {
        const space::Bounds b = space::encodingBounds(space::preset(presetName));
        return FeatureMap(b.lower, b.upper, kind);
    }
    std::vector<std::vector<int>> enc;
    for (const auto& r : archive) enc.push_back(r.encoding);
    return FeatureMap::fromData(enc, kind);
}

struct CommonOpts {
    std::string archive, preset, features = "normalised";
    std::uint64_t seed = 0;
    int folds = 10, members = 0;
    unsigned threads = 0;
    bool json = false;
};

void addCommon(CLI::App* cmd, CommonOpts& o) {
    cmd->add_option("--archive", o.archive, "JSON lines {\"encoding\":[...], \"err\": x}")->required()->check(CLI::ExistingFile);
    cmd->add_option("--preset", o.preset, "Search-space preset for the encoding bounds (default: bounds from the archive)");
    cmd->add_option("--features", o.features, "Feature mapping: normalised or one-hot")->capture_default_str();
    cmd->add_option("--seed", o.seed, "Random seed")->capture_default_str();
    cmd->add_option("--folds", o.folds, "Cross-validation folds of adaptive switching")->capture_default_str();
    cmd->add_option("--members", o.members, "RBF ensemble size (0 = default)")->capture_default_str();
    cmd->add_option("--threads", o.threads, "Threads for cross-validation (0 = all)")->capture_default_str();
    cmd->add_flag("--json", o.json, "Print JSON");
}

void printHoldout(const HoldoutResult& r, const std::string& archive) {
    std::ostream& out = *io().out;
    out << "held-out Kendall tau on " << r.test << " of " << r.records << " architectures in " << archive << "\n";
    out << std::left << std::setw(22) << "model";
    for (const auto& row : r.rows) out << std::right << std::setw(10) << ("n=" + std::to_string(row.size));
    out << "\n";
    for (std::size_t m = 0; m < r.rows.front().models.size(); ++m) {
        out << std::left << std::setw(22) << r.rows.front().models[m].model;
        for (const auto& row : r.rows)
            out << std::right << std::setw(10) << (row.models[m].error.empty() ? fmt(row.models[m].kendall) : "failed");
        out << "\n";
    }
    out << std::left << std::setw(22) << "adaptive switching";
    for (const auto& row : r.rows) out << std::right << std::setw(10) << fmt(row.adaptive.kendall);
    out << "\n";
    for (const auto& row : r.rows) out << "n=" << row.size << ": " << row.report.reason << "\n";
}

void surrogateEval(const CommonOpts& o, const std::string& sizes, int maxTest) {
    HoldoutOptions h;
    h.sizes.clear();
    std::stringstream ss(sizes);
    for (std::string item; std::getline(ss, item, ',');) {
        try {
            h.sizes.push_back(std::stoi(item));
        } catch (const std::exception&) {
            throw Error(ErrorCode::InvalidArgument, "--sizes must be comma-separated integers, got '" + sizes + "'");
        }
    }
    h.maxTest = maxTest, h.seed = o.seed, h.folds = o.folds, h.ensembleMembers = o.members, h.threads = o.threads;
    const auto archive = readArchiveJsonl(o.archive);
    const FeatureMap features = featureMapFor(archive, o.preset, parseFeatureKind(o.features));
    const HoldoutResult r = evaluateHoldout(archive, features, h);
    if (o.json) {
        Json j = toJson(r);
        j["features"] = features.toJson();
        printJson(j);
    } else {
        printHoldout(r, o.archive);
    }
}

void surrogateFit(const CommonOpts& o) {
    const auto archive = readArchiveJsonl(o.archive);
    const FeatureMap features = featureMapFor(archive, o.preset, parseFeatureKind(o.features));
    std::vector<std::vector<int>> enc;
    Eigen::VectorXd y(static_cast<Eigen::Index>(archive.size()));
    for (std::size_t i = 0; i < archive.size(); ++i) enc.push_back(archive[i].encoding), y[static_cast<Eigen::Index>(i)] = archive[i].err;
    AdaptiveSwitching sw(defaultCandidates(o.members), {o.folds, o.threads});
    Rng rng(o.seed);
    sw.fit(features.transform(enc), y, rng);
    const SwitchingReport& r = sw.report();
    if (o.json) {
        printJson(toJson(r));
        return;
    }
    std::ostream& out = *io().out;
    out << std::left << std::setw(16) << "model" << std::right << std::setw(10) << "tau mean" << std::setw(9) << "std"
        << std::setw(9) << "score" << std::setw(10) << "spearman" << std::setw(10) << "rmse" << "\n";
    for (const auto& m : r.models) {
        out << std::left << std::setw(16) << m.name;
        if (!m.ok) {
            out << "  failed: " << m.error << "\n";
            continue;
        }
        out << std::right << std::setw(10) << fmt(m.kendall.mean) << std::setw(9) << fmt(m.kendall.std) << std::setw(9)
            << fmt(m.score) << std::setw(10) << fmt(m.spearman.mean) << std::setw(10) << fmt(m.rmse.mean, 4) << "\n";
    }
    out << "chosen: " << r.chosen << " (" << r.reason << ")\n";
}


// A made-up but plausible error surface over the normalised ofa-mbv3 encoding: larger resolution,
// width, depth and kernels lower the error with diminishing returns, plus interactions and noise.
Eigen::VectorXd syntheticError(const Eigen::MatrixXd& x, Rng& rng) {
    Eigen::VectorXd y(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const auto r = x.row(i);
        const double capacity = r.tail(20).mean();
        y[i] = 0.30 - 0.06 * std::sqrt(r[0]) - 0.03 * r[1] - 0.08 * capacity + 0.04 * capacity * capacity +
               0.02 * std::sin(6.0 * r[2] + 3.0 * r[7]) + 0.01 * r[0] * r[1] + 0.004 * rng.normal();
    }
    return y;
}

struct BenchModel {
    std::string name;
    double fitSeconds = 0.0, predictMs = 0.0, heldOutTau = 0.0;
};

void benchSurrogate(int samples, int candidates, int folds, int members, unsigned threads, std::uint64_t seed, bool json) {
    if (candidates < 2) throw Error(ErrorCode::InvalidArgument, "--candidates must be >= 2, got " + std::to_string(candidates));
    if (samples < 1) throw Error(ErrorCode::InvalidArgument, "--samples must be >= 1, got " + std::to_string(samples));
    const space::SearchSpace& s = space::preset("ofa-mbv3");
    const space::Bounds bounds = space::encodingBounds(s);
    const FeatureMap features(bounds.lower, bounds.upper, FeatureKind::Normalised);
    Rng rng(seed);
    std::vector<space::Encoding> train, cand;
    for (int i = 0; i < samples; ++i) train.push_back(space::sampleUniform(s, rng));
    for (int i = 0; i < candidates; ++i) cand.push_back(space::sampleUniform(s, rng));
    const Eigen::MatrixXd x = features.transform(train);
    auto t = Clock::now();
    const Eigen::MatrixXd xc = features.transform(cand);
    const double transformMs = secondsSince(t) * 1e3;
    const Eigen::VectorXd y = syntheticError(x, rng), yc = syntheticError(xc, rng);

    AdaptiveSwitching sw(defaultCandidates(members), {folds, threads});
    t = Clock::now();
    const double cpu0 = cpuSeconds();
    sw.fit(x, y, rng);
    const double switchWall = secondsSince(t), switchCpu = cpuSeconds() - cpu0;
    t = Clock::now();
    const Eigen::VectorXd chosenPred = sw.predict(xc);
    const double chosenMs = secondsSince(t) * 1e3;

    std::vector<BenchModel> models;
    for (const auto& name : predictorNames()) {
        auto m = makePredictor(name, members);
        Rng r(deriveSeed(seed, models.size()));
        BenchModel bm{name};
        t = Clock::now();
        m->fit(x, y, r);
        bm.fitSeconds = secondsSince(t);
        t = Clock::now();
        const Eigen::VectorXd p = m->predict(xc);
        bm.predictMs = secondsSince(t) * 1e3;
        bm.heldOutTau = kendallTau(yc, p);
        models.push_back(bm);
    }
    const SwitchingReport& rep = sw.report();
    if (json) {
        Json ms = Json::array();
        for (std::size_t i = 0; i < models.size(); ++i)
            ms.push_back({{"name", models[i].name}, {"fit_s", models[i].fitSeconds}, {"predict_ms", models[i].predictMs},
                          {"held_out_kendall", models[i].heldOutTau}, {"cv_seconds", rep.models[i].seconds},
                          {"cv_score", rep.models[i].score}});
        printJson({{"samples", samples}, {"variables", x.cols()}, {"candidates", candidates}, {"folds", folds},
                   {"threads", resolveThreads(threads)}, {"switching_wall_s", switchWall}, {"switching_cpu_s", switchCpu},
                   {"chosen", rep.chosen}, {"chosen_predict_ms", chosenPred.size() ? chosenMs : 0.0},
                   {"chosen_held_out_kendall", kendallTau(yc, chosenPred)}, {"transform_ms", transformMs}, {"models", ms},
                   {"switching", toJson(rep)}});
        return;
    }
    std::ostream& out = *io().out;
    out << "surrogate benchmark: " << samples << " samples x " << x.cols() << " variables (ofa-mbv3, synthetic error), "
        << folds << "-fold CV, " << resolveThreads(threads) << " threads\n";
    out << "adaptive switching (fit + CV of " << rep.models.size() << " models + refit): " << fmt(switchWall, 2)
        << " s wall, " << fmt(switchCpu, 2) << " s CPU   [target < 5 s]\n";
    out << "chosen " << rep.chosen << ": predict " << candidates << " candidates in " << fmt(chosenMs, 1)
        << " ms   [target < 100 ms]; held-out tau " << fmt(kendallTau(yc, chosenPred)) << "\n";
    out << std::left << std::setw(16) << "model" << std::right << std::setw(10) << "CV tau" << std::setw(8) << "std"
        << std::setw(12) << "CV time s" << std::setw(10) << "fit s" << std::setw(14) << "predict ms" << std::setw(12)
        << "test tau" << "\n";
    for (std::size_t i = 0; i < models.size(); ++i)
        out << std::left << std::setw(16) << models[i].name << std::right << std::setw(10) << fmt(rep.models[i].kendall.mean)
            << std::setw(8) << fmt(rep.models[i].kendall.std) << std::setw(12) << fmt(rep.models[i].seconds, 2)
            << std::setw(10) << fmt(models[i].fitSeconds, 3) << std::setw(14) << fmt(models[i].predictMs, 1)
            << std::setw(12) << fmt(models[i].heldOutTau) << "\n";
    out << "(CV time: all folds of the model added up, across threads; features for " << candidates << " candidates: "
        << fmt(transformMs, 1) << " ms)\n";
}

}  // namespace

void registerSurrogateCommands(CLI::App& root, CLI::App& bench) {
    CLI::App* sur = root.add_subcommand("surrogate", "Accuracy predictors: compare models on an archive");
    sur->require_subcommand(1);

    auto eval = std::make_shared<CommonOpts>();
    auto sizes = std::make_shared<std::string>("50,100,200");
    auto maxTest = std::make_shared<int>(0);
    CLI::App* evalCmd = sur->add_subcommand(
        "eval", "Held-out Kendall tau of every model and of adaptive switching for several archive sizes");
    addCommon(evalCmd, *eval);
    evalCmd->add_option("--sizes", *sizes, "Training-set sizes, comma-separated")->capture_default_str();
    evalCmd->add_option("--max-test", *maxTest, "Cap on held-out architectures (0 = all beyond the largest size)");
    evalCmd->callback([eval, sizes, maxTest] { surrogateEval(*eval, *sizes, *maxTest); });

    auto fit = std::make_shared<CommonOpts>();
    CLI::App* fitCmd = sur->add_subcommand("fit", "Adaptive switching on a whole archive: CV scores and the chosen model");
    addCommon(fitCmd, *fit);
    fitCmd->callback([fit] { surrogateFit(*fit); });

    struct BenchOpts {
        int samples = 300, candidates = 10000, folds = 10, members = 0;
        unsigned threads = 0;
        std::uint64_t seed = 0;
        bool json = false;
    };
    auto b = std::make_shared<BenchOpts>();
    CLI::App* benchCmd = bench.add_subcommand(
        "surrogate", "Adaptive switching (fit + k-fold CV of all models) and prediction of many candidates");
    benchCmd->add_option("--samples", b->samples, "Training architectures (ofa-mbv3, 22 variables)")->capture_default_str();
    benchCmd->add_option("--candidates", b->candidates, "Architectures to predict")->capture_default_str();
    benchCmd->add_option("--folds", b->folds, "Cross-validation folds")->capture_default_str();
    benchCmd->add_option("--members", b->members, "RBF ensemble size (0 = default)")->capture_default_str();
    benchCmd->add_option("--threads", b->threads, "Threads (0 = all)")->capture_default_str();
    benchCmd->add_option("--seed", b->seed, "Random seed")->capture_default_str();
    benchCmd->add_flag("--json", b->json, "Print JSON");
    benchCmd->callback([b] { benchSurrogate(b->samples, b->candidates, b->folds, b->members, b->threads, b->seed, b->json); });
}

}  // namespace nat::cli
