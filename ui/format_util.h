#pragma once

#include <QCoreApplication>
#include <QString>
#include <string>
#include <vector>

#include "engine/events.h"

namespace nat::ui {

/// Human-readable numbers and objective names for labels, tooltips and tables.
class Fmt {
    Q_DECLARE_TR_FUNCTIONS(nat::ui::Fmt)
public:
    /// 12345678 → "12.35 M"; 4567 → "4.57 k".
    static QString count(double v);
    static QString percent(double fraction, int decimals = 2);
    static QString seconds(double s);
    static QString objectiveName(nat::engine::Objective o);
    /// An objective's value as shown to people (error is shown as accuracy).
    static QString objectiveValue(nat::engine::Objective o, double v);
    /// Axis value of an objective: accuracy in % for error, the raw unit otherwise.
    static double axisValue(nat::engine::Objective o, double v);
    static QString encoding(const std::vector<int>& enc);
    /// The multi-line tooltip of one archive entry.
    static QString entryTooltip(const nat::engine::ArchiveEntry& e);
};

}  // namespace nat::ui
