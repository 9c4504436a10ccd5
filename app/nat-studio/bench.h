#pragma once

namespace nat::studio {

/// `--measure-latency SECONDS`: while the window runs a search, a 10 ms QTimer probe records how late
/// each tick is (event-loop latency); prints count, p50, p99 and max, then quits.
void startLatencyProbe(double seconds);

/// `--bench-front N`: N synthetic archive points in a front chart; times hover and click handling
/// (and a repaint) at random positions, and prints p50/p99. Returns the exit status.
int benchFront(int points);

}  // namespace nat::studio
