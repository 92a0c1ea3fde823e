// ScreenshotTour: visits every page of the window, saves a PNG of each, then quits (--screenshot-tour).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <utility>

class QQuickWindow;

namespace fs {

/// Walks the wizard's steps (intro, a wrong PIN's failure, the right PIN typed, the service's
/// answer), then the page ids of Main.qml's `navigation` from the last (each page with range bars
/// twice: as it opens and at its live range as `<page>-live`), and home last, through `openPage`
/// and the registration flow's slots;
/// waits until each page has settled (loaded, nothing `loading`, a few frames drawn; home: no tile
/// still starting, up to 30 s), and saves
/// `<dir>/<W>x<H>-<page>.png` with QQuickWindow::grabWindow(). Exits the application with 0 when
/// every picture was saved, 1 otherwise. No coordinates are clicked, so it is deterministic.
/// FS_SCREENSHOT_PAGES=home,uploads (comma-separated page ids) limits the tour to those pages.
class ScreenshotTour : public QObject
{
    Q_OBJECT

public:
    ScreenshotTour(QQuickWindow* window, const QString& dir, QObject* parent = nullptr);

    /// Starts after the first frame; the application quits when the tour ends.
    void start();
    /// The shots in visiting order: {file stem, page id, wizard step or empty}.
    struct Shot
    {
        QString name;
        QString page;
        QString step; ///< before the picture: "", the wizard's "wrong-pin", "pin" or "submit", or "live"
                      ///< (range bars)
    };
    QList<Shot> plan() const;

private:
    void next();
    void poll();
    bool settled() const;
    /// On the home shot, the dashboard's tiles still waiting for a first reading; else 0.
    int startingTiles() const;
    void save();
    /// Sets every range bar on the open page to its live range (restored after the picture); false
    /// when the page has none.
    bool showLiveRanges();

    QPointer<QQuickWindow> m_window;
    QString m_dir;
    QList<Shot> m_shots;
    qsizetype m_at = -1;
    QTimer m_poll;
    QElapsedTimer m_since;
    int m_failures = 0;
    int m_saved = 0;
    QList<std::pair<QPointer<QObject>, int>>
        m_rangeBars; ///< set to live for this shot, with their index before
};

} // namespace fs
