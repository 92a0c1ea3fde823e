// SourceTypes: the registration table. Add one line per source type here, nothing elsewhere.
#include "SourceTypes.h"

#include "config/YamlReader.h"
#include "isems/IsemsSource.h"
#include "opcn3/OpcN3Source.h"

namespace fs {

const QList<SourceType>& sourceTypes()
{
    static const QList<SourceType> table = {
        OpcN3Source::sourceType(),
        IsemsSource::sourceType(),
    };
    return table;
}

const SourceType* findSourceType(const QString& type)
{
    for (const SourceType& t : sourceTypes()) {
        if (t.type == type)
            return &t;
    }
    return nullptr;
}

SourceSettings defaultSourceSettings(const SourceType& type)
{
    QStringList errors;
    YamlReader empty(YAML::Node(YAML::NodeType::Map), QStringLiteral("(defaults)"), type.type, &errors);
    SourceSettings s;
    s.id = type.type;
    s.type = type.type;
    s.name = type.displayName;
    s.where = QStringLiteral("(defaults)");
    s.options = type.read(empty);
    return s;
}

} // namespace fs
