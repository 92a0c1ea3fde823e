// SettingsEditor: validation is Settings::parse with the file's own path as origin, so the screen shows
// the very strings the command line prints.
#include "SettingsEditor.h"

#include "util/DurableFile.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>

namespace fs {

namespace {

/// Writes `text` to a temporary file beside `path`, then fsyncs and renames it over `path`.
Status writeDurably(const QString& path, const QString& text)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return Error{QStringLiteral("%1: cannot create the folder").arg(dir)};
    const QString tmp = path + QStringLiteral(".new");
    QFile f(tmp);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error{QStringLiteral("%1: cannot write: %2").arg(tmp, f.errorString())};
    // The rename puts a new file in place: it takes the old one's mode before any byte is in it,
    // or a file the operator made private would come back readable by all (the umask's mode).
    if (QFileInfo old(path); old.exists() && !f.setPermissions(old.permissions())) {
        f.remove();
        return Error{QStringLiteral("%1: cannot set its permissions: %2").arg(tmp, f.errorString())};
    }
    const QByteArray bytes = text.toUtf8();
    if (f.write(bytes) != bytes.size()) {
        const QString why = f.errorString();
        f.close();
        f.remove();
        return Error{QStringLiteral("%1: cannot write: %2").arg(tmp, why)};
    }
    f.close();
    return durable::commitRename(tmp, path);
}

/// True when the change from `before` to `after` needs a restart: only the station's name (and
/// language) and log_rules are taken up while running.
bool needsRestart(const QList<SettingsSection>& before, const QList<SettingsSection>& after,
                  const Settings& running, const Settings& next)
{
    QMap<QString, QString> was, now;
    for (const SettingsSection& s : before)
        was[s.name] += settingssections::meaningful(s.text);
    for (const SettingsSection& s : after)
        now[s.name] += settingssections::meaningful(s.text);
    QSet<QString> names(was.keyBegin(), was.keyEnd());
    names.unite(QSet<QString>(now.keyBegin(), now.keyEnd()));
    for (const QString& name : names) {
        if (was.value(name) == now.value(name) || name == QLatin1String("log_rules"))
            continue;
        if (name == QLatin1String("station") && running.station.dataDir == next.station.dataDir &&
            running.station.secrets == next.station.secrets)
            continue;
        return true;
    }
    return false;
}

} // namespace

SettingsEditor::SettingsEditor(QString path, Settings running, QObject* parent)
    : QAbstractListModel(parent), m_path(std::move(path)), m_running(std::move(running))
{
    reload();
}

int SettingsEditor::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_sections.size());
}

QVariant SettingsEditor::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_sections.size())
        return {};
    const SettingsSection& s = m_sections[index.row()];
    switch (role) {
    case NameRole:
        return s.name;
    case TitleRole:
        return s.name.isEmpty() ? tr("(top of the file)") : s.name;
    case TextRole:
        return s.text;
    case DirtyRole:
        return s.text != m_saved.value(index.row());
    case FirstLineRole: {
        int line = 1;
        for (int i = 0; i < index.row(); ++i)
            line += settingssections::lineCount(m_sections[i].text);
        return line;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> SettingsEditor::roleNames() const
{
    return {{NameRole, "name"},
            {TitleRole, "title"},
            {TextRole, "text"},
            {DirtyRole, "dirty"},
            {FirstLineRole, "firstLine"}};
}

bool SettingsEditor::dirty() const
{
    if (m_saved.size() != m_sections.size())
        return true;
    for (int i = 0; i < m_sections.size(); ++i) {
        if (m_sections[i].text != m_saved[i])
            return true;
    }
    return false;
}

bool SettingsEditor::setSectionText(const QString& name, const QString& text)
{
    if (busy())
        return false;
    for (int row = 0; row < m_sections.size(); ++row) {
        if (m_sections[row].name != name)
            continue;
        if (m_sections[row].text == text)
            return true;
        m_sections[row].text = text;
        // Every later section's first line may move.
        Q_EMIT dataChanged(index(row), index(int(m_sections.size()) - 1));
        Q_EMIT stateChanged();
        return true;
    }
    return false;
}

QVariantMap SettingsEditor::locate(int i) const
{
    const QString e = m_errors.value(i);
    QVariantMap where{{QStringLiteral("row"), -1}, {QStringLiteral("line"), 0}};
    if (!e.startsWith(m_path + QLatin1Char(':')))
        return where;
    int line = e.mid(m_path.size() + 1).section(QLatin1Char(':'), 0, 0).toInt();
    if (line <= 0)
        return where;
    for (int row = 0; row < m_sections.size(); ++row) {
        const int lines = settingssections::lineCount(settingssections::closed(m_sections[row].text));
        if (line <= lines || row == m_sections.size() - 1)
            return {{QStringLiteral("row"), row},
                    {QStringLiteral("line"), std::min(line, std::max(lines, 1))}};
        line -= lines;
    }
    return where;
}

void SettingsEditor::reload()
{
    const QString path = m_path;
    const bool started = m_job.start(
        this,
        [path] {
            Outcome o;
            o.read = true;
            QFile f(path);
            if (f.open(QIODevice::ReadOnly))
                o.text = QString::fromUtf8(f.readAll());
            else if (f.exists())
                o.ioError = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
            return o;
        },
        [this](const Outcome& o) { finished(o, Then::Nothing); });
    if (started)
        Q_EMIT stateChanged();
}

void SettingsEditor::validate()
{
    run(Then::Nothing);
}

void SettingsEditor::save()
{
    run(Then::Save);
}

void SettingsEditor::apply()
{
    run(Then::Apply);
}

void SettingsEditor::run(Then then)
{
    if (!m_loaded)
        return;
    const QString path = m_path;
    const QString text = this->text();
    const bool write = then != Then::Nothing;
    const bool started = m_job.start(
        this,
        [path, text, write] {
            Outcome o;
            o.text = text;
            Result<Settings> parsed = Settings::parse(text.toUtf8(), path);
            if (!parsed) {
                o.errors = parsed.error().split(QLatin1Char('\n'));
                return o;
            }
            o.warnings = parsed->warnings;
            o.parsed = parsed.value();
            if (write) {
                if (Status s = writeDurably(path, text); !s)
                    o.ioError = s.error();
                else
                    o.saved = true;
            }
            return o;
        },
        [this, then](const Outcome& o) { finished(o, then); });
    if (started) {
        m_message = tr("Checking…");
        Q_EMIT stateChanged();
    }
}

void SettingsEditor::finished(const Outcome& o, Then then)
{
    m_errors = o.errors;
    m_warnings = o.warnings;
    if (o.read) {
        setSections(settingssections::split(o.text));
        if (!m_loaded)
            m_runningSections = m_sections;
        m_loaded = o.ioError.isEmpty();
        m_message = o.ioError.isEmpty() ? QString() : o.ioError;
    } else if (!o.errors.isEmpty()) {
        m_message = tr("%n problem(s) found; nothing was saved.", nullptr, int(o.errors.size()));
        if (then == Then::Nothing)
            m_message = tr("%n problem(s) found.", nullptr, int(o.errors.size()));
    } else if (!o.ioError.isEmpty()) {
        m_message = tr("Not saved: %1").arg(o.ioError);
    } else if (then == Then::Nothing) {
        m_message = tr("No problems found.");
    } else {
        setSections(settingssections::split(o.text)); // saved: the file on disk is the new baseline
        m_message = tr("Saved to %1.").arg(m_path);
        if (then == Then::Apply && o.parsed)
            applyParsed(*o.parsed);
    }
    Q_EMIT stateChanged();
}

void SettingsEditor::applyParsed(const Settings& s)
{
    if (s.logRules != m_running.logRules)
        QLoggingCategory::setFilterRules(QString(s.logRules).replace(QLatin1Char(';'), QLatin1Char('\n')));
    if (s.station.name != m_running.station.name)
        Q_EMIT stationNameApplied(s.station.name);
    m_restartNeeded = m_restartNeeded || needsRestart(m_runningSections, m_sections, m_running, s);
    // What runs now is the new text for the live parts; the rest is still owed a restart.
    m_running.logRules = s.logRules;
    m_running.station.name = s.station.name;
    Q_EMIT liveApplied(s);
    m_message =
        m_restartNeeded ? tr("Saved. Some changes take effect after a restart.") : tr("Saved and applied.");
}

void SettingsEditor::setSections(const QList<SettingsSection>& sections)
{
    bool sameShape = sections.size() == m_sections.size();
    for (int i = 0; sameShape && i < sections.size(); ++i)
        sameShape = sections[i].name == m_sections[i].name;
    m_saved.clear();
    for (const SettingsSection& s : sections)
        m_saved << s.text;
    if (sameShape) {
        m_sections = sections;
        if (!m_sections.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_sections.size()) - 1));
        return;
    }
    beginResetModel(); // the file's sections themselves changed: rows came or went
    m_sections = sections;
    endResetModel();
}

void SettingsEditor::restartNow()
{
    qCInfo(lcApp) << "restart asked for from the settings page";
    QCoreApplication::exit(kRestartExitCode);
}

} // namespace fs
