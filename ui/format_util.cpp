#include "format_util.h"

#include <QStringList>
#include <cmath>

namespace nat::ui {

using nat::engine::Objective;

QString Fmt::count(double v) {
    const double a = std::abs(v);
    if (a >= 1e9) return QStringLiteral("%1 G").arg(v / 1e9, 0, 'f', 2);
    if (a >= 1e6) return QStringLiteral("%1 M").arg(v / 1e6, 0, 'f', 2);
    if (a >= 1e3) return QStringLiteral("%1 k").arg(v / 1e3, 0, 'f', 2);
    return QString::number(v, 'g', 4);
}

QString Fmt::percent(double fraction, int decimals) {
    return QStringLiteral("%1 %").arg(fraction * 100.0, 0, 'f', decimals);
}

QString Fmt::seconds(double s) {
    if (s < 0) return tr("unknown");
    const long long t = std::llround(s);
    if (t >= 3600) return tr("%1 h %2 min").arg(t / 3600).arg((t % 3600) / 60);
    if (t >= 60) return tr("%1 min %2 s").arg(t / 60).arg(t % 60);
    return tr("%1 s").arg(t);
}

QString Fmt::objectiveName(Objective o) {
    switch (o) {
    case Objective::Error: return tr("Top-1 accuracy (%)");
    case Objective::MAdds: return tr("MAdds");
    case Objective::Params: return tr("Parameters");
    case Objective::CpuLatency: return tr("CPU latency (ms)");
    case Objective::GpuLatency: return tr("GPU latency (ms)");
    }
    return {};
}

QString Fmt::objectiveValue(Objective o, double v) {
    switch (o) {
    case Objective::Error: return percent(1.0 - v);
    case Objective::MAdds:
    case Objective::Params: return count(v);
    case Objective::CpuLatency:
    case Objective::GpuLatency: return v < 0 ? tr("not measured") : tr("%1 ms").arg(v, 0, 'f', 2);
    }
    return {};
}

double Fmt::axisValue(Objective o, double v) { return o == Objective::Error ? (1.0 - v) * 100.0 : v; }

QString Fmt::encoding(const std::vector<int>& enc) {
    QStringList parts;
    for (int v : enc) parts << QString::number(v);
    return parts.join(QLatin1Char(' '));
}

QString Fmt::entryTooltip(const nat::engine::ArchiveEntry& e) {
    QString text = tr("Architecture #%1 (iteration %2)\nAccuracy: %3\nMAdds: %4\nParams: %5\nCPU latency: %6")
                       .arg(e.id)
                       .arg(e.iteration)
                       .arg(percent(1.0 - e.error))
                       .arg(count(e.madds))
                       .arg(count(e.params))
                       .arg(objectiveValue(Objective::CpuLatency, e.cpuMs));
    if (e.predictedError >= 0) text += tr("\nPredicted accuracy: %1").arg(percent(1.0 - e.predictedError));
    text += tr("\nEncoding: %1").arg(encoding(e.encoding));
    return text;
}

}  // namespace nat::ui
