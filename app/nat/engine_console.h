#pragma once

// Running engine work from the command line with Ctrl-C as cancellation (defined in cmd_engine.cpp).

#include <functional>
#include <optional>
#include <stop_token>

#include "engine/job_runner.h"

namespace nat::cli {

/// Runs one background job to its end: progress and log lines on stderr, the final message on stdout.
/// Ctrl-C cancels it cooperatively (what the job had saved stays; evaluation and export jobs write
/// nothing before they finish). Returns the exit status: 0, 1 (failed) or 130 (cancelled).
/// `evaluation`, when given, receives the job's EvaluationResult.
int runEngineJob(const std::function<void(engine::JobRunner&)>& start,
                 std::optional<engine::EvaluationResult>* evaluation = nullptr);

/// Runs `work` on a worker thread while this thread waits; Ctrl-C requests a stop through the token.
/// Rethrows whatever `work` threw (Error(Cancelled) after Ctrl-C, when the work honours the token).
void runInterruptible(const std::function<void(std::stop_token)>& work);

}  // namespace nat::cli
