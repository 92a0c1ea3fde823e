// YamlReader: reads one YAML mapping into typed fields, collecting "file:line: key: problem" errors.
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <yaml-cpp/yaml.h>

namespace fs {

class YamlReader
{
public:
    YamlReader(const YAML::Node& map, QString origin, QString path, QStringList* errors);

    void integer(const char* key, int& out, int min, int max);
    void boolean(const char* key, bool& out);
    void text(const char* key, QString& out, bool allowEmpty = true);
    /// One of `allowed`; stores the index into `allowed`.
    void choice(const char* key, int& out, const QStringList& allowed);
    /// A nested mapping; `read` fills it. Absent keys leave defaults.
    void section(const char* key, const std::function<void(YamlReader&)>& read);
    /// A mapping of named sections (e.g. servers: {central: {...}}); `read` is called for each.
    void namedSections(const char* key, const std::function<void(const QString& name, YamlReader&)>& read);
    /// A sequence of sections (e.g. sources: [{id: a, …}, …]); `read` gets each item's index and
    /// reader. An item is named "key.<idKey's value>" in messages, or "key[i]" without one.
    void sectionList(const char* key, const char* idKey,
                     const std::function<void(int index, YamlReader&)>& read);
    /// A sequence of texts (e.g. sources: [opc-a, opc-b]); a single value is read as one item.
    void textList(const char* key, QStringList& out);
    /// A mapping of text to text.
    void textMap(const char* key, QMap<QString, QString>& out);
    /// Reports every key that no call above asked for. Call last.
    void finish();
    /// Counts every key as asked for: after one error that makes the others meaningless.
    void ignoreRest();
    /// "file:line" of this section.
    QString position() const;

    /// "file:line: key: message" for `node`.
    QString where(const YAML::Node& node, const QString& key) const;
    void fail(const YAML::Node& node, const char* key, const QString& message);
    /// Where a cross-field problem with `key` is reported: the key's value, or the section.
    YAML::Node at(const char* key) const;

private:
    std::optional<YAML::Node> find(const char* key);
    QString fullKey(const QString& key) const;

    YAML::Node m_map;
    QString m_origin;
    QString m_path;
    QStringList* m_errors;
    QStringList m_known;
};

} // namespace fs
