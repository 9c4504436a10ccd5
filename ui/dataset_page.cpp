#include "dataset_page.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>
#include <exception>

#include "data/dataset.h"

namespace nat::ui {

namespace {

QImage toImage(const nat::data::Thumbnail& t) {
    const QImage::Format f = t.channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8;
    if (t.channels != 1 && t.channels != 3) return {};
    return QImage(t.pixels.data(), t.width, t.height, t.width * t.channels, f).copy();
}

QString joinStats(const std::vector<double>& v) {
    QStringList parts;
    for (double x : v) parts << QString::number(x, 'f', 3);
    return parts.join(QStringLiteral(", "));
}

}  // namespace

DatasetPage::DatasetPage(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_fashion = new QPushButton(tr("Fashion-MNIST (built in)\n70,000 greyscale images, 28×28, 10 classes"), this);
    m_fashion->setObjectName(QStringLiteral("fashionCard"));
    m_fashion->setAccessibleName(tr("Use the built-in Fashion-MNIST dataset"));
    m_fashion->setMinimumHeight(64);
    auto* open = new QPushButton(tr("Open folder…"), this);
    open->setObjectName(QStringLiteral("openDatasetFolder"));
    open->setAccessibleName(tr("Open a dataset folder"));
    open->setToolTip(tr("IDX files, CIFAR-10/100 binary batches, or one sub-folder of images per class"));
    open->setMinimumHeight(64);
    top->addWidget(m_fashion, 2);
    top->addWidget(open, 1);
    layout->addLayout(top);
    connect(m_fashion, &QPushButton::clicked, this, [this] { load(QStringLiteral("fashion-mnist")); });
    connect(open, &QPushButton::clicked, this, &DatasetPage::chooseFolder);

    m_status = new QLabel(tr("No dataset opened yet."), this);
    m_status->setObjectName(QStringLiteral("datasetStatus"));
    layout->addWidget(m_status);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("datasetProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_problem->hide();
    layout->addWidget(m_problem);

    auto* middle = new QHBoxLayout;
    auto* infoBox = new QGroupBox(tr("Detected"), this);
    auto* infoLayout = new QVBoxLayout(infoBox);
    m_info = new QLabel(tr("—"), infoBox);
    m_info->setObjectName(QStringLiteral("datasetInfo"));
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    infoLayout->addWidget(m_info);
    auto* split = new QFormLayout;
    m_validation = new QSpinBox(infoBox);
    m_validation->setRange(-1, 100000);
    m_validation->setSingleStep(500);
    m_validation->setValue(-1);
    m_validation->setSpecialValueText(tr("preset default"));
    m_validation->setAccessibleName(tr("Validation images"));
    m_validation->setToolTip(tr("Held out from the training split; the search measures accuracy on them."));
    m_subset = new QSpinBox(infoBox);
    m_subset->setRange(-1, 10000000);
    m_subset->setSingleStep(1000);
    m_subset->setValue(-1);
    m_subset->setSpecialValueText(tr("preset default"));
    m_subset->setToolTip(tr("0 uses every training image."));
    m_subset->setAccessibleName(tr("Training images to use"));
    split->addRow(tr("Validation images:"), m_validation);
    split->addRow(tr("Training subset:"), m_subset);
    infoLayout->addLayout(split);
    infoLayout->addStretch();
    middle->addWidget(infoBox, 1);

    m_chart = new QChartView(this);
    m_chart->setObjectName(QStringLiteral("classCountsChart"));
    m_chart->setAccessibleName(tr("Images per class"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(240);
    m_chart->chart()->setTitle(tr("Images per class"));
    middle->addWidget(m_chart, 2);
    layout->addLayout(middle, 2);

    m_thumbs = new QScrollArea(this);
    m_thumbs->setObjectName(QStringLiteral("thumbnails"));
    m_thumbs->setWidgetResizable(true);
    layout->addWidget(m_thumbs, 2);
}

DatasetPage::~DatasetPage() = default;

int DatasetPage::validationSize() const { return m_validation->value(); }
int DatasetPage::trainSubset() const { return m_subset->value(); }
QString DatasetPage::problem() const { return m_problem->isHidden() ? QString() : m_problem->text(); }

void DatasetPage::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open dataset folder"));
    if (!dir.isEmpty()) load(dir);
}

void DatasetPage::load(const QString& pathOrAlias) {
    const int generation = ++m_generation;
    m_loading = true;
    m_problem->hide();
    m_problem->clear();
    m_status->setText(tr("Opening %1 …").arg(pathOrAlias));
    const std::string path = pathOrAlias.toStdString();
    if (m_loader.joinable()) m_loader.join();  // a previous load: at most a few seconds left
    m_loader = std::jthread([this, path, pathOrAlias, generation] {
        nat::data::DatasetSummary summary;
        QString error;
        try {
            summary = nat::data::summarize(nat::data::openDataset(path));
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, summary = std::move(summary), error, pathOrAlias, generation] {
                if (generation != m_generation) return;  // superseded by a newer request
                m_loading = false;
                if (!error.isEmpty()) {
                    showProblem(error);
                    return;
                }
                m_dataset = pathOrAlias;
                showSummary(summary);
            },
            Qt::QueuedConnection);
    });
}

void DatasetPage::showProblem(const QString& message) {
    m_status->setText(tr("This folder cannot be used as a dataset."));
    m_problem->setText(tr("Problem: %1").arg(message));
    m_problem->show();
    Q_EMIT datasetFailed(message);
}

void DatasetPage::showSummary(const nat::data::DatasetSummary& s) {
    long long train = 0, test = 0;
    for (const auto& c : s.classes) train += c.train, test += c.test;
    const QString name = QString::fromStdString(s.name);
    m_status->setText(tr("Opened %1.").arg(name));
    QString info = tr("<b>%1</b><br>Format: %2<br>Folder: %3<br>Classes: %4<br>Images: %5 training, %6 test<br>"
                      "Image size: %7×%8, %9 channel(s)<br>Mean: %10<br>Std: %11")
                       .arg(name.toHtmlEscaped(), QString::fromStdString(s.format),
                            QString::fromStdString(s.root).toHtmlEscaped())
                       .arg(s.classes.size())
                       .arg(train)
                       .arg(test)
                       .arg(s.imageWidth)
                       .arg(s.imageHeight)
                       .arg(s.channels)
                       .arg(joinStats(s.stats.mean), joinStats(s.stats.std));
    if (s.skippedFiles > 0) info += tr("<br>Skipped unreadable files: %1").arg(s.skippedFiles);
    for (const auto& w : s.warnings) info += QStringLiteral("<br>⚠ ") + QString::fromStdString(w).toHtmlEscaped();
    m_info->setText(info);
    fillChart(s);
    fillThumbnails(s);
    Q_EMIT datasetReady(m_dataset, tr("%1 (%2 classes, %3 images)").arg(name).arg(s.classes.size()).arg(train + test));
}

void DatasetPage::fillChart(const nat::data::DatasetSummary& s) {
    auto* chart = new QChart;
    chart->setTitle(tr("Images per class"));
    auto* trainSet = new QBarSet(tr("training"));
    auto* testSet = new QBarSet(tr("test"));
    QStringList names;
    double maxCount = 1;
    for (const auto& c : s.classes) {
        *trainSet << c.train;
        *testSet << c.test;
        names << QString::fromStdString(c.name);
        maxCount = std::max(maxCount, double(std::max(c.train, c.test)));
    }
    auto* series = new QBarSeries;
    series->append(trainSet);
    series->append(testSet);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(names);
    x->setLabelsAngle(-45);
    auto* y = new QValueAxis;
    y->setRange(0, maxCount * 1.1);
    y->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    QChart* old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

void DatasetPage::fillThumbnails(const nat::data::DatasetSummary& s) {
    auto* content = new QWidget;
    auto* grid = new QGridLayout(content);
    std::vector<int> column(s.classes.size(), 1);
    for (std::size_t i = 0; i < s.classes.size(); ++i) {
        auto* label = new QLabel(QString::fromStdString(s.classes[i].name), content);
        grid->addWidget(label, int(i), 0);
    }
    for (const auto& t : s.thumbnails) {
        if (t.classIndex < 0 || t.classIndex >= int(s.classes.size())) continue;
        auto* img = new QLabel(content);
        img->setPixmap(QPixmap::fromImage(toImage(t).scaled(56, 56, Qt::KeepAspectRatio, Qt::FastTransformation)));
        img->setToolTip(QString::fromStdString(s.classes[t.classIndex].name));
        grid->addWidget(img, t.classIndex, column[t.classIndex]++);
    }
    grid->setColumnStretch(grid->columnCount(), 1);
    m_thumbs->setWidget(content);  // deletes the previous grid
}

}  // namespace nat::ui
