// OldLayout: with an organization name, Qt put everything in <config|data>/fieldstation/fieldstation/.
// Found, it is reported rather than moved: a store is moved by its owner, not behind their back.
#include "OldLayout.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace fs {

QStringList oldLayoutWarnings(bool defaultConfig, bool defaultData)
{
    QStringList lines;
    for (const auto where : {QStandardPaths::AppConfigLocation, QStandardPaths::AppDataLocation}) {
        if (!(where == QStandardPaths::AppConfigLocation ? defaultConfig : defaultData))
            continue;
        const QString now = QStandardPaths::writableLocation(where);
        const QString old = QDir(now).filePath(QStringLiteral("fieldstation"));
        if (!QFileInfo(old).isDir())
            continue;
        lines << QStringLiteral("%1 is where an older FieldStation kept its %2; this one uses %3. "
                                "Move them up: mv %1/* %3/ && rmdir %1")
                     .arg(old,
                          where == QStandardPaths::AppConfigLocation ? QStringLiteral("settings")
                                                                     : QStringLiteral("data"),
                          now);
    }
    return lines;
}

} // namespace fs
