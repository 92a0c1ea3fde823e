// Settings: maps the YAML file onto typed settings; every key is validated.
#include "Settings.h"

#include "YamlReader.h"

#include <QFile>
#include <algorithm>

namespace fs {

namespace {

void readStation(YamlReader& r, StationSettings& s)
{
    r.text("name", s.name, false);
    r.text("data_dir", s.dataDir);
}

void readRecorder(YamlReader& r, RecorderSettings& s)
{
    r.integer("flush_interval_ms", s.flushIntervalMs, 50, 10000);
    r.integer("max_batch", s.maxBatch, 1, 100000);
}

void readOpcN3(YamlReader& r, OpcN3Settings& s)
{
    r.boolean("enabled", s.enabled);
    r.text("name", s.name, false);
    r.text("device", s.device, false);
    r.integer("speed_hz", s.speedHz, 100000, 750000);
    int cs = int(s.chipSelect);
    r.choice("chip_select", cs, {QStringLiteral("message"), QStringLiteral("byte")});
    s.chipSelect = OpcN3Settings::ChipSelect(cs);
    r.integer("byte_delay_us", s.byteDelayUs, 0, 100000);
    r.integer("poll_interval_ms", s.pollIntervalMs, 0, 100);
    r.integer("max_polls", s.maxPolls, 1, 100);
    r.integer("exchange_gap_ms", s.exchangeGapMs, 0, 100);
    r.integer("read_interval_s", s.readIntervalS, 1, 10);
    r.integer("laser_wait_ms", s.laserWaitMs, 0, 10000);
    r.integer("fan_wait_ms", s.fanWaitMs, 0, 20000);
    // The OPC needs more than 2 s of silence after an error to clear its buffer.
    r.integer("error_backoff_ms", s.errorBackoffMs, 2001, 60000);
}

} // namespace

Result<Settings> Settings::parse(const QByteArray& yaml, const QString& origin)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception& e) {
        return Error{
            QStringLiteral("%1:%2: %3").arg(origin).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg))};
    }
    Settings s;
    if (root.IsNull())
        return s;
    if (!root.IsMap())
        return Error{QStringLiteral("%1:%2: the settings file must be a mapping of sections")
                         .arg(origin)
                         .arg(root.Mark().line + 1)};
    QStringList errors;
    YamlReader r(root, origin, QString(), &errors);
    r.section("station", [&](YamlReader& sub) { readStation(sub, s.station); });
    r.section("recorder", [&](YamlReader& sub) { readRecorder(sub, s.recorder); });
    r.section("opcn3", [&](YamlReader& sub) { readOpcN3(sub, s.opcn3); });
    r.text("log_rules", s.logRules);
    r.finish();
    if (!errors.isEmpty()) {
        // In the order of the file, whichever check found them.
        const auto line = [&origin](const QString& e) {
            return e.mid(origin.size() + 1).section(QLatin1Char(':'), 0, 0).toInt();
        };
        std::stable_sort(errors.begin(), errors.end(),
                         [&](const QString& a, const QString& b) { return line(a) < line(b); });
        return Error{errors.join(QLatin1Char('\n'))};
    }
    return s;
}

Result<Settings> Settings::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read: %2").arg(path, f.errorString())};
    return parse(f.readAll(), path);
}

} // namespace fs
