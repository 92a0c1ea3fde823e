// ImportHelpers: the settings file is only ever written whole and valid (QSaveFile after a parse).
#include "ImportHelpers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <yaml-cpp/yaml.h>

namespace fs {

QString quoted(const QString& v)
{
    QString s = v;
    s.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + s + QLatin1Char('"');
}

namespace {

/// Inserts `entries` at the end of the block list under the top-level `sources:` key of `text`.
Result<QByteArray> addToSources(const QByteArray& text, const QString& target, const QStringList& entries)
{
    QList<QByteArray> lines = text.split('\n');
    qsizetype key = -1;
    for (qsizetype i = 0; i < lines.size() && key < 0; ++i) {
        if (lines[i].startsWith("sources:"))
            key = i;
    }
    if (key < 0)
        return Error{QStringLiteral("%1: no top-level sources: key").arg(target)};
    const QByteArray rest = lines[key].mid(8).trimmed();
    if (!rest.isEmpty() && !rest.startsWith('#'))
        return Error{
            QStringLiteral("%1:%2: sources: is written on one line; write it as a list, one \"- id:\" "
                           "item a line, then import again")
                .arg(target)
                .arg(key + 1)};
    // The block ends at the next line that starts at column 0 with anything but a list item.
    qsizetype end = key + 1;
    qsizetype lastItem = key;
    for (; end < lines.size(); ++end) {
        const QByteArray& l = lines[end];
        if (l.trimmed().isEmpty() || l.trimmed().startsWith('#'))
            continue;
        if (!l.startsWith(' ') && !l.startsWith('-'))
            break;
        lastItem = end;
    }
    QList<QByteArray> added;
    for (const QString& e : entries)
        added.append(e.toUtf8());
    for (qsizetype i = 0; i < added.size(); ++i)
        lines.insert(lastItem + 1 + i, added[i]);
    return lines.join('\n');
}

} // namespace

Result<Settings> appendImport(const QString& target, const QString& origin, const QStringList& sourceEntries,
                              const QList<SettingsSection>& sections)
{
    QByteArray existing;
    bool hasSources = false;
    if (QFile::exists(target)) {
        QFile f(target);
        f.open(QIODevice::ReadOnly);
        existing = f.readAll();
        try {
            const YAML::Node root = YAML::Load(existing.toStdString());
            for (const SettingsSection& s : sections) {
                if (root[s.first.constData()])
                    return Error{QStringLiteral("%1 already has a %2 section; remove it first")
                                     .arg(target, QString::fromUtf8(s.first))};
            }
            hasSources = bool(root["sources"]);
        } catch (const YAML::Exception& e) {
            return Error{QStringLiteral("%1:%2: %3")
                             .arg(target)
                             .arg(e.mark.line + 1)
                             .arg(QString::fromStdString(e.msg))};
        }
    }
    QByteArray text = existing;
    if (!text.isEmpty() && !text.endsWith('\n'))
        text += '\n';
    const QByteArray note = "# Imported from " + QFileInfo(origin).absoluteFilePath().toUtf8() + "\n";
    if (!sourceEntries.isEmpty() && hasSources) {
        auto merged = addToSources(
            text, target,
            QStringList{QStringLiteral("  # imported from %1").arg(QFileInfo(origin).absoluteFilePath())} +
                sourceEntries);
        if (!merged)
            return Error{merged.error()};
        text = merged.value();
    } else if (!sourceEntries.isEmpty()) {
        text += "\n" + note + "sources:\n" + sourceEntries.join(QLatin1Char('\n')).toUtf8() + '\n';
    }
    for (const SettingsSection& s : sections)
        text += "\n" + note + s.second.join(QLatin1Char('\n')).toUtf8() + '\n';
    auto check = Settings::parse(text, target);
    if (!check)
        return Error{QStringLiteral("the converted settings are not valid:\n%1").arg(check.error())};
    QDir().mkpath(QFileInfo(target).absolutePath());
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size() || !out.commit())
        return Error{QStringLiteral("%1: %2").arg(target, out.errorString())};
    return check;
}

Result<Settings> appendSection(const QString& target, const char* name, const QString& origin,
                               const QStringList& section)
{
    return appendImport(target, origin, {}, {{QByteArray(name), section}});
}

} // namespace fs
