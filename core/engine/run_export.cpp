// Export of one architecture of a run. The formats come from core/export when it is built in.
#include <torch/torch.h>

#include "base/error.h"
#include "base/file_io.h"
#include "engine/jobs_internal.h"

namespace nat::engine {

namespace fs = std::filesystem;

std::string exportFromRun(const fs::path& runDir, const ExportRequest& request, std::stop_token stop,
                          const EventSink& sink) {
    const RunInfo info = readRun(runDir);
    const ArchiveEntry& e = findArchitecture(info, request.archId);
    const fs::path out = request.outDir.empty() ? runDir / "exports" / ("arch-" + std::to_string(e.id)) : request.outDir;
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw Error(ErrorCode::Io, "cannot create " + quoted(out) + ": " + ec.message());
    std::vector<std::string> written;
    for (const std::string& f : request.formats) {
        if (f == "subnet" || f == "all") {
            writeJsonAtomic(out / "net.subnet", e.subnet);
            written.push_back("net.subnet");
        }
        if (f != "subnet" && f != "all")
            throw Error(ErrorCode::Unsupported, "export format '" + f + "' is not available in this build");
    }
    if (stop.stop_requested()) throw Error(ErrorCode::Cancelled, "cancelled");
    sink(LogEvent{LogEvent::Level::Info, "exported architecture " + std::to_string(e.id) + " to " + out.string()});
    std::string list;
    for (const auto& w : written) list += (list.empty() ? "" : ", ") + w;
    return "exported " + list + " to " + out.string();
}

}  // namespace nat::engine
