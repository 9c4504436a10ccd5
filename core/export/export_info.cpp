#include "export/export_info.h"

#include <cmath>
#include <cstdio>

#include "base/file_io.h"

namespace nat::exporting {

Json ExportInfo::toJson() const {
    return {{"input_channels", inputChannels},
            {"resolution", resolution},
            {"class_names", classNames},
            {"mean", mean},
            {"std", std},
            {"architecture", architecture},
            {"objectives", objectives},
            {"provenance", provenance}};
}

Json VerificationReport::toJson() const {
    Json j = {{"file", file},       {"runtime", runtime},   {"images", images},
              {"passed", passed},   {"skipped", skipped},   {"tolerance", tolerance},
              {"seconds", seconds}};
    if (skipped) {
        j["skip_reason"] = skipReason;
    } else {
        j["max_abs_diff"] = maxAbsDiff;
        j["max_abs_logit"] = maxAbsLogit;
        j["top1_agreement"] = top1Agreement;
    }
    if (!note.empty()) j["note"] = note;
    return j;
}

std::string VerificationReport::summary() const {
    if (skipped) return "verification skipped: " + skipReason;
    char buf[256];
    const int same = static_cast<int>(std::lround(top1Agreement * images));
    std::snprintf(buf, sizeof buf,
                  "verified with %s on %d images: max |diff| %.2e (limit %.0e, logits up to %.3g), same top-1 %d/%d: %s",
                  runtime.c_str(), images, maxAbsDiff, tolerance, maxAbsLogit, same, images, passed ? "passed" : "FAILED");
    return buf;
}

void writeVerificationReport(const VerificationReport& report) {
    writeJsonAtomic(report.file + ".verify.json", report.toJson());
}

}  // namespace nat::exporting
