// nat dataset info | nat bench data
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <numeric>
#include <sstream>
#include <unistd.h>

#include "base/error.h"
#include "base/file_io.h"
#include "base/rng.h"
#include "cli_util.h"
#include "space/search_space.h"
#include "supernet/trainer.h"
#include "data/dataset.h"
#include "data/loader.h"
#include "data/split.h"
#include "data/summary.h"

#include <ATen/ATen.h>

#ifdef NAT_WITH_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace nat::cli {

namespace {

namespace fs = std::filesystem;
using namespace nat::data;

std::string fixed(double v, int digits) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << v;
    return os.str();
}

std::string joined(const std::vector<double>& v, int digits) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + fixed(v[i], digits);
    return s;
}

void printSummaryText(const DatasetSummary& s) {
    std::ostream& out = *io().out;
    long long train = 0, val = 0, test = 0;
    for (const auto& c : s.classes) {
        train += c.train;
        val += c.val;
        test += c.test;
    }
    out << s.name << " (" << s.format << ") at '" << s.root << "'\n";
    out << "  images      " << s.imageWidth << "x" << s.imageHeight << ", " << s.channels
        << (s.channels == 1 ? " channel" : " channels") << " (as held in memory, uint8)\n";
    out << "  found sizes";
    for (std::size_t i = 0; i < s.originalSizes.size() && i < 5; ++i)
        out << (i ? ", " : " ") << s.originalSizes[i].width << "x" << s.originalSizes[i].height << " ("
            << groupThousands(s.originalSizes[i].count) << ")";
    if (s.originalSizes.size() > 5) out << ", " << s.originalSizes.size() - 5 << " more";
    out << "\n  split       train " << groupThousands(train);
    if (val > 0) out << ", val " << groupThousands(val) << " (own val/ tree)";
    out << ", test " << groupThousands(test) << (val > 0 ? "" : "; validation is held out of train when a run starts") << "\n";
    out << "  mean        " << joined(s.stats.mean, 4) << "\n";
    out << "  std         " << joined(s.stats.std, 4) << "\n";
    out << "  flip        " << (s.flipByDefault ? "on" : "off") << " by default\n";
    out << "  classes     " << s.classes.size() << "\n";
    for (std::size_t c = 0; c < s.classes.size(); ++c)
        out << "    " << std::setw(4) << c << "  " << std::left << std::setw(20) << s.classes[c].name << std::right
            << std::setw(9) << groupThousands(s.classes[c].train) << " train" << std::setw(9)
            << groupThousands(s.classes[c].val) << " val" << std::setw(9) << groupThousands(s.classes[c].test) << " test\n";
    out << "  thumbnails  " << s.thumbnails.size() << " (class-balanced)\n";
    for (const auto& w : s.warnings) out << "  warning: " << w << "\n";
}

struct InfoOpts {
    std::string path;
    bool json = false;
    bool coarse = false;
    int imageSize = 0;
    int maxImageSide = 128;
    int thumbnails = 8;
};

void datasetInfo(const InfoOpts& o) {
    OpenOptions open;
    open.cifar100Coarse = o.coarse;
    open.imageSize = o.imageSize;
    open.maxImageSide = o.maxImageSide;
    const Dataset ds = openDataset(o.path, open);
    SummaryOptions so;
    so.thumbnailsPerClass = o.thumbnails;
    const DatasetSummary s = summarize(ds, so);
    if (o.json)
        printJson(summaryToJson(s));
    else
        printSummaryText(s);
}

// ---- nat bench data -----------------------------------------------------------------------------

struct BenchOpts {
    int batch = 128;
    std::vector<int> workers = {0, 1, 2};
    double seconds = 4.0;
    int folderImages = 2000;
    std::string dataset = "fashion-mnist";
    bool json = false;
};

double elapsedSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Images per second delivered by one loader configuration, consuming whole epochs until `seconds` pass.
double loaderThroughput(const Dataset& ds, LoaderOptions o, int workers, double seconds) {
    o.workers = workers;
    o.prefetch = std::max(2, 2 * workers);
    std::vector<std::int64_t> all(ds.train->size());
    std::iota(all.begin(), all.end(), 0);
    long long images = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (o.epoch = 0; elapsedSince(t0) < seconds; ++o.epoch) {
        Loader loader(ds.train, all, o);
        while (elapsedSince(t0) < seconds) {
            auto b = loader.next();
            if (!b) break;
            images += b->images.size(0);
        }
    }
    return static_cast<double>(images) / elapsedSince(t0);
}

#ifdef NAT_WITH_OPENCV
// 10 classes of random 32×32 colour PNGs (smooth blobs, so that PNG compression has some work).
fs::path writeBenchPngs(int count) {
    const fs::path dir = fs::temp_directory_path() / ("nat-bench-data-" + std::to_string(::getpid()));
    Rng rng(1);
    for (int i = 0; i < count; ++i) {
        const fs::path cls = dir / ("class" + std::to_string(i % 10));
        fs::create_directories(cls);
        cv::Mat img(32, 32, CV_8UC3);
        const int base = static_cast<int>(rng.uniformInt(0, 200));
        for (int y = 0; y < 32; ++y)
            for (int x = 0; x < 32; ++x)
                img.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(base + (x + y) % 50), static_cast<uchar>(base + x % 40),
                                                    static_cast<uchar>(rng.uniformInt(0, 255)));
        cv::imwrite((cls / ("img" + std::to_string(i) + ".png")).string(), img);
    }
    return dir;
}
// Milliseconds per batch for the loader's resize step (bilinear, 32 -> 64 px, NCHW float) with
// LibTorch and with OpenCV plane by plane, measured interleaved (A B A B) because this machine drifts.
Json resizeComparison(int batch) {
    const at::Tensor x = at::rand({batch, 3, 32, 32});
    at::Tensor y = at::empty({batch, 3, 64, 64});
    double torchMs = 0, cvMs = 0;
    constexpr int kRounds = 10;
    for (int r = 0; r < kRounds; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        y = at::upsample_bilinear2d(x, {64, 64}, false);
        torchMs += elapsedSince(t0) * 1000;
        t0 = std::chrono::steady_clock::now();
        for (int p = 0; p < batch * 3; ++p) {
            cv::Mat src(32, 32, CV_32F, x.data_ptr<float>() + p * 32 * 32);
            cv::Mat dst(64, 64, CV_32F, y.data_ptr<float>() + p * 64 * 64);
            cv::resize(src, dst, dst.size(), 0, 0, cv::INTER_LINEAR);
        }
        cvMs += elapsedSince(t0) * 1000;
    }
    return {{"libtorch_ms", torchMs / kRounds}, {"opencv_ms", cvMs / kRounds}};
}
#endif

Json benchCase(const std::string& name, const Dataset& ds, double loadSeconds, int resolution, const BenchOpts& b) {
    LoaderOptions o = trainingLoaderOptions(ds, computeChannelStats(*ds.train));
    o.batchSize = b.batch;
    o.resolutions = {resolution};
    o.flip = true;
    Json rows = Json::array();
    std::ostream& out = *io().out;
    if (!b.json)
        out << name << ": " << groupThousands(static_cast<long long>(ds.train->size())) << " images " << ds.train->width << " px -> "
            << resolution << " px, crop padding " << o.cropPadding << ", flip, batch " << b.batch << " (opened in "
            << fixed(loadSeconds, 2) << " s)\n";
    for (int w : b.workers) {
        const double ips = loaderThroughput(ds, o, w, b.seconds);
        rows.push_back({{"workers", w}, {"images_per_second", ips}});
        if (!b.json) out << "  workers " << w << ": " << std::setw(9) << groupThousands(std::llround(ips)) << " images/s\n";
    }
    return {{"case", name}, {"resolution", resolution}, {"open_seconds", loadSeconds}, {"results", rows}};
}

// Images per second the tiny-mbv3 supernet's training consumes (the quick preset's sampled phase:
// 2 subnets per step plus the largest as teacher), fed from the same loader, to compare with what the
// loader delivers.
double trainingThroughput(const Dataset& ds, int batch, int steps) {
    supernet::SupernetConfig c;
    c.space = space::preset("tiny-mbv3");
    c.numClasses = ds.numClasses();
    c.inputChannels = ds.channels();
    torch::manual_seed(1);
    supernet::TrainConfig t;
    t.subnetsPerStep = 2;
    t.totalSteps = steps + 2;
    supernet::SupernetTrainer trainer(supernet::Supernet(c), t, 1);
    LoaderOptions o = trainingLoaderOptions(ds, computeChannelStats(*ds.train));
    o.batchSize = batch;
    o.channelsLast = true;
    std::vector<std::int64_t> idx(static_cast<std::size_t>(batch) * (steps + 2));
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<std::int64_t>(i % ds.train->size());
    Loader loader(ds.train, idx, o);
    for (int i = 0; i < 2; ++i) {
        auto w = loader.next();
        trainer.step(w->images, w->labels);
    }
    const auto t0 = std::chrono::steady_clock::now();
    long long images = 0;
    while (auto bt = loader.next()) {
        trainer.step(bt->images, bt->labels);
        images += bt->images.size(0);
    }
    return static_cast<double>(images) / elapsedSince(t0);
}

void benchData(const BenchOpts& b) {
    if (b.batch < 1 || b.seconds <= 0 || b.folderImages < 20)
        throw Error(ErrorCode::InvalidArgument, "bench data: --batch >= 1, --seconds > 0 and --folder-images >= 20 required");
    Json cases = Json::array();
    auto t0 = std::chrono::steady_clock::now();
    const Dataset fm = openDataset(b.dataset);
    cases.push_back(benchCase(fm.name + " at " + std::to_string(fm.train->height) + " px", fm, elapsedSince(t0),
                              fm.train->height, b));
#ifdef NAT_WITH_OPENCV
    const fs::path dir = writeBenchPngs(b.folderImages);
    try {
        t0 = std::chrono::steady_clock::now();
        const Dataset folder = openDataset(dir.string());
        cases.push_back(benchCase("folder of 32x32 PNGs at 64 px", folder, elapsedSince(t0), 64, b));
    } catch (...) {
        fs::remove_all(dir);
        throw;
    }
    fs::remove_all(dir);
    const Json resize = resizeComparison(b.batch);
    if (!b.json)
        *io().out << "resize 32 -> 64 px of a batch of " << b.batch << ": LibTorch " << fixed(resize["libtorch_ms"].get<double>(), 2)
                  << " ms, OpenCV " << fixed(resize["opencv_ms"].get<double>(), 2) << " ms\n";
    cases.push_back({{"case", "resize"}, {"results", resize}});
#else
    if (!b.json) *io().out << "folder of PNGs: skipped, this build has no OpenCV\n";
#endif
    const double train = trainingThroughput(fm, b.batch, 4);
    const double loader = cases[0]["results"].back()["images_per_second"].get<double>();
    if (b.json) {
        printJson({{"cases", cases},
                   {"training_images_per_second", train},
                   {"loader_over_training", loader / train},
                   {"hardware_threads", std::thread::hardware_concurrency()}});
    } else {
        *io().out << "tiny-mbv3 supernet training (2 subnets + largest as teacher per step, batch " << b.batch
                  << "): " << groupThousands(std::llround(train)) << " images/s\n";
        *io().out << "loader / training: " << fixed(loader / train, 0) << "x (must be at least 3x)\n";
    }
}

}  // namespace

void registerDataCommands(CLI::App& root, CLI::App& bench) {
    CLI::App* dataset = root.add_subcommand("dataset", "Inspect datasets (IDX, CIFAR binary, image folders)");
    dataset->require_subcommand(1);

    auto info = std::make_shared<InfoOpts>();
    CLI::App* infoCmd = dataset->add_subcommand(
        "info", "Classes, counts, image size, channels and mean/std of a dataset folder (or 'fashion-mnist')");
    infoCmd->add_option("PATH", info->path, "Dataset folder, or fashion-mnist for /usr/share/datasets/fashion-mnist")
        ->required();
    infoCmd->add_flag("--json", info->json, "Print JSON");
    infoCmd->add_flag("--coarse", info->coarse, "CIFAR-100: use the 20 coarse labels");
    infoCmd->add_option("--image-size", info->imageSize, "Image folders: square size in memory (0: most common size)")
        ->capture_default_str();
    infoCmd->add_option("--max-image-side", info->maxImageSide, "Image folders: cap on the size in memory")
        ->capture_default_str();
    infoCmd->add_option("--thumbnails", info->thumbnails, "Thumbnails per class")->capture_default_str();
    infoCmd->callback([info] { datasetInfo(*info); });

    auto b = std::make_shared<BenchOpts>();
    CLI::App* benchCmd = bench.add_subcommand(
        "data", "Images/s delivered by the loader with augmentation: Fashion-MNIST at 28 px, 32x32 PNGs resized to 64 px");
    benchCmd->add_option("--batch", b->batch, "Batch size")->capture_default_str();
    benchCmd->add_option("--workers", b->workers, "Worker-thread counts to measure")->capture_default_str();
    benchCmd->add_option("--seconds", b->seconds, "Seconds per measurement")->capture_default_str();
    benchCmd->add_option("--folder-images", b->folderImages, "PNGs to generate for the folder case")->capture_default_str();
    benchCmd->add_option("--dataset", b->dataset, "IDX/CIFAR dataset for the first case")->capture_default_str();
    benchCmd->add_flag("--json", b->json, "Print JSON");
    benchCmd->callback([b] { benchData(*b); });
}

}  // namespace nat::cli
