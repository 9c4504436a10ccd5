#include "supernet/supernet_config.h"

#include <cmath>

#include "base/error.h"

namespace nat::supernet {

Json SupernetConfig::toJson() const {
    return {{"space", space.toJson()},
            {"width_index", widthIndex},
            {"num_classes", numClasses},
            {"input_channels", inputChannels},
            {"dropout", dropout},
            {"bn_momentum", bnMomentum},
            {"bn_eps", bnEps}};
}

SupernetConfig SupernetConfig::fromJson(const Json& j) {
    const std::string ctx = "supernet config";
    SupernetConfig c;
    c.space = space::SearchSpace::fromJson(requireField(j, "space", ctx));
    c.widthIndex = requireInt(j, "width_index", ctx);
    c.numClasses = requireInt(j, "num_classes", ctx);
    c.inputChannels = requireInt(j, "input_channels", ctx);
    c.dropout = requireNumber(j, "dropout", ctx);
    c.bnMomentum = requireNumber(j, "bn_momentum", ctx);
    c.bnEps = requireNumber(j, "bn_eps", ctx);
    return c;
}

void SupernetConfig::validate() const {
    space.validate();
    if (widthIndex < 0 || widthIndex >= space.numWidths())
        throw Error(ErrorCode::InvalidArgument, "width index must be in 0.." + std::to_string(space.numWidths() - 1) +
                                                    ", got " + std::to_string(widthIndex));
    if (numClasses < 1 || numClasses > kMaxClasses)
        throw Error(ErrorCode::InvalidArgument, "number of classes must be in 1.." + std::to_string(kMaxClasses) +
                                                    ", got " + std::to_string(numClasses));
    if (inputChannels < 1 || inputChannels > kMaxInputChannels)
        throw Error(ErrorCode::InvalidArgument, "input channels must be in 1.." + std::to_string(kMaxInputChannels) +
                                                    ", got " + std::to_string(inputChannels));
    if (!(dropout >= 0.0 && dropout < 1.0))
        throw Error(ErrorCode::InvalidArgument, "dropout must be in [0, 1), got " + std::to_string(dropout));
    if (!(bnMomentum >= 0.0 && bnMomentum <= 1.0))
        throw Error(ErrorCode::InvalidArgument, "BN momentum must be in [0, 1], got " + std::to_string(bnMomentum));
    if (!(bnEps > 0.0 && bnEps < 1.0))
        throw Error(ErrorCode::InvalidArgument, "BN epsilon must be in (0, 1), got " + std::to_string(bnEps));
}

}  // namespace nat::supernet
