#include "data/cifar_format.h"

#include "base/error.h"

namespace nat::data {

int cifarRecordBytes(CifarLabels kind) { return (kind == CifarLabels::Cifar10 ? 1 : 2) + kCifarPixelBytes; }

int cifarNumClasses(CifarLabels kind) {
    switch (kind) {
    case CifarLabels::Cifar10: return 10;
    case CifarLabels::Cifar100Fine: return 100;
    case CifarLabels::Cifar100Coarse: return 20;
    }
    return 0;
}

void appendCifarRecords(std::span<const std::uint8_t> bytes, CifarLabels kind, const std::string& source,
                        ImageSet& out) {
    const auto record = static_cast<std::size_t>(cifarRecordBytes(kind));
    const std::string what = kind == CifarLabels::Cifar10 ? "CIFAR-10" : "CIFAR-100";
    if (bytes.empty()) throw Error(ErrorCode::Corrupt, what + " file " + source + " is empty (0 bytes)");
    if (bytes.size() % record != 0)
        throw Error(ErrorCode::Corrupt, what + " file " + source + " is truncated or not a " + what + " binary file: " +
                                            std::to_string(bytes.size()) + " bytes is not a whole number of " +
                                            std::to_string(record) + "-byte records (" +
                                            std::to_string(bytes.size() / record) + " records and " +
                                            std::to_string(bytes.size() % record) + " bytes left over)");
    if (!out.empty() && (out.channels != 3 || out.height != kCifarSide || out.width != kCifarSide))
        throw Error(ErrorCode::Internal, "CIFAR records appended to a set of a different image size");
    const std::size_t n = bytes.size() / record;
    const std::size_t labelOffset = kind == CifarLabels::Cifar100Fine ? 1 : 0;
    const std::size_t headerBytes = record - kCifarPixelBytes;
    // Validate every label before touching `out`, so a bad file leaves it unchanged.
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t b = 0; b < headerBytes; ++b) {
            const int limit = kind == CifarLabels::Cifar10 ? 10 : (b == 0 ? 20 : 100);
            const int label = bytes[i * record + b];
            if (label >= limit)
                throw Error(ErrorCode::Corrupt, what + " file " + source + ": record " + std::to_string(i) + " has " +
                                                    (kind == CifarLabels::Cifar10 ? "" : b == 0 ? "coarse " : "fine ") +
                                                    "label " + std::to_string(label) + ", out of range 0.." +
                                                    std::to_string(limit - 1));
        }
    }
    out.channels = 3;
    out.height = out.width = kCifarSide;
    out.pixels.reserve(out.pixels.size() + n * kCifarPixelBytes);
    out.labels.reserve(out.labels.size() + n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* rec = bytes.data() + i * record;
        out.labels.push_back(rec[labelOffset]);
        out.pixels.insert(out.pixels.end(), rec + headerBytes, rec + record);
    }
}

}  // namespace nat::data
