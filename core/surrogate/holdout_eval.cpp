#include "surrogate/holdout_eval.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>

#include "base/error.h"
#include "base/file_io.h"
#include "base/rng.h"
#include "surrogate/metrics.h"

namespace nat::surrogate {

namespace {

constexpr int kMinTest = 10;

HoldoutScore score(Predictor& model, const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::MatrixXd& xt,
                   const Eigen::VectorXd& yt, std::uint64_t seed) {
    HoldoutScore s;
    s.model = model.name();
    const auto start = std::chrono::steady_clock::now();
    try {
        Rng rng(seed);
        model.fit(x, y, rng);
        const Eigen::VectorXd p = model.predict(xt);
        s.kendall = kendallTau(yt, p);
        s.spearman = spearman(yt, p);
        s.rmse = rmse(yt, p);
    } catch (const Error& e) {
        s.error = e.what();
    }
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return s;
}

Json scoreJson(const HoldoutScore& s) {
    Json j = {{"model", s.model}, {"kendall", s.kendall}, {"spearman", s.spearman}, {"rmse", s.rmse}, {"seconds", s.seconds}};
    if (!s.error.empty()) j["error"] = s.error;
    return j;
}

}  // namespace

std::vector<ArchiveRecord> readArchiveJsonl(const std::filesystem::path& path) {
    const std::string text = readTextFile(path);
    std::vector<ArchiveRecord> out;
    std::map<long long, std::size_t> byId;  // journal "id" -> index in out
    std::size_t pos = 0;
    int lineNo = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        const bool last = end == std::string::npos;
        if (last) end = text.size();
        const std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where = quoted(path) + " line " + std::to_string(lineNo);
        Json j;
        try {
            j = parseJson(line, where);
        } catch (const Error&) {
            if (last) break;  // a crash mid-append leaves a truncated last line (ARCHITECTURE.md §3)
            throw;
        }
        const std::string type = j.is_object() && j.contains("type") && j["type"].is_string() ? j["type"].get<std::string>() : "";
        if (type == "update") {
            const auto it = j.contains("id") && j["id"].is_number_integer() ? byId.find(j["id"].get<long long>()) : byId.end();
            if (it == byId.end()) throw Error(ErrorCode::InvalidArgument, where + ": an update for an architecture id not listed before it");
            out[it->second].err = requireNumber(j, "err", where);
            continue;
        }
        if (!type.empty() && type != "arch") continue;
        out.push_back({requireIntArray(j, "encoding", where), requireNumber(j, "err", where)});
        if (j.contains("id") && j["id"].is_number_integer()) byId[j["id"].get<long long>()] = out.size() - 1;
    }
    return out;
}

HoldoutResult evaluateHoldout(const std::vector<ArchiveRecord>& archive, const FeatureMap& features,
                              const HoldoutOptions& options) {
    if (options.sizes.empty()) throw Error(ErrorCode::InvalidArgument, "holdout evaluation needs at least 1 size");
    const int maxSize = *std::max_element(options.sizes.begin(), options.sizes.end());
    const int n = static_cast<int>(archive.size());
    if (n < maxSize + kMinTest)
        throw Error(ErrorCode::InvalidArgument,
                    "the archive has " + std::to_string(n) + " architectures; sizes up to " + std::to_string(maxSize) +
                        " need at least " + std::to_string(maxSize + kMinTest) + " (" + std::to_string(kMinTest) +
                        " or more held out)");
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    Rng rng(options.seed);
    rng.shuffle(order);
    std::vector<std::vector<int>> enc;
    Eigen::VectorXd y(n);
    for (int i = 0; i < n; ++i) {
        enc.push_back(archive[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])].encoding);
        y[i] = archive[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])].err;
    }
    const Eigen::MatrixXd x = features.transform(enc);
    const int test = options.maxTest > 0 ? std::min(options.maxTest, n - maxSize) : n - maxSize;
    const Eigen::MatrixXd xt = x.middleRows(maxSize, test);
    const Eigen::VectorXd yt = y.segment(maxSize, test);

    HoldoutResult result{n, test, {}};
    for (int size : options.sizes) {
        if (size < 1) throw Error(ErrorCode::InvalidArgument, "holdout sizes must be >= 1, got " + std::to_string(size));
        HoldoutRow row;
        row.size = size;
        const Eigen::MatrixXd xs = x.topRows(size);
        const Eigen::VectorXd ys = y.head(size);
        const auto names = predictorNames();
        for (std::size_t m = 0; m < names.size(); ++m) {
            auto model = makePredictor(names[m], options.ensembleMembers);
            row.models.push_back(score(*model, xs, ys, xt, yt, deriveSeed(options.seed, size * 16 + m)));
        }
        AdaptiveSwitching sw(defaultCandidates(options.ensembleMembers), {options.folds, options.threads});
        row.adaptive = score(sw, xs, ys, xt, yt, deriveSeed(options.seed, size * 16 + 15));
        if (sw.fitted()) row.report = sw.report();
        result.rows.push_back(std::move(row));
    }
    return result;
}

Json toJson(const HoldoutResult& result) {
    Json rows = Json::array();
    for (const auto& r : result.rows) {
        Json models = Json::array();
        for (const auto& m : r.models) models.push_back(scoreJson(m));
        Json adaptive = scoreJson(r.adaptive);
        adaptive["chosen"] = r.report.chosen;
        rows.push_back({{"size", r.size}, {"models", models}, {"adaptive", adaptive}, {"switching", toJson(r.report)}});
    }
    return {{"records", result.records}, {"test", result.test}, {"sizes", rows}};
}

}  // namespace nat::surrogate
