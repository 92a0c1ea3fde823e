// DashboardTiles: per type, the few values a person checks first, and the worst alarm as the reason.
#include "DashboardTiles.h"

#include "LiveStream.h"
#include "sources/isems/IsemsLine.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>

namespace fs::tiles {

namespace {

// lupdate files a bare tr() inside namespace fs::tiles under the context "fs::tiles", so the
// lookup must use that context or the translations never apply.
QString tr(const char* text)
{
    return QCoreApplication::translate("fs::tiles", text);
}

/// A tile with its identity set and everything else at its default.
DashboardTile makeTile(const QString& tileId, const QString& kind, const QString& type, const QString& title)
{
    DashboardTile t;
    t.tileId = tileId;
    t.kind = kind;
    t.type = type;
    t.title = title;
    return t;
}

QVariantMap entry(const QString& label, double value, const QString& unit)
{
    const auto [v, u] = formatValue(value, unit);
    return {{QStringLiteral("label"), label}, {QStringLiteral("value"), v}, {QStringLiteral("unit"), u}};
}

QVariantMap textEntry(const QString& label, const QString& value)
{
    return {{QStringLiteral("label"), label},
            {QStringLiteral("value"), value},
            {QStringLiteral("unit"), QString()}};
}

/// Worst alarm first (the book's order); level and reason from it, "+N" when there are more.
bool applyAlarms(DashboardTile& t, const QList<Alarm>& mine)
{
    if (mine.isEmpty())
        return false;
    t.level = toString(mine.first().severity);
    t.reason = mine.first().text;
    if (mine.size() > 1)
        t.reason += QStringLiteral(" (+%1)").arg(mine.size() - 1);
    return true;
}

QList<Alarm> alarmsOf(const QList<Alarm>& all, const QString& source, const QString& nodeKey = {})
{
    QList<Alarm> out;
    for (const Alarm& a : all) {
        const bool ofSource = a.source == source && (nodeKey.isEmpty() || a.subject == source);
        if (ofSource || (!nodeKey.isEmpty() && a.subject == nodeKey))
            out.append(a);
    }
    return out;
}

/// Level from the source's own health when no alarm speaks.
void applyHealth(DashboardTile& t, const DashboardSource& s, bool hasData)
{
    if (s.health == QLatin1String("Failing")) {
        t.level = QStringLiteral("fail");
        t.reason = s.detail.isEmpty() ? tr("Not working") : s.detail;
    } else if (s.health == QLatin1String("Stopped")) {
        t.level = QStringLiteral("off");
        t.reason = tr("Stopped");
    } else if (s.health == QLatin1String("Starting") || !hasData) {
        t.level = QStringLiteral("warn");
        t.reason = tr("Starting, no data yet");
        t.starting = true;
    } else {
        t.level = QStringLiteral("ok");
        t.reason = tr("Working");
    }
}

QString pageOf(const QString& type)
{
    return pageOfSubject(QString(), type);
}

QVariantMap channelOf(const QVariantMap& node, const QString& sensorType)
{
    for (const QVariant& c : node.value(QStringLiteral("channels")).toList()) {
        if (c.toMap().value(QStringLiteral("sensorType")).toString() == sensorType)
            return c.toMap();
    }
    return {};
}

DashboardTile opcTile(const DashboardSource& s, const LiveStream& stream, const QList<Alarm>& alarms)
{
    DashboardTile t = makeTile(QStringLiteral("source:") + s.id, QStringLiteral("source"), s.type, s.name);
    t.page = pageOf(s.type);
    const struct
    {
        const char* key;
        const char* label;
    } pms[] = {{"pm1", "PM1"}, {"pm2_5", "PM2.5"}, {"pm10", "PM10"}};
    for (const auto& pm : pms)
        t.headline.append(entry(QString::fromLatin1(pm.label),
                                stream.latest(s.id, QString::fromLatin1(pm.key)), QStringLiteral("µg/m³")));
    if (const LiveSeries* series = stream.series(s.id, QStringLiteral("pm2_5"))) {
        for (const QPointF& p : series->decimated(30)) // ≤ 62 points: enough for a thumbnail
            t.sparkline.append(p.y());
    }
    if (!applyAlarms(t, alarmsOf(alarms, s.id))) {
        applyHealth(t, s, !std::isnan(stream.latest(s.id, QStringLiteral("pm2_5"))));
        // No fan or laser alarm stands, the fan turns and the laser was read: say so, the first thing
        // asked of an OPC-N3 (an alarm comes only with the next evaluation, up to 2 s later).
        const double fan = stream.latest(s.id, QStringLiteral("fan_rev_count"));
        const double laser = stream.latest(s.id, QStringLiteral("laser_status"));
        if (t.level == QLatin1String("ok") && fan > 0 && !std::isnan(laser))
            t.reason = tr("Working · fan and laser OK");
    }
    return t;
}

DashboardTile meterTile(const DashboardSource& s, const LiveStream& stream, const QList<Alarm>& alarms)
{
    DashboardTile t = makeTile(QStringLiteral("source:") + s.id, QStringLiteral("source"), s.type, s.name);
    t.page = pageOf(s.type);
    // One node per register. Four places: first the first power, voltage and current register (so
    // each quantity shows), then the other registers, power first, then voltage, current, frequency.
    const QVariantList nodes = stream.nodes(s.id);
    bool hasData = false;
    QSet<QString> shown;
    const auto add = [&](const char* type, bool firstOnly) {
        for (const QVariant& n : nodes) {
            if (t.headline.size() == 4)
                return;
            const QVariantMap node = n.toMap();
            const QString nodeKey = node.value(QStringLiteral("key")).toString();
            const QVariantMap c = channelOf(node, QString::fromLatin1(type));
            if (c.isEmpty() || shown.contains(nodeKey))
                continue;
            const QString key = c.value(QStringLiteral("key")).toString();
            const double v = stream.latestOfNode(s.id, nodeKey, key);
            hasData = hasData || !std::isnan(v);
            t.headline.append(entry(key, v, c.value(QStringLiteral("unit")).toString()));
            shown.insert(nodeKey);
            if (firstOnly)
                return;
        }
    };
    for (const char* type : {"POW", "voltage", "current"})
        add(type, true);
    for (const char* type : {"POW", "voltage", "current", "frequency"})
        add(type, false);
    if (!applyAlarms(t, alarmsOf(alarms, s.id)))
        applyHealth(t, s, hasData || !stream.lastUpdate(s.id).isNull());
    return t;
}

DashboardTile isemsTile(const DashboardSource& s, const QVariantMap& node, const LiveStream& stream,
                        const QList<Alarm>& alarms)
{
    const QString key = node.value(QStringLiteral("key")).toString();
    DashboardTile t = makeTile(QStringLiteral("node:") + key, QStringLiteral("source"), s.type,
                               tr("Solar node %1").arg(node.value(QStringLiteral("name")).toString()));
    t.page = pageOf(s.type);
    auto value = [&](const char* channel) {
        return stream.latestOfNode(s.id, key, QString::fromLatin1(channel));
    };
    t.headline.append(entry(tr("Charge"), value("batteryChargeEstimate"), QStringLiteral("%")));
    t.headline.append(entry(tr("Battery"), value("batteryVoltage"), QStringLiteral("V")));
    const double bits = value("status");
    QString state = QStringLiteral("—");
    if (std::isfinite(bits) && bits >= 0 && bits <= 0xFFF) {
        const QStringList flags = isems::flagNames(int(bits));
        state = flags.contains(QLatin1String("charging"))      ? tr("Charging")
                : flags.contains(QLatin1String("discharging")) ? tr("Discharging")
                                                               : tr("Idle");
    }
    t.headline.append(textEntry(tr("State"), state));
    if (!applyAlarms(t, alarmsOf(alarms, s.id, key)))
        applyHealth(t, s, !std::isnan(value("batteryVoltage")));
    return t;
}

} // namespace

QPair<QString, QString> formatValue(double value, const QString& unit)
{
    if (!std::isfinite(value))
        return {QStringLiteral("—"), unit};
    QString u = unit;
    if (unit == QLatin1String("W") && std::abs(value) >= 1000) {
        value /= 1000;
        u = QStringLiteral("kW");
    }
    const double a = std::abs(value);
    const int decimals = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    return {QLocale().toString(value, 'f', decimals), u};
}

QList<DashboardTile> sourceTiles(const DashboardSource& s, const LiveStream& stream,
                                 const QList<Alarm>& alarms)
{
    if (s.type == QLatin1String("opcn3"))
        return {opcTile(s, stream, alarms)};
    if (s.type != QLatin1String("isems"))
        return {meterTile(s, stream, alarms)};
    // A mesh: one tile per node heard, judged by its own data; the network's own tile only while
    // no node was heard or some node cannot be reached (the nodes heard are fine, the rest are not).
    QList<DashboardTile> out;
    for (const QVariant& n : stream.nodes(s.id)) {
        DashboardSource node = s;
        node.health = QStringLiteral("Ok");
        out.append(isemsTile(node, n.toMap(), stream, alarms));
    }
    if (out.isEmpty() || s.health != QLatin1String("Ok")) {
        DashboardTile t =
            makeTile(QStringLiteral("source:") + s.id, QStringLiteral("source"), s.type, s.name);
        t.page = pageOf(s.type);
        if (!applyAlarms(t, alarmsOf(alarms, s.id)))
            applyHealth(t, s, !out.isEmpty());
        out.prepend(t);
    }
    return out;
}

std::optional<DashboardTile> storeTile(const QList<Alarm>& alarms)
{
    // Shown only when it needs a look, so that the summary counts what the banner names.
    DashboardTile t =
        makeTile(QStringLiteral("store"), QStringLiteral("store"), QStringLiteral("store"), tr("Storage"));
    t.page = QStringLiteral("home");
    if (!applyAlarms(t, alarmsOf(alarms, QString(), QStringLiteral("store"))))
        return std::nullopt;
    return t;
}

QString ageText(qint64 thenMs, qint64 nowMs)
{
    if (thenMs <= 0)
        return tr("never");
    const qint64 s = std::max<qint64>(0, nowMs - thenMs) / 1000;
    if (s < 60)
        return tr("just now");
    if (s < 3600)
        return tr("%1 min ago").arg(s / 60);
    if (s < 2 * 86400)
        return tr("%1 h ago").arg(s / 3600);
    return tr("%1 days ago").arg(s / 86400);
}

DashboardTile gascloudTile(bool running, const QString& problem, const QList<UploadBatch>& batches,
                           const std::optional<QueueCounts>& counts, const QList<Alarm>& alarms, qint64 nowMs)
{
    DashboardTile t = makeTile(QStringLiteral("sink:gascloud"), QStringLiteral("sink"),
                               QStringLiteral("gascloud"), tr("Upload to gascloud"));
    t.page = QStringLiteral("uploads");
    int waiting = 0, rejected = 0;
    qint64 lastUpload = 0;
    QString error;
    for (const UploadBatch& b : batches) {
        if (b.state == UploadBatch::State::Uploaded)
            lastUpload = std::max(lastUpload, b.updatedMs);
        else if (b.state == UploadBatch::State::Rejected)
            ++rejected;
        else {
            ++waiting;
            if (!b.lastError.isEmpty())
                error = b.lastError;
        }
    }
    if (counts) {
        waiting = counts->waiting;
        rejected = counts->rejected;
    }
    t.headline = {textEntry(tr("Waiting"), QString::number(waiting)),
                  textEntry(tr("Rejected"), QString::number(rejected)),
                  textEntry(tr("Last upload"), ageText(lastUpload, nowMs))};
    if (!running) {
        t.level = QStringLiteral("off");
        t.reason = problem.isEmpty() ? tr("Not running") : problem;
        t.headline.clear();
        return t;
    }
    if (applyAlarms(t, alarmsOf(alarms, QString(), QStringLiteral("sink:gascloud"))))
        return t;
    t.level = QStringLiteral("ok");
    // A failure younger than the alarm's hour is retried on its own: say so, without amber.
    t.reason = error.isEmpty() ? tr("Working") : tr("Retrying: %1").arg(error.left(60));
    return t;
}

DashboardTile cursorSinkTile(const QString& kind, const SinkStatus& st, const QList<Alarm>& alarms,
                             qint64 nowMs)
{
    const QString name = kind + QLatin1Char('/') + st.server;
    const bool push = kind == QLatin1String("push");
    DashboardTile t = makeTile(QStringLiteral("sink:") + name, QStringLiteral("sink"), kind,
                               push ? tr("Push to %1").arg(st.server) : tr("InfluxDB %1").arg(st.server));
    t.page = QStringLiteral("push");
    t.headline = {
        textEntry(tr("Behind"), st.rowsBehind < 0 ? QStringLiteral("—") : QLocale().toString(st.rowsBehind)),
        textEntry(tr("Last success"), ageText(st.lastSuccessMs, nowMs))};
    if (applyAlarms(t, alarmsOf(alarms, QString(), QStringLiteral("sink:") + name)))
        return t;
    if (!st.ok && st.lastError.isEmpty() && st.lastSuccessMs == 0) {
        t.level = QStringLiteral("warn");
        t.reason = tr("Starting, no pass yet");
        t.starting = true;
        return t;
    }
    t.level = QStringLiteral("ok");
    t.reason = st.lastError.isEmpty() ? tr("Working") : tr("Retrying: %1").arg(st.lastError.left(60));
    return t;
}

} // namespace fs::tiles
