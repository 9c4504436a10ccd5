#include "compare_view.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <map>

#include "arch_diagram.h"
#include "format_util.h"
#include "space/architecture.h"
#include "space/cost_model.h"
#include "space/search_space.h"

namespace nat::ui {

namespace space = nat::space;
namespace engine = nat::engine;
using engine::Objective;

namespace {

const QColor kDiffTint(255, 200, 60, 70);

QTableWidget* makeTable(QWidget* parent, const QString& name, const QString& accessible) {
    auto* t = new QTableWidget(parent);
    t->setObjectName(name);
    t->setAccessibleName(accessible);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    return t;
}

}  // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("compareView"));
    auto* layout = new QVBoxLayout(this);
    auto* head = new QHBoxLayout;
    auto* title = new QLabel(tr("<h2>Comparison</h2>"), this);
    title->setObjectName(QStringLiteral("compareTitle"));
    auto* back = new QPushButton(tr("Back to the inspector"), this);
    back->setObjectName(QStringLiteral("compareBack"));
    head->addWidget(title, 1);
    head->addWidget(back);
    layout->addLayout(head);
    connect(back, &QPushButton::clicked, this, &CompareView::closeRequested);

    m_cards = new QGridLayout;
    layout->addLayout(m_cards);
    m_objectives = makeTable(this, QStringLiteral("compareObjectives"), tr("Objectives of the compared architectures"));
    m_objectives->setMinimumHeight(180);
    layout->addWidget(m_objectives);
    m_diffOnly = new QCheckBox(tr("Differences only"), this);
    m_diffOnly->setObjectName(QStringLiteral("compareDiffOnly"));
    layout->addWidget(m_diffOnly);
    m_layers = makeTable(this, QStringLiteral("compareLayers"), tr("Per-layer comparison"));
    m_layers->setMinimumHeight(300);
    layout->addWidget(m_layers, 1);
    connect(m_diffOnly, &QCheckBox::toggled, this, &CompareView::applyFilter);
}

std::vector<int> CompareView::ids() const {
    std::vector<int> ids;
    for (const auto& e : m_entries) ids.push_back(e.id);
    return ids;
}

int CompareView::differingLayerRows() const { return int(std::count(m_rowDiffers.begin(), m_rowDiffers.end(), 1)); }

bool CompareView::setEntries(const QString& spaceName, int numClasses, int inputChannels,
                             const std::vector<engine::ArchiveEntry>& entries) {
    m_entries.assign(entries.begin(), entries.begin() + std::min<std::size_t>(entries.size(), kMaxArchitectures));
    while (QLayoutItem* item = m_cards->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const int n = int(m_entries.size());
    std::vector<space::CostReport> costs(n);
    QString problem;
    try {
        const space::SearchSpace& sp = space::preset(spaceName.toStdString());
        for (int k = 0; k < n; ++k) {
            const engine::ArchiveEntry& e = m_entries[k];
            const space::Architecture arch = space::decode(sp, e.encoding);
            costs[k] = space::computeCost(sp, arch, {numClasses, inputChannels});
            auto* card = new QWidget(this);
            auto* v = new QVBoxLayout(card);
            v->setContentsMargins(0, 0, 0, 0);
            auto* head = new QHBoxLayout;
            head->addWidget(new QLabel(tr("<b>Architecture #%1</b> — %2, %3 MAdds")
                                           .arg(e.id)
                                           .arg(Fmt::percent(1.0 - e.error), Fmt::count(e.madds)),
                                       card),
                            1);
            auto* inspect = new QPushButton(tr("Inspect"), card);
            inspect->setObjectName(QStringLiteral("compareInspect%1").arg(k));
            inspect->setAccessibleName(tr("Inspect architecture #%1").arg(e.id));
            connect(inspect, &QPushButton::clicked, this, [this, id = e.id] { Q_EMIT inspectRequested(id); });
            head->addWidget(inspect);
            v->addLayout(head);
            auto* diagram = new ArchDiagram(card);
            diagram->setArchitecture(sp, arch);
            diagram->setMinimumHeight(220);
            v->addWidget(diagram);
            m_cards->addWidget(card, k / 2, k % 2);
        }
    } catch (const std::exception& ex) {
        problem = QString::fromStdString(ex.what());
    }
    m_objectives->clear();
    m_layers->clear();
    m_rowDiffers.clear();
    if (!problem.isEmpty()) {
        auto* label = new QLabel(tr("Cannot compare: %1").arg(problem.toHtmlEscaped()), this);
        label->setObjectName(QStringLiteral("compareProblem"));
        label->setWordWrap(true);
        m_cards->addWidget(label, 0, 0);
        m_objectives->setRowCount(0);
        m_layers->setRowCount(0);
        return false;
    }

    // Objectives: one row per objective, the best value in bold.
    QStringList headers{tr("Objective")};
    for (const auto& e : m_entries) headers << tr("#%1").arg(e.id);
    m_objectives->setColumnCount(n + 1);
    m_objectives->setHorizontalHeaderLabels(headers);
    struct Row {
        QString name;
        std::function<double(const engine::ArchiveEntry&)> value;  // lower is better; NaN = none
        std::function<QString(const engine::ArchiveEntry&)> text;
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<Row> rows = {
        {tr("Validation accuracy"), [](const auto& e) { return e.error; }, [](const auto& e) { return Fmt::percent(1.0 - e.error); }},
        {tr("Test accuracy"), [nan](const auto& e) { return e.testAccuracy ? -*e.testAccuracy : nan; },
         [](const auto& e) { return e.testAccuracy ? Fmt::percent(*e.testAccuracy) : tr("not evaluated"); }},
        {tr("MAdds"), [](const auto& e) { return e.madds; }, [](const auto& e) { return Fmt::count(e.madds); }},
        {tr("Params"), [](const auto& e) { return e.params; }, [](const auto& e) { return Fmt::count(e.params); }},
        {tr("CPU latency"), [nan](const auto& e) { return e.cpuMs >= 0 ? e.cpuMs : nan; },
         [](const auto& e) { return Fmt::objectiveValue(Objective::CpuLatency, e.cpuMs); }},
        {tr("GPU latency"), [nan](const auto& e) { return e.gpuMs >= 0 ? e.gpuMs : nan; },
         [](const auto& e) { return Fmt::objectiveValue(Objective::GpuLatency, e.gpuMs); }},
        {tr("Layers"), [nan](const auto&) { return nan; }, {}},
        {tr("Found in iteration"), [nan](const auto&) { return nan; }, [](const auto& e) { return QString::number(e.iteration); }},
    };
    m_objectives->setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r) {
        m_objectives->setItem(r, 0, new QTableWidgetItem(rows[r].name));
        double best = INFINITY;
        for (const auto& e : m_entries)
            if (const double v = rows[r].value(e); v == v) best = std::min(best, v);
        for (int k = 0; k < n; ++k) {
            const QString text = rows[r].text ? rows[r].text(m_entries[k]) : QString::number(costs[k].layers.size());
            auto* item = new QTableWidgetItem(text);
            const double v = rows[r].value(m_entries[k]);
            if (v == v && v == best && n > 1) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            m_objectives->setItem(r, k + 1, item);
        }
    }

    // Layers aligned by name: merge each subnet's sequence into the list, inserting a missing name
    // after the previous layer of the same subnet (so a deeper stage's extra layers stay in place).
    std::vector<std::string> names;
    std::vector<std::map<std::string, const space::LayerCost*>> byName(n);
    for (int k = 0; k < n; ++k) {
        std::size_t pos = 0;
        for (const auto& l : costs[k].layers) {
            byName[k][l.name] = &l;
            const auto it = std::find(names.begin(), names.end(), l.name);
            if (it != names.end()) {
                pos = std::size_t(it - names.begin()) + 1;
            } else {
                names.insert(names.begin() + std::ptrdiff_t(pos), l.name);
                ++pos;
            }
        }
    }
    QStringList layerHeaders{tr("Layer")};
    for (const auto& e : m_entries) layerHeaders << tr("#%1").arg(e.id);
    m_layers->setColumnCount(n + 1);
    m_layers->setHorizontalHeaderLabels(layerHeaders);
    m_layers->setRowCount(int(names.size()));
    m_rowDiffers.assign(names.size(), 0);
    for (int r = 0; r < int(names.size()); ++r) {
        m_layers->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(names[r])));
        QStringList texts;
        for (int k = 0; k < n; ++k) {
            auto it = byName[k].find(names[r]);
            QString text = QStringLiteral("—");
            if (it != byName[k].end()) {
                const space::LayerCost& l = *it->second;
                text = QStringLiteral("%1 · %2×%3×%4 · %5")
                           .arg(QString::fromStdString(l.kind))
                           .arg(l.outChannels)
                           .arg(l.outHeight)
                           .arg(l.outWidth)
                           .arg(Fmt::count(double(l.macs + l.extraOps)));
            }
            texts << text;
            m_layers->setItem(r, k + 1, new QTableWidgetItem(text));
        }
        m_rowDiffers[r] = texts.count(texts.front()) != texts.size();
        if (m_rowDiffers[r])
            for (int c = 0; c <= n; ++c) m_layers->item(r, c)->setBackground(kDiffTint);
    }
    applyFilter();
    return true;
}

void CompareView::applyFilter() {
    for (int r = 0; r < m_layers->rowCount(); ++r)
        m_layers->setRowHidden(r, m_diffOnly->isChecked() && r < int(m_rowDiffers.size()) && !m_rowDiffers[r]);
}

}  // namespace nat::ui
