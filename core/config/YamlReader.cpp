// YamlReader: typed, position-reporting access to a YAML mapping.
#include "YamlReader.h"

#include <QSet>

namespace fs {

namespace {

QString scalarText(const YAML::Node& n)
{
    return n.IsScalar() ? QString::fromStdString(n.Scalar()) : QStringLiteral("(not a single value)");
}

} // namespace

YamlReader::YamlReader(const YAML::Node& map, QString origin, QString path, QStringList* errors)
    : m_map(map), m_origin(std::move(origin)), m_path(std::move(path)), m_errors(errors)
{}

QString YamlReader::fullKey(const QString& key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

QString YamlReader::where(const YAML::Node& node, const QString& key) const
{
    const YAML::Mark mark = node.Mark();
    const QString line = mark.is_null() ? QStringLiteral("?") : QString::number(mark.line + 1);
    return QStringLiteral("%1:%2: %3").arg(m_origin, line, fullKey(key));
}

void YamlReader::fail(const YAML::Node& node, const char* key, const QString& message)
{
    m_errors->append(QStringLiteral("%1: %2").arg(where(node, QString::fromLatin1(key)), message));
}

std::optional<YAML::Node> YamlReader::find(const char* key)
{
    m_known << QString::fromLatin1(key);
    for (auto it = m_map.begin(); it != m_map.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key)
            return it->second; // a Node is a handle: copying it is cheap and safe
    }
    return std::nullopt;
}

YAML::Node YamlReader::at(const char* key) const
{
    for (auto it = m_map.begin(); it != m_map.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key)
            return it->second;
    }
    return m_map;
}

void YamlReader::integer(const char* key, int& out, int min, int max)
{
    const std::optional<YAML::Node> n = find(key);
    if (!n)
        return;
    bool ok = false;
    const long long v = n->IsScalar() ? QString::fromStdString(n->Scalar()).toLongLong(&ok) : 0;
    if (!ok || v < min || v > max) {
        fail(*n, key,
             QStringLiteral("must be a whole number from %1 to %2, not \"%3\"")
                 .arg(min)
                 .arg(max)
                 .arg(scalarText(*n)));
        return;
    }
    out = int(v);
}

void YamlReader::boolean(const char* key, bool& out)
{
    const std::optional<YAML::Node> n = find(key);
    if (!n)
        return;
    const QString v = scalarText(*n).toLower();
    if (v == QLatin1String("true") || v == QLatin1String("yes") || v == QLatin1String("on"))
        out = true;
    else if (v == QLatin1String("false") || v == QLatin1String("no") || v == QLatin1String("off"))
        out = false;
    else
        fail(*n, key, QStringLiteral("must be true or false, not \"%1\"").arg(scalarText(*n)));
}

void YamlReader::text(const char* key, QString& out, bool allowEmpty)
{
    const std::optional<YAML::Node> n = find(key);
    if (!n)
        return;
    if (!n->IsScalar()) {
        fail(*n, key, QStringLiteral("must be a single value"));
        return;
    }
    const QString v = QString::fromStdString(n->Scalar());
    if (!allowEmpty && v.trimmed().isEmpty()) {
        fail(*n, key, QStringLiteral("must not be empty"));
        return;
    }
    out = v;
}

void YamlReader::choice(const char* key, int& out, const QStringList& allowed)
{
    const std::optional<YAML::Node> n = find(key);
    if (!n)
        return;
    const int i = allowed.indexOf(scalarText(*n));
    if (i < 0) {
        fail(*n, key,
             QStringLiteral("must be one of %1, not \"%2\"")
                 .arg(allowed.join(QStringLiteral(", ")), scalarText(*n)));
        return;
    }
    out = i;
}

void YamlReader::section(const char* key, const std::function<void(YamlReader&)>& read)
{
    const std::optional<YAML::Node> n = find(key);
    if (!n || n->IsNull())
        return;
    if (!n->IsMap()) {
        fail(*n, key, QStringLiteral("must be a section of keys"));
        return;
    }
    YamlReader sub(*n, m_origin, fullKey(QString::fromLatin1(key)), m_errors);
    read(sub);
    sub.finish();
}

void YamlReader::namedSections(const char* key, const std::function<void(const QString&, YamlReader&)>& read)
{
    const std::optional<YAML::Node> n = find(key);
    if (!n || n->IsNull())
        return;
    if (!n->IsMap()) {
        fail(*n, key, QStringLiteral("must be a mapping of named sections"));
        return;
    }
    QSet<QString> seen;
    for (auto it = n->begin(); it != n->end(); ++it) {
        const QString name = scalarText(it->first);
        const QString path = fullKey(QString::fromLatin1(key)) + QLatin1Char('.') + name;
        if (seen.contains(name)) {
            m_errors->append(QStringLiteral("%1:%2: %3: given twice")
                                 .arg(m_origin)
                                 .arg(it->first.Mark().line + 1)
                                 .arg(path));
            continue;
        }
        seen.insert(name);
        if (!it->second.IsMap()) {
            m_errors->append(QStringLiteral("%1:%2: %3: must be a section of keys")
                                 .arg(m_origin)
                                 .arg(it->first.Mark().line + 1)
                                 .arg(path));
            continue;
        }
        YamlReader sub(it->second, m_origin, path, m_errors);
        read(name, sub);
        sub.finish();
    }
}

void YamlReader::sectionList(const char* key, const char* idKey,
                             const std::function<void(int, YamlReader&)>& read)
{
    const std::optional<YAML::Node> n = find(key);
    if (!n || n->IsNull())
        return;
    if (!n->IsSequence()) {
        fail(*n, key, QStringLiteral("must be a list of sections (each item starts with \"- \")"));
        return;
    }
    const QString base = fullKey(QString::fromLatin1(key));
    int index = 0;
    for (const YAML::Node& item : *n) {
        QString path = QStringLiteral("%1[%2]").arg(base).arg(index);
        // A lookup by operator[] would throw on an absent key: walk the pairs instead.
        for (auto it = item.begin(); item.IsMap() && it != item.end(); ++it) {
            if (it->first.IsScalar() && it->first.Scalar() == idKey && it->second.IsScalar() &&
                !it->second.Scalar().empty())
                path = base + QLatin1Char('.') + QString::fromStdString(it->second.Scalar());
        }
        if (!item.IsMap()) {
            m_errors->append(QStringLiteral("%1:%2: %3: must be a section of keys")
                                 .arg(m_origin)
                                 .arg(item.Mark().line + 1)
                                 .arg(path));
        } else {
            YamlReader sub(item, m_origin, path, m_errors);
            read(index, sub);
            sub.finish();
        }
        ++index;
    }
}

void YamlReader::textMap(const char* key, QMap<QString, QString>& out)
{
    const std::optional<YAML::Node> n = find(key);
    if (!n || n->IsNull())
        return;
    if (!n->IsMap()) {
        fail(*n, key, QStringLiteral("must be a mapping of names to values"));
        return;
    }
    for (auto it = n->begin(); it != n->end(); ++it) {
        if (!it->second.IsScalar()) {
            m_errors->append(QStringLiteral("%1:%2: %3.%4: must be a single value")
                                 .arg(m_origin)
                                 .arg(it->second.Mark().line + 1)
                                 .arg(fullKey(QString::fromLatin1(key)), scalarText(it->first)));
            continue;
        }
        out.insert(scalarText(it->first), QString::fromStdString(it->second.Scalar()));
    }
}

void YamlReader::textList(const char* key, QStringList& out)
{
    const std::optional<YAML::Node> n = find(key);
    if (!n || n->IsNull())
        return;
    if (n->IsScalar()) {
        out = {QString::fromStdString(n->Scalar())};
        return;
    }
    if (!n->IsSequence()) {
        fail(*n, key, QStringLiteral("must be a list of values"));
        return;
    }
    out.clear();
    for (const YAML::Node& item : *n) {
        if (!item.IsScalar()) {
            m_errors->append(QStringLiteral("%1:%2: %3: every item must be a single value")
                                 .arg(m_origin)
                                 .arg(item.Mark().line + 1)
                                 .arg(fullKey(QString::fromLatin1(key))));
            continue;
        }
        out.append(QString::fromStdString(item.Scalar()));
    }
}

void YamlReader::ignoreRest()
{
    for (auto it = m_map.begin(); it != m_map.end(); ++it)
        m_known << scalarText(it->first);
}

QString YamlReader::position() const
{
    const YAML::Mark mark = m_map.Mark();
    return QStringLiteral("%1:%2").arg(m_origin,
                                       mark.is_null() ? QStringLiteral("?") : QString::number(mark.line + 1));
}

void YamlReader::finish()
{
    QSet<QString> seen;
    for (auto it = m_map.begin(); it != m_map.end(); ++it) {
        const QString key = scalarText(it->first);
        if (seen.contains(key))
            m_errors->append(QStringLiteral("%1: given twice").arg(where(it->first, key)));
        seen.insert(key);
        if (!m_known.contains(key))
            m_errors->append(QStringLiteral("%1: unknown key").arg(where(it->first, key)));
    }
}

} // namespace fs
