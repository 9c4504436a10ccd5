#include "data/image_set.h"

namespace nat::data {

std::vector<long long> classCounts(const ImageSet& set, int numClasses) {
    std::vector<long long> counts(static_cast<std::size_t>(numClasses > 0 ? numClasses : 0), 0);
    for (std::int32_t label : set.labels)
        if (label >= 0 && label < numClasses) ++counts[static_cast<std::size_t>(label)];
    return counts;
}

}  // namespace nat::data
