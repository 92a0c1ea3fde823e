// ScreenshotTour: opens each page through the window's own openPage(), waits, grabs, saves.
#include "ScreenshotTour.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QQuickItem>
#include <QQuickWindow>
#include <QVariant>
#include <cstdio>

namespace fs {

namespace {

/// The first picture waits this long: the demo's devices start up and deliver their first readings.
constexpr int kWarmUpMs = 6000;
/// A page is pictured at the earliest this long after it opened (live charts get a few samples)…
constexpr int kMinSettleMs = 1200;
/// …and at the latest this long, even if something still says it is loading.
constexpr int kMaxSettleMs = 5000;
/// The home picture waits up to this long for every tile's first reading (a slow machine's OPC-N3).
constexpr int kMaxHomeSettleMs = 30'000;

/// Whether anything on the page still loads (a chart reading history has `loading` true).
bool anyLoading(QObject* o)
{
    const QVariant v = o->property("loading");
    if (v.isValid() && v.toBool())
        return true;
    for (QObject* c : o->children()) {
        if (anyLoading(c))
            return true;
    }
    if (auto* item = qobject_cast<QQuickItem*>(o)) {
        for (QQuickItem* c : item->childItems()) {
            if (anyLoading(c))
                return true;
        }
    }
    return false;
}

void collectRangeBars(QObject* o, QList<QObject*>& found)
{
    if (o->property("ranges").isValid() && o->property("currentIndex").isValid() && !found.contains(o)) {
        found.append(o);
        return;
    }
    for (QObject* c : o->children())
        collectRangeBars(c, found);
    if (auto* item = qobject_cast<QQuickItem*>(o)) {
        for (QQuickItem* c : item->childItems())
            collectRangeBars(c, found);
    }
}

} // namespace

ScreenshotTour::ScreenshotTour(QQuickWindow* window, const QString& dir, QObject* parent)
    : QObject(parent), m_window(window), m_dir(dir)
{
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &ScreenshotTour::poll);
}

QList<ScreenshotTour::Shot> ScreenshotTour::plan() const
{
    QList<Shot> shots;
    const QStringList pages = m_window->property("navigation").toStringList();
    // First the wizard, step by step, through its flow's own slots (task E's RegistrationFlow: start(),
    // appendDigit(), submit(), `step`). Looked up by name, so a flow without steps is pictured once.
    QObject* flow = m_window->property("registration").value<QObject*>();
    if (flow && flow->metaObject()->indexOfProperty("step") >= 0) {
        shots.append({QStringLiteral("register-intro"), QStringLiteral("register"), {}});
        // A PIN the service does not know: the wizard's failed step, as a person who mistyped sees it.
        shots.append(
            {QStringLiteral("register-failed"), QStringLiteral("register"), QStringLiteral("wrong-pin")});
        shots.append({QStringLiteral("register-pin"), QStringLiteral("register"), QStringLiteral("pin")});
        shots.append(
            {QStringLiteral("register-result"), QStringLiteral("register"), QStringLiteral("submit")});
    } else {
        shots.append({QStringLiteral("register"), QStringLiteral("register"), {}});
    }
    // Then the pages in reverse order of the bar, so the chart pages, first on the bar, are pictured
    // last and show the most data the young demo has.
    for (auto it = pages.crbegin(); it != pages.crend(); ++it) {
        const QString& page = *it;
        if (page == QLatin1String("home"))
            continue;
        shots.append({page, page, {}});
        // A page with range bars is pictured again at its live range: a demo minutes old fills only a
        // sliver of the 1 h default. Pages without one skip this shot.
        shots.append({page + QLatin1String("-live"), page, QStringLiteral("live")});
    }
    // Home last: by then the devices have delivered, so it shows a running station, not one starting.
    if (pages.contains(QLatin1String("home")))
        shots.append({QStringLiteral("home"), QStringLiteral("home"), {}});
    // A quick run (the ctest smoke) names the pages it wants.
    const QStringList only =
        qEnvironmentVariable("FS_SCREENSHOT_PAGES").split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (!only.isEmpty())
        shots.removeIf([&only](const Shot& s) { return !only.contains(s.page); });
    return shots;
}

void ScreenshotTour::start()
{
    if (!m_window || !QDir().mkpath(m_dir)) {
        std::fprintf(stderr, "fieldstation: cannot write screenshots into %s\n", qPrintable(m_dir));
        QCoreApplication::exit(1);
        return;
    }
    m_shots = plan();
    QTimer::singleShot(kWarmUpMs, this, &ScreenshotTour::next);
}

void ScreenshotTour::next()
{
    ++m_at;
    if (m_at >= m_shots.size()) {
        m_poll.stop();
        std::fprintf(stderr, "fieldstation: screenshot tour: %d pictures in %s, %d failed\n", m_saved,
                     qPrintable(m_dir), m_failures);
        QCoreApplication::exit(m_failures == 0 ? 0 : 1);
        return;
    }
    const Shot& shot = m_shots[m_at];
    QMetaObject::invokeMethod(m_window, "openPage", Q_ARG(QVariant, shot.page));
    if (shot.step == QLatin1String("live")) {
        if (!showLiveRanges()) {
            QTimer::singleShot(0, this, &ScreenshotTour::next);
            return;
        }
    } else if (!shot.step.isEmpty()) {
        QObject* flow = m_window->property("registration").value<QObject*>();
        if (shot.step == QLatin1String("pin")) {
            QMetaObject::invokeMethod(flow, "start");
            QMetaObject::invokeMethod(flow, "clear");      // the failed try's PIN is kept for correcting
            for (const char* digit : {"1", "2", "3", "4"}) // the demo service's PIN
                QMetaObject::invokeMethod(flow, "appendDigit", Q_ARG(QString, QLatin1String(digit)));
        } else if (shot.step == QLatin1String("wrong-pin")) {
            QMetaObject::invokeMethod(flow, "start");
            for (const char* digit : {"9", "0", "9", "0"}) // not one of the demo service's PINs
                QMetaObject::invokeMethod(flow, "appendDigit", Q_ARG(QString, QLatin1String(digit)));
            QMetaObject::invokeMethod(flow, "submit");
        } else if (shot.step == QLatin1String("submit")) {
            QMetaObject::invokeMethod(flow, "submit");
        }
    }
    m_since.start();
    m_poll.start();
}

bool ScreenshotTour::showLiveRanges()
{
    auto* loader = m_window->findChild<QQuickItem*>(QStringLiteral("pageLoader"));
    auto* page = loader ? loader->property("item").value<QQuickItem*>() : nullptr;
    m_rangeBars.clear();
    if (!page)
        return false;
    // A RangeBar is the object with `ranges` and `currentIndex` (qml/components/RangeBar.qml).
    QList<QObject*> found;
    collectRangeBars(page, found);
    for (QObject* bar : found) {
        m_rangeBars.append({bar, bar->property("currentIndex").toInt()});
        bar->setProperty("currentIndex", 0);
    }
    return !m_rangeBars.isEmpty();
}

bool ScreenshotTour::settled() const
{
    auto* loader = m_window->findChild<QQuickItem*>(QStringLiteral("pageLoader"));
    if (loader && loader->property("status").toInt() != 1) // Loader.Ready
        return false;
    // The wizard is pictured once the service has answered, not while it works (step 2).
    if (m_shots[m_at].step == QLatin1String("submit") || m_shots[m_at].step == QLatin1String("wrong-pin")) {
        QObject* flow = m_window->property("registration").value<QObject*>();
        if (flow && flow->property("step").toInt() == 2)
            return false;
    }
    return !anyLoading(m_window->contentItem()) && startingTiles() == 0;
}

int ScreenshotTour::startingTiles() const
{
    if (m_shots[m_at].page != QLatin1String("home"))
        return 0;
    const QObject* dashboard = m_window->property("dashboard").value<QObject*>();
    return dashboard ? dashboard->property("startingCount").toInt() : 0;
}

void ScreenshotTour::poll()
{
    if (!m_window)
        return;
    const qint64 waited = m_since.elapsed();
    if (waited < kMinSettleMs)
        return;
    const bool home = m_shots[m_at].page == QLatin1String("home");
    if (!settled() && waited < (home ? kMaxHomeSettleMs : kMaxSettleMs))
        return;
    if (!settled())
        qCWarning(lcApp) << "screenshot tour:" << m_shots[m_at].name << "still loading after" << waited
                         << "ms;" << startingTiles() << "tile(s) still starting";
    m_poll.stop();
    save();
    next();
}

void ScreenshotTour::save()
{
    const QImage image = m_window->grabWindow();
    const QString file = QDir(m_dir).filePath(QStringLiteral("%1x%2-%3.png")
                                                  .arg(m_window->width())
                                                  .arg(m_window->height())
                                                  .arg(m_shots[m_at].name));
    if (image.isNull() || !image.save(file)) {
        std::fprintf(stderr, "fieldstation: screenshot %s not saved\n", qPrintable(file));
        ++m_failures;
        return;
    }
    ++m_saved;
    std::fprintf(stderr, "fieldstation: screenshot %s\n", qPrintable(file));
    // The page keeps the range its user would find there.
    for (const auto& [bar, index] : std::as_const(m_rangeBars)) {
        if (bar)
            bar->setProperty("currentIndex", index);
    }
    m_rangeBars.clear();
}

} // namespace fs
