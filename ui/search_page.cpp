#include "search_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>

#include "base/error.h"
#include "format_util.h"

namespace nat::ui {

namespace engine = nat::engine;

SearchPage::SearchPage(QWidget* parent) : QWidget(parent) {
    auto* outer = new QVBoxLayout(this);
    m_dataset = new QLabel(this);
    m_dataset->setObjectName(QStringLiteral("searchDataset"));
    outer->addWidget(m_dataset);
    auto* form = new QFormLayout;
    outer->addLayout(form);

    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_preset->setAccessibleName(tr("Preset"));
    for (const std::string& name : engine::presetSettingNames()) m_preset->addItem(QString::fromStdString(name));
    form->addRow(tr("&Preset:"), m_preset);

    auto* objBox = new QWidget(this);
    auto* objLayout = new QHBoxLayout(objBox);
    objLayout->setContentsMargins(0, 0, 0, 0);
    for (auto o : {engine::Objective::Error, engine::Objective::MAdds, engine::Objective::Params,
                   engine::Objective::CpuLatency}) {
        auto* box = new QCheckBox(Fmt::objectiveName(o), objBox);
        box->setObjectName(QStringLiteral("objective_") + QString::fromStdString(engine::objectiveKey(o)));
        box->setAccessibleName(box->text());
        objLayout->addWidget(box);
        m_objectives[o] = box;
        connect(box, &QCheckBox::toggled, this, &SearchPage::updateEstimate);
    }
    m_objectives[engine::Objective::Error]->setEnabled(false);  // always optimised
    form->addRow(tr("Objectives:"), objBox);

    m_iterations = new QSpinBox(this);
    m_iterations->setRange(0, 1000);
    m_iterations->setObjectName(QStringLiteral("iterationsSpin"));
    m_iterations->setAccessibleName(tr("Iterations"));
    form->addRow(tr("&Iterations:"), m_iterations);
    m_warmup = new QDoubleSpinBox(this);
    m_warmup->setRange(0, 500);
    m_warmup->setDecimals(2);
    m_warmup->setAccessibleName(tr("Warm-up epochs on sampled subnets"));
    form->addRow(tr("&Warm-up epochs:"), m_warmup);
    m_adapt = new QDoubleSpinBox(this);
    m_adapt->setRange(0, 100);
    m_adapt->setDecimals(2);
    m_adapt->setAccessibleName(tr("Adaptation epochs per iteration"));
    form->addRow(tr("&Adaptation epochs per iteration:"), m_adapt);

    m_device = new QComboBox(this);
    m_device->setAccessibleName(tr("Device"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    form->addRow(tr("&Device:"), m_device);
    m_threads = new QSpinBox(this);
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(tr("all cores (%1)").arg(QThread::idealThreadCount()));
    m_threads->setAccessibleName(tr("Threads"));
    form->addRow(tr("&Threads:"), m_threads);
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 2147483647);
    m_seed->setAccessibleName(tr("Random seed"));
    form->addRow(tr("&Seed:"), m_seed);

    auto* outRow = new QHBoxLayout;
    m_output = new QLineEdit(this);
    m_output->setObjectName(QStringLiteral("outputFolder"));
    m_output->setAccessibleName(tr("Output folder"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setAccessibleName(tr("Choose output folder"));
    outRow->addWidget(m_output, 1);
    outRow->addWidget(browse);
    // A row whose field is a layout gets no buddy from addRow, so its "&" would show: name the buddy.
    auto* outLabel = new QLabel(tr("&Output folder:"), this);
    outLabel->setBuddy(m_output);
    form->addRow(outLabel, outRow);
    connect(browse, &QPushButton::clicked, this, &SearchPage::chooseFolder);

    m_estimate = new QLabel(this);
    m_estimate->setObjectName(QStringLiteral("estimateLabel"));
    m_estimate->setToolTip(tr("Training steps timed from the largest subnet's MACs as measured on a 2-core CPU (a "
                              "sampled step counts the largest as teacher plus 0.6 per sampled subnet; CUDA 20× "
                              "faster), plus each evaluated architecture's validation and BN-calibration images. "
                              "More or faster cores make it shorter."));
    form->addRow(tr("Estimated duration:"), m_estimate);

    auto* start = new QPushButton(tr("Start search"), this);
    start->setObjectName(QStringLiteral("startSearchButton"));
    start->setAccessibleName(tr("Start search"));
    start->setMinimumHeight(40);
    outer->addWidget(start, 0, Qt::AlignLeft);
    outer->addStretch();
    connect(start, &QPushButton::clicked, this, &SearchPage::startRequested);

    connect(m_preset, &QComboBox::currentTextChanged, this, &SearchPage::applyPreset);
    for (QSpinBox* s : {m_iterations, m_threads, m_seed}) connect(s, &QSpinBox::valueChanged, this, &SearchPage::updateEstimate);
    for (QDoubleSpinBox* s : {m_warmup, m_adapt}) connect(s, &QDoubleSpinBox::valueChanged, this, &SearchPage::updateEstimate);
    connect(m_device, &QComboBox::currentIndexChanged, this, &SearchPage::updateEstimate);
    const QString base = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_output->setText(QDir(base.isEmpty() ? QDir::homePath() : base)
                          .filePath(QStringLiteral("nat-runs/run-") +
                                    QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    applyPreset(m_preset->currentText());
    setDatasetDescription(tr("Fashion-MNIST (built in)"));
}

void SearchPage::applyPreset(const QString& name) {
    m_base = engine::presetSettings(name.toStdString());
    m_iterations->setValue(m_base.iterations);
    m_warmup->setValue(m_base.warmupSampledEpochs);
    m_adapt->setValue(m_base.adaptEpochs);
    m_seed->setValue(static_cast<int>(m_base.seed));
    for (auto& [o, box] : m_objectives)
        box->setChecked(std::find(m_base.objectives.begin(), m_base.objectives.end(), o) != m_base.objectives.end());
    updateEstimate();
}

engine::SearchSettings SearchPage::settings() const {
    engine::SearchSettings s = m_base;
    s.objectives.clear();
    for (const auto& [o, box] : m_objectives)
        if (box->isChecked() || o == engine::Objective::Error) s.objectives.push_back(o);
    s.iterations = m_iterations->value();
    s.warmupSampledEpochs = m_warmup->value();
    s.adaptEpochs = m_adapt->value();
    s.device = m_device->currentData().toString().toStdString();
    s.threads = m_threads->value();
    s.seed = static_cast<std::uint64_t>(m_seed->value());
    return s;
}

QString SearchPage::outputFolder() const { return m_output->text().trimmed(); }
void SearchPage::setOutputFolder(const QString& dir) { m_output->setText(dir); }

void SearchPage::setDatasetDescription(const QString& text) {
    m_dataset->setText(tr("<b>Dataset:</b> %1").arg(text.toHtmlEscaped()));
}

void SearchPage::setExtraDevices(const QStringList& devices) {
    for (const QString& d : devices) m_device->addItem(d.toUpper(), d);
}

void SearchPage::setTrainImages(long long n) {
    m_trainImages = n;
    updateEstimate();
}

double SearchPage::estimateSeconds(const engine::SearchSettings& s, long long trainImages) {
    try {
        return engine::estimateSearchSeconds(s, trainImages);
    } catch (const Error&) {
        return 0;  // an unknown space: the run's own check reports it when the search starts
    }
}

void SearchPage::updateEstimate() {
    m_estimate->setText(tr("about %1").arg(Fmt::seconds(estimateSeconds(settings(), m_trainImages))));
}

void SearchPage::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Output folder for the run"), m_output->text());
    if (!dir.isEmpty()) m_output->setText(dir);
}

}  // namespace nat::ui
