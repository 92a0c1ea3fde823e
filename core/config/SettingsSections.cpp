// SettingsSections: line-based, so it keeps what a YAML round trip would lose (comments, order, spacing).
#include "SettingsSections.h"

#include <QStringList>

namespace fs::settingssections {

namespace {

bool isComment(const QString& line)
{
    return line.trimmed().startsWith(QLatin1Char('#'));
}

/// A top-level mapping key: starts in column 0, is no comment, list item or document marker.
QString topLevelKey(const QString& line)
{
    if (line.isEmpty() || line.front().isSpace() || line.startsWith(QLatin1Char('#')) ||
        line.startsWith(QLatin1Char('-')) || line.startsWith(QLatin1String("...")))
        return {};
    const qsizetype colon = line.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return {};
    QString key = line.left(colon).trimmed();
    if (key.size() >= 2 && (key.front() == QLatin1Char('"') || key.front() == QLatin1Char('\'')) &&
        key.back() == key.front())
        key = key.mid(1, key.size() - 2);
    return key;
}

QString rightTrimmed(QString s)
{
    while (!s.isEmpty() && s.back().isSpace())
        s.chop(1);
    return s;
}

/// The line without a trailing "# comment" (a '#' after a space, outside quotes), right-trimmed.
QString withoutComment(const QString& line)
{
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('#') && (i == 0 || line[i - 1].isSpace())) {
            return rightTrimmed(line.left(i));
        }
    }
    return rightTrimmed(line);
}

} // namespace

QString closed(QString text)
{
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    return text;
}

QList<SettingsSection> split(const QString& yaml)
{
    QStringList lines = closed(yaml).split(QLatin1Char('\n'));
    lines.removeLast(); // the empty piece after the last newline
    QList<SettingsSection> out{SettingsSection{}};
    for (const QString& line : lines) {
        const QString key = topLevelKey(line);
        if (key.isEmpty()) {
            out.back().text += line + QLatin1Char('\n');
            continue;
        }
        // The comment block right above the key describes it: it moves with the key.
        QStringList previous = out.back().text.split(QLatin1Char('\n'));
        previous.removeLast();
        qsizetype start = previous.size();
        while (start > 0 && isComment(previous[start - 1]))
            --start;
        QString carried;
        for (qsizetype i = start; i < previous.size(); ++i)
            carried += previous[i] + QLatin1Char('\n');
        out.back().text.chop(carried.size());
        out.append(SettingsSection{key, carried + line + QLatin1Char('\n')});
    }
    if (out.front().text.isEmpty() && out.size() > 1)
        out.removeFirst();
    return out;
}

QString join(const QList<SettingsSection>& sections)
{
    QString all;
    for (const SettingsSection& s : sections)
        all += closed(s.text);
    return all;
}

int lineCount(const QString& text)
{
    return int(text.count(QLatin1Char('\n')));
}

QString replace(const QString& yaml, const QString& name, const QString& text)
{
    QList<SettingsSection> sections = split(yaml);
    for (SettingsSection& s : sections) {
        if (s.name == name) {
            s.text = text;
            return join(sections);
        }
    }
    sections.append(SettingsSection{name, text});
    return join(sections);
}

QString meaningful(const QString& text)
{
    QStringList kept;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString bare = withoutComment(line);
        if (!bare.trimmed().isEmpty())
            kept << bare;
    }
    return kept.join(QLatin1Char('\n'));
}

} // namespace fs::settingssections
