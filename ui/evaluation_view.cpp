#include "evaluation_view.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QPainter>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include "format_util.h"

namespace nat::ui {

ConfusionHeatMap::ConfusionHeatMap(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("confusionHeatMap"));
    setAccessibleName(tr("Confusion matrix"));
    setMinimumSize(300, 280);
}

void ConfusionHeatMap::setResult(const nat::engine::EvaluationResult& r) {
    m_names = r.classNames;
    m_confusion = r.confusion;
    update();
}

void ConfusionHeatMap::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const int n = static_cast<int>(m_confusion.size());
    if (n == 0) return;
    const double left = 90, top = 24;
    const double cell = std::min((width() - left - 8) / n, (height() - top - 24) / n);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, std::min(9.0, cell / 4)));
    p.setFont(small);
    p.drawText(QRectF(left, 0, cell * n, top), Qt::AlignCenter, tr("predicted →"));
    for (int t = 0; t < n; ++t) {
        long long rowSum = 0;
        for (long long v : m_confusion[t]) rowSum += v;
        const QString name = t < int(m_names.size()) ? QString::fromStdString(m_names[t]) : QString::number(t);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(0, top + t * cell, left - 4, cell), Qt::AlignRight | Qt::AlignVCenter, name);
        for (int q = 0; q < n && q < int(m_confusion[t].size()); ++q) {
            const double f = rowSum > 0 ? double(m_confusion[t][q]) / rowSum : 0.0;
            const QColor c = QColor::fromRgbF(1.0 - 0.85 * f, 1.0 - 0.6 * f, 1.0 - 0.25 * f);
            const QRectF r(left + q * cell, top + t * cell, cell - 1, cell - 1);
            p.fillRect(r, c);
            p.setPen(f > 0.5 ? Qt::white : Qt::black);
            if (cell > 22) p.drawText(r, Qt::AlignCenter, QString::number(m_confusion[t][q]));
        }
    }
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRectF(0, top + n * cell, left, 20), Qt::AlignRight, tr("true ↓"));
}

EvaluationView::EvaluationView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* options = new QHBoxLayout;
    m_finetune = new QCheckBox(tr("Fine-tune first"), this);
    m_finetune->setObjectName(QStringLiteral("finetuneCheck"));
    m_finetune->setAccessibleName(tr("Fine-tune before evaluating"));
    m_finetune->setToolTip(tr("Train the extracted subnet for a few epochs on the run's training split before "
                              "evaluating it; the result shows the accuracy before and after."));
    m_finetuneEpochs = new QSpinBox(this);
    m_finetuneEpochs->setObjectName(QStringLiteral("finetuneEpochs"));
    m_finetuneEpochs->setAccessibleName(tr("Fine-tuning epochs"));
    m_finetuneEpochs->setRange(1, nat::engine::kMaxFineTuneEpochs);
    m_finetuneEpochs->setValue(1);
    m_finetuneEpochs->setSuffix(tr(" epoch(s)"));
    m_finetuneEpochs->setEnabled(false);
    connect(m_finetune, &QCheckBox::toggled, m_finetuneEpochs, &QWidget::setEnabled);
    options->addWidget(m_finetune);
    options->addWidget(m_finetuneEpochs);
    options->addStretch(1);
    layout->addLayout(options);
    m_summary = new QLabel(tr("Not evaluated yet. Use “Evaluate on test set”."), this);
    m_summary->setObjectName(QStringLiteral("evaluationSummary"));
    layout->addWidget(m_summary);
    m_finetuneSummary = new QLabel(this);
    m_finetuneSummary->setObjectName(QStringLiteral("finetuneSummary"));
    m_finetuneSummary->setWordWrap(true);
    m_finetuneSummary->setVisible(false);
    layout->addWidget(m_finetuneSummary);
    auto* row = new QHBoxLayout;
    m_heat = new ConfusionHeatMap(this);
    m_perClass = new QChartView(this);
    m_perClass->setObjectName(QStringLiteral("perClassChart"));
    m_perClass->setAccessibleName(tr("Per-class accuracy"));
    m_perClass->setMinimumSize(300, 280);
    row->addWidget(m_heat, 1);
    row->addWidget(m_perClass, 1);
    layout->addLayout(row);
    layout->addWidget(new QLabel(tr("Misclassified examples (true → predicted):"), this));
    m_examples = new QWidget(this);
    m_examplesGrid = new QGridLayout(m_examples);
    layout->addWidget(m_examples);
}

int EvaluationView::finetuneEpochs() const { return m_finetune->isChecked() ? m_finetuneEpochs->value() : 0; }

void EvaluationView::setFinetuneEpochs(int epochs) {
    m_finetune->setChecked(epochs > 0);
    if (epochs > 0) m_finetuneEpochs->setValue(epochs);
}

void EvaluationView::clear() {
    m_summary->setText(tr("Not evaluated yet. Use “Evaluate on test set”."));
    m_finetuneSummary->clear();
    m_finetuneSummary->setVisible(false);
    m_heat->setResult({});
    m_perClass->chart()->removeAllSeries();
    while (QLayoutItem* item = m_examplesGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void EvaluationView::setResult(const nat::engine::EvaluationResult& r) {
    clear();
    m_summary->setText((r.finetune ? tr("<b>Top-1 on the %1 split after fine-tuning: %2</b> (architecture #%3)")
                                   : tr("<b>Top-1 on the %1 split: %2</b> (architecture #%3)"))
                           .arg(QString::fromStdString(r.split), Fmt::percent(r.top1))
                           .arg(r.archId));
    if (r.finetune) {
        const nat::engine::FineTuneSummary& f = *r.finetune;
        auto change = [](double before, double after) {
            return tr("%1 → %2 (%3%4 points)")
                .arg(Fmt::percent(before), Fmt::percent(after), after >= before ? QStringLiteral("+") : QString())
                .arg((after - before) * 100.0, 0, 'f', 2);
        };
        QString text = tr("Fine-tuned for %n epoch(s) (%1 steps, %2, seed %3) before evaluating.", nullptr, f.epochs)
                           .arg(f.steps)
                           .arg(Fmt::seconds(f.seconds))
                           .arg(static_cast<qulonglong>(f.seed));
        if (f.testBefore && f.testAfter) text += QStringLiteral("<br>") + tr("Test top-1: %1").arg(change(*f.testBefore, *f.testAfter));
        text += QStringLiteral("<br>") + tr("Validation top-1: %1").arg(change(f.valBefore, f.valAfter));
        text += QStringLiteral("<br>") + tr("Training images top-1: %1").arg(change(f.trainBefore, f.trainAfter));
        m_finetuneSummary->setText(text);
        m_finetuneSummary->setVisible(true);
    }
    m_heat->setResult(r);
    auto* chart = new QChart;
    chart->setTitle(tr("Per-class accuracy (%)"));
    chart->legend()->hide();
    auto* set = new QBarSet(tr("accuracy"));
    QStringList names;
    for (std::size_t i = 0; i < r.perClassAccuracy.size(); ++i) {
        *set << r.perClassAccuracy[i] * 100.0;
        names << (i < r.classNames.size() ? QString::fromStdString(r.classNames[i]) : QString::number(i));
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(names);
    auto* x = new QValueAxis;
    x->setRange(0, 100);
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(y);
    QChart* old = m_perClass->chart();
    m_perClass->setChart(chart);
    delete old;
    int k = 0;
    for (const auto& ex : r.misclassified) {
        const QImage::Format f = ex.channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8;
        if ((ex.channels != 1 && ex.channels != 3) || ex.pixels.size() < std::size_t(ex.width * ex.height * ex.channels)) continue;
        const QImage img = QImage(ex.pixels.data(), ex.width, ex.height, ex.width * ex.channels, f).copy();
        auto* label = new QLabel(m_examples);
        label->setPixmap(QPixmap::fromImage(img.scaled(48, 48, Qt::KeepAspectRatio)));
        auto name = [&](int c) { return c < int(r.classNames.size()) ? QString::fromStdString(r.classNames[c]) : QString::number(c); };
        label->setToolTip(tr("#%1: %2 → %3").arg(ex.index).arg(name(ex.label), name(ex.predicted)));
        m_examplesGrid->addWidget(label, k / 16, k % 16);
        ++k;
    }
}

}  // namespace nat::ui
