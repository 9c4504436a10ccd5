#include "bench.h"

#include <QApplication>
#include <QChartView>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QObject>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

#include "front_chart.h"
#include "inspector_page.h"

namespace nat::studio {

namespace {

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

}  // namespace

void startLatencyProbe(double seconds) {
    struct Probe {
        QElapsedTimer clock;
        qint64 last = 0;
        std::vector<double> lateMs;
    };
    auto probe = std::make_shared<Probe>();
    auto* timer = new QTimer(qApp);
    timer->setTimerType(Qt::PreciseTimer);
    timer->setInterval(10);
    probe->clock.start();
    QObject::connect(timer, &QTimer::timeout, qApp, [probe] {
        const qint64 now = probe->clock.nsecsElapsed();
        if (probe->last > 0) probe->lateMs.push_back(std::max(0.0, (now - probe->last) / 1e6 - 10.0));
        probe->last = now;
    });
    timer->start();
    QTimer::singleShot(int(seconds * 1000), qApp, [probe] {
        std::printf("event-loop latency over %.0f s: %zu ticks, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                    probe->clock.elapsed() / 1000.0, probe->lateMs.size(), percentile(probe->lateMs, 0.5),
                    percentile(probe->lateMs, 0.99),
                    probe->lateMs.empty() ? 0.0 : *std::max_element(probe->lateMs.begin(), probe->lateMs.end()));
        std::fflush(stdout);
        QApplication::exit(0);
    });
}

int benchFront(int points) {
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<nat::engine::ArchiveEntry> archive(points);
    for (int i = 0; i < points; ++i) {
        auto& e = archive[i];
        e.id = i;
        e.iteration = i * 10 / points;
        e.madds = 5e6 + 20e6 * u(rng);
        e.params = 0.4e6 + 1.3e6 * u(rng);
        e.error = 0.07 + 0.1 * std::exp(-(e.madds - 5e6) / 6e6) + 0.03 * u(rng);
        e.cpuMs = e.madds / 1e6 * 0.05;
        e.encoding = {1, 0, 3, 4, 0, 0, 5, 6, 7, 0, 1, 2, 3, 4, 9, 9, 9, 9};
    }
    nat::ui::FrontChart chart;
    nat::ui::InspectorPage inspector;
    QObject::connect(&chart, &nat::ui::FrontChart::archSelected, &inspector,
                     [&](int id) { inspector.showEntry(archive[id]); });
    chart.resize(900, 650);
    chart.show();
    QElapsedTimer t;
    t.start();
    chart.setData(archive, {});
    QApplication::processEvents();
    chart.view()->viewport()->repaint();
    std::printf("front of %d points: set data + first paint %.1f ms\n", points, t.nsecsElapsed() / 1e6);
    std::vector<double> hover, click, paint;
    QWidget* vp = chart.view()->viewport();
    for (int k = 0; k < 200; ++k) {
        const int id = int(u(rng) * points);
        const QPointF pos = chart.positionOf(id) + QPointF(u(rng) * 4 - 2, u(rng) * 4 - 2);
        QMouseEvent move(QEvent::MouseMove, pos, vp->mapToGlobal(pos), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        t.restart();
        QApplication::sendEvent(vp, &move);
        hover.push_back(t.nsecsElapsed() / 1e6);
        QMouseEvent press(QEvent::MouseButtonPress, pos, vp->mapToGlobal(pos), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
        QMouseEvent release(QEvent::MouseButtonRelease, pos, vp->mapToGlobal(pos), Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
        t.restart();
        QApplication::sendEvent(vp, &press);
        QApplication::sendEvent(vp, &release);
        click.push_back(t.nsecsElapsed() / 1e6);
        t.restart();
        vp->repaint();
        paint.push_back(t.nsecsElapsed() / 1e6);
    }
    std::printf("hover (pick + tooltip): p50 %.2f ms, p99 %.2f ms\n", percentile(hover, 0.5), percentile(hover, 0.99));
    std::printf("click (pick + select + inspector): p50 %.2f ms, p99 %.2f ms\n", percentile(click, 0.5), percentile(click, 0.99));
    std::printf("repaint of the chart: p50 %.2f ms, p99 %.2f ms\n", percentile(paint, 0.5), percentile(paint, 0.99));
    return 0;
}

}  // namespace nat::studio
