// Soak test of the GUI controller with the real engine (issue 12): N cycles of start (or resume) →
// cancel after a varying delay → wait, on a tiny IDX dataset, through ui::RunController and
// engine::JobRunner exactly as nat-studio wires them. Prints resident memory (/proc/self/statm) and
// the malloc heap in use (mallinfo2: all arenas, including mmapped chunks) after cycles 1, 10, 25, 50,
// 100, ... and N, and fails when the heap in use grows by more than --max-growth-mb between the
// baseline cycle and the last one (a leak per cycle would show as steady growth).
//
// usage: run_controller_soak [--cycles N] [--baseline K] [--max-growth-mb M] [--dir D]
#include <malloc.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/job_runner.h"
#include "engine/settings.h"
#include "run_controller.h"
#include "tiny_dataset.h"

namespace fs = std::filesystem;
namespace engine = nat::engine;
using nat::ui::RunController;

namespace {

struct Memory {
    double rssMb = 0.0;
    double heapMb = 0.0;
};

Memory measure() {
    Memory m;
    long pages = 0, resident = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    m.rssMb = static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1048576.0;
    const struct mallinfo2 mi = ::mallinfo2();
    m.heapMb = static_cast<double>(mi.uordblks + mi.hblkhd) / 1048576.0;
    return m;
}

engine::SearchSettings soakSettings(const fs::path& dataset) {
    engine::SearchSettings s = nat::test::tinySearchSettings(dataset, 3);
    s.initialArchive = 12;
    s.iterations = 40;  // long enough that short cycles rarely finish it; a finished run is restarted
    s.threads = 1;
    return s;
}

void pump(RunController& c, int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    (void)c;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int cycles = 200, baseline = 10;
    double maxGrowthMb = 8.0;
    fs::path dir = fs::temp_directory_path() / ("nat-soak-" + std::to_string(::getpid()));
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--cycles") cycles = std::atoi(argv[i + 1]);
        else if (a == "--baseline") baseline = std::atoi(argv[i + 1]);
        else if (a == "--max-growth-mb") maxGrowthMb = std::atof(argv[i + 1]);
        else if (a == "--dir") dir = argv[i + 1];
    }
    if (cycles < 2 || baseline < 1 || baseline >= cycles) {
        std::fprintf(stderr, "run_controller_soak: need --cycles >= 2 and 1 <= --baseline < --cycles\n");
        return 2;
    }
    fs::remove_all(dir);
    fs::create_directories(dir);
    nat::test::writeTinyIdxDataset(dir / "data", 300, 60, 4);
    const engine::SearchSettings settings = soakSettings(dir / "data");

    int succeeded = 0, cancelled = 0, failed = 0, startErrors = 0, runs = 1, progressEvents = 0;
    std::string lastError;
    {
        RunController c([](engine::EventSink sink) { return std::make_unique<engine::JobRunner>(std::move(sink)); });
        QObject::connect(&c, &RunController::progress, [&](const engine::ProgressEvent&) { ++progressEvents; });
        QObject::connect(&c, &RunController::errorOccurred, [&](const QString& m) {
            ++startErrors;
            lastError = m.toStdString();
        });
        QObject::connect(&c, &RunController::finished, [&](const engine::JobFinished& f, RunController::JobKind) {
            if (f.status == engine::JobFinished::Status::Succeeded) ++succeeded;
            if (f.status == engine::JobFinished::Status::Cancelled) ++cancelled;
            if (f.status == engine::JobFinished::Status::Failed) {
                ++failed;
                lastError = f.message;
            }
        });
        fs::path run = dir / "run-1";
        bool fresh = true;
        Memory base, last;
        std::printf("cycle  rss_mb  heap_mb  (start/resume -> cancel after a varying delay -> wait)\n");
        QElapsedTimer total;
        total.start();
        for (int i = 1; i <= cycles; ++i) {
            const int before = succeeded;
            const bool ok = fresh ? c.startSearch(settings, run) : c.resumeSearch(run);
            if (!ok) break;
            fresh = false;
            // Cancel moments sweep 0..~1.5 s: dataset loading, warm-up steps, archive evaluation, saving.
            pump(c, (i * 97) % 1500);
            c.cancel();
            c.waitForIdle();
            pump(c, 5);
            if (succeeded > before) {  // the run finished: the next cycle starts a new one
                fs::remove_all(run);
                run = dir / ("run-" + std::to_string(++runs));
                fresh = true;
            }
            const Memory m = measure();
            if (i == baseline) base = m;
            last = m;
            if (i == 1 || i == baseline || i == 25 || i % 50 == 0 || i == cycles)
                std::printf("%5d  %6.1f  %7.1f\n", i, m.rssMb, m.heapMb);
            std::fflush(stdout);
        }
        std::printf("%d cycles in %.0f s: %d cancelled, %d finished, %d failed, %d refused to start, %d runs, %d "
                    "progress events\n",
                    cycles, total.elapsed() / 1000.0, cancelled, succeeded, failed, startErrors, runs, progressEvents);
        const double growth = last.heapMb - base.heapMb;
        std::printf("heap in use, cycle %d -> %d: %+.2f MB (limit %.1f); resident %+.1f MB\n", baseline, cycles, growth,
                    maxGrowthMb, last.rssMb - base.rssMb);
        if (failed > 0 || startErrors > 0) {
            std::fprintf(stderr, "run_controller_soak: a job failed or did not start: %s\n", lastError.c_str());
            return 1;
        }
        if (cancelled + succeeded != cycles) {
            std::fprintf(stderr, "run_controller_soak: %d terminal events for %d cycles\n", cancelled + succeeded, cycles);
            return 1;
        }
        if (growth > maxGrowthMb) {
            std::fprintf(stderr, "run_controller_soak: heap grew by %.2f MB\n", growth);
            return 1;
        }
    }
    fs::remove_all(dir);
    return 0;
}
