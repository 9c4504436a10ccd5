#pragma once

#include <QWidget>
#include <memory>
#include <thread>

#include "data/summary.h"

class QLabel;
class QSpinBox;
class QScrollArea;
class QPushButton;
class QChartView;

namespace nat::ui {

/// Dataset page: the built-in Fashion-MNIST as a one-click card, "Open…" for IDX / CIFAR / image
/// folders, then what was detected (format, classes, counts as a bar chart, image size, thumbnails
/// per class) and the split settings. Opening runs on a worker thread (Fashion-MNIST takes ~0.5 s);
/// the result comes back through a queued call. Problems are shown inline, in red, in plain words.
class DatasetPage : public QWidget {
    Q_OBJECT
public:
    explicit DatasetPage(QWidget* parent = nullptr);
    ~DatasetPage() override;

    /// Starts loading in the background; "fashion-mnist" is the built-in alias.
    void load(const QString& pathOrAlias);
    QString dataset() const { return m_dataset; }
    bool isLoading() const { return m_loading; }
    /// -1 when the preset's value applies.
    int validationSize() const;
    int trainSubset() const;
    /// The message shown for the last problem (empty when none).
    QString problem() const;

Q_SIGNALS:
    void datasetReady(const QString& pathOrAlias, const QString& description);
    void datasetFailed(const QString& message);

private:
    void chooseFolder();
    void showSummary(const nat::data::DatasetSummary& s);
    void showProblem(const QString& message);
    void fillChart(const nat::data::DatasetSummary& s);
    void fillThumbnails(const nat::data::DatasetSummary& s);

    QString m_dataset;
    bool m_loading = false;
    int m_generation = 0;
    QLabel* m_status = nullptr;
    QLabel* m_problem = nullptr;
    QLabel* m_info = nullptr;
    QChartView* m_chart = nullptr;
    QScrollArea* m_thumbs = nullptr;
    QSpinBox* m_validation = nullptr;
    QSpinBox* m_subset = nullptr;
    QPushButton* m_fashion = nullptr;
    std::jthread m_loader;  ///< joined on destruction (opening takes at most a few seconds)
};

}  // namespace nat::ui
