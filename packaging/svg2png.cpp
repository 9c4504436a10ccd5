// Build-time tool: renders an SVG into a square PNG for the hicolor icon theme, so that the PNG
// sizes are generated from resources/icons/nat-studio.svg instead of being committed.
// Usage: nat-svg2png INPUT.svg SIZE OUTPUT.png [BACKGROUND]   (BACKGROUND e.g. #ffffff, for previews)
#include <QColor>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QSvgRenderer>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    if (argc != 4 && argc != 5) {
        std::fprintf(stderr, "usage: nat-svg2png INPUT.svg SIZE OUTPUT.png [BACKGROUND]\n");
        return 2;
    }
    const int size = std::atoi(argv[2]);
    if (size < 1 || size > 4096) {
        std::fprintf(stderr, "nat-svg2png: error: SIZE must be 1..4096, got '%s'\n", argv[2]);
        return 2;
    }
    QSvgRenderer renderer(QString::fromLocal8Bit(argv[1]));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "nat-svg2png: error: cannot read SVG '%s'\n", argv[1]);
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(argc == 5 ? QColor(QString::fromLatin1(argv[4])) : QColor(Qt::transparent));
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        renderer.render(&painter);
    }
    if (!image.save(QString::fromLocal8Bit(argv[3]), "PNG")) {
        std::fprintf(stderr, "nat-svg2png: error: cannot write '%s'\n", argv[3]);
        return 1;
    }
    return 0;
}
