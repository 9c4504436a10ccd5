#include "inspector_page.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <exception>

#include "arch_diagram.h"
#include "compare_view.h"
#include "evaluation_view.h"
#include "format_util.h"
#include "space/architecture.h"
#include "space/cost_model.h"
#include "space/search_space.h"

namespace nat::ui {

namespace space = nat::space;
namespace engine = nat::engine;

InspectorPage::InspectorPage(QWidget* parent) : QWidget(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);
    auto* scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    m_stack->addWidget(scroll);
    auto* compareScroll = new QScrollArea(m_stack);
    compareScroll->setWidgetResizable(true);
    m_compare = new CompareView(compareScroll);
    compareScroll->setWidget(m_compare);
    m_stack->addWidget(compareScroll);
    connect(m_compare, &CompareView::closeRequested, this, [this] { m_stack->setCurrentIndex(0); });
    connect(m_compare, &CompareView::inspectRequested, this, &InspectorPage::inspectRequested);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(content);

    auto* head = new QHBoxLayout;
    m_title = new QLabel(tr("<h2>No architecture selected</h2>"), content);
    m_title->setObjectName(QStringLiteral("inspectorTitle"));
    m_evaluate = new QPushButton(tr("Evaluate on test set"), content);
    m_evaluate->setObjectName(QStringLiteral("evaluateButton"));
    m_evaluate->setAccessibleName(tr("Evaluate on test set"));
    m_export = new QPushButton(tr("Export…"), content);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setAccessibleName(tr("Export this architecture"));
    head->addWidget(m_title, 1);
    head->addWidget(m_evaluate);
    head->addWidget(m_export);
    layout->addLayout(head);
    m_objectives = new QLabel(content);
    m_objectives->setObjectName(QStringLiteral("inspectorObjectives"));
    m_objectives->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_objectives);

    auto* encRow = new QHBoxLayout;
    m_encoding = new QLineEdit(content);
    m_encoding->setReadOnly(true);
    m_encoding->setObjectName(QStringLiteral("encodingField"));
    m_encoding->setAccessibleName(tr("Encoding"));
    auto* copy = new QPushButton(tr("Copy"), content);
    copy->setObjectName(QStringLiteral("copyEncoding"));
    copy->setAccessibleName(tr("Copy the encoding"));
    encRow->addWidget(new QLabel(tr("Encoding:"), content));
    encRow->addWidget(m_encoding, 1);
    encRow->addWidget(copy);
    layout->addLayout(encRow);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_encoding->text()); });

    m_diagram = new ArchDiagram(content);
    m_diagram->setMinimumHeight(240);
    layout->addWidget(m_diagram);
    m_table = new QTableWidget(0, 6, content);
    m_table->setObjectName(QStringLiteral("layerTable"));
    m_table->setAccessibleName(tr("Per-layer costs"));
    m_table->setHorizontalHeaderLabels({tr("Layer"), tr("Kind"), tr("Output"), tr("Params"), tr("MAdds"), tr("Share")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setMinimumHeight(260);
    layout->addWidget(m_table);
    m_evaluation = new EvaluationView(content);
    layout->addWidget(m_evaluation);

    connect(m_evaluate, &QPushButton::clicked, this, [this] { if (m_entry) Q_EMIT evaluateRequested(m_entry->id); });
    connect(m_export, &QPushButton::clicked, this, [this] { if (m_entry) Q_EMIT exportRequested(m_entry->id); });
    clear();
}

void InspectorPage::setContext(const QString& spaceName, int numClasses, int inputChannels) {
    m_space = spaceName;
    m_classes = numClasses;
    m_channels = inputChannels;
}

void InspectorPage::clear() {
    m_entry.reset();
    m_stack->setCurrentIndex(0);
    m_title->setText(tr("<h2>No architecture selected</h2>"));
    m_objectives->setText(tr("Click a point of the Pareto front on the dashboard."));
    m_encoding->clear();
    m_diagram->clear();
    m_table->setRowCount(0);
    m_evaluation->clear();
    m_evaluate->setEnabled(false);
    m_export->setEnabled(false);
}

void InspectorPage::showComparison(const std::vector<engine::ArchiveEntry>& entries) {
    m_compare->setEntries(m_space, m_classes, m_channels, entries);
    m_stack->setCurrentIndex(1);
}

bool InspectorPage::comparing() const { return m_stack->currentIndex() == 1; }

void InspectorPage::setBusy(bool busy) {
    m_evaluate->setEnabled(!busy && m_entry);
    m_export->setEnabled(!busy && m_entry);
}

void InspectorPage::showEntry(const nat::engine::ArchiveEntry& e) {
    const bool same = m_entry && m_entry->id == e.id;
    m_stack->setCurrentIndex(0);
    m_entry = e;
    m_title->setText(tr("<h2>Architecture #%1</h2>").arg(e.id));
    QString objectives = tr("Accuracy: <b>%1</b> &nbsp; MAdds: <b>%2</b> &nbsp; Params: <b>%3</b> &nbsp; CPU latency: <b>%4</b>"
                            " &nbsp; found in iteration %5")
                             .arg(Fmt::percent(1.0 - e.error), Fmt::count(e.madds), Fmt::count(e.params),
                                  Fmt::objectiveValue(engine::Objective::CpuLatency, e.cpuMs))
                             .arg(e.iteration);
    if (e.predictedError >= 0) objectives += tr(" &nbsp; predicted accuracy: %1").arg(Fmt::percent(1.0 - e.predictedError));
    if (e.testAccuracy) objectives += tr(" &nbsp; test accuracy: <b>%1</b>").arg(Fmt::percent(*e.testAccuracy));
    m_objectives->setText(objectives);
    m_encoding->setText(Fmt::encoding(e.encoding));
    if (!same) m_evaluation->clear();
    fillTable(e);
    setBusy(false);
}

void InspectorPage::fillTable(const nat::engine::ArchiveEntry& e) {
    m_table->setRowCount(0);
    try {
        const space::SearchSpace& sp = space::preset(m_space.toStdString());
        const space::Architecture arch = space::decode(sp, e.encoding);
        m_diagram->setArchitecture(sp, arch);
        const space::CostReport cost = space::computeCost(sp, arch, {m_classes, m_channels});
        m_table->setRowCount(int(cost.layers.size()) + 1);
        int row = 0;
        auto set = [&](int col, const QString& text) { m_table->setItem(row, col, new QTableWidgetItem(text)); };
        for (const auto& l : cost.layers) {
            const double madds = double(l.macs + l.extraOps);
            set(0, QString::fromStdString(l.name));
            set(1, QString::fromStdString(l.kind));
            set(2, QStringLiteral("%1×%2×%3").arg(l.outChannels).arg(l.outHeight).arg(l.outWidth));
            set(3, Fmt::count(double(l.params)));
            set(4, Fmt::count(madds));
            set(5, Fmt::percent(cost.madds > 0 ? madds / double(cost.madds) : 0.0, 1));
            ++row;
        }
        set(0, tr("total"));
        set(3, Fmt::count(double(cost.params)));
        set(4, Fmt::count(double(cost.madds)));
        set(5, Fmt::percent(1.0, 1));
    } catch (const std::exception& ex) {
        m_diagram->clear();
        m_objectives->setText(m_objectives->text() + QStringLiteral("<br><font color='#b00020'>%1</font>")
                                                         .arg(QString::fromStdString(ex.what()).toHtmlEscaped()));
    }
}

}  // namespace nat::ui
