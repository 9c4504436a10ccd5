#pragma once

#include <filesystem>
#include <stop_token>

#include "engine/job_runner.h"
#include "engine/run_store.h"

namespace nat::engine {

/// The archive entry `archId` of a run; Error(InvalidArgument) with the valid range when unknown.
const ArchiveEntry& findArchitecture(const RunInfo& run, int archId);

/// Loads the run's dataset and supernet, extracts `archId`, recalibrates BN, optionally fine-tunes it
/// (the result then carries accuracies before and after) and evaluates it on `split`; writes
/// evaluations/arch-<id>-<split>[-finetuned-<E>ep].json (and a journal line for the inherited
/// weights' test accuracy). Nothing is written before the evaluation has finished.
EvaluationResult evaluateArchitecture(const std::filesystem::path& runDir, int archId, const std::string& split,
                                      const FineTuneRequest& finetune, std::stop_token stop, const EventSink& sink);

/// Exports `request.archId` of a run in the requested formats; returns a summary line.
std::string exportFromRun(const std::filesystem::path& runDir, const ExportRequest& request, std::stop_token stop,
                          const EventSink& sink);

}  // namespace nat::engine
