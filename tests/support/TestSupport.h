// Helpers shared by the test suites: fixture paths, temp stores, timeouts that stretch on CI.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtGlobal>

namespace fs::test {

/// A fixture under tests/data.
inline QString dataPath(const QString& name)
{
    return QStringLiteral(FS_TEST_DATA "/") + name;
}

inline QByteArray readData(const QString& name)
{
    QFile f(dataPath(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

/// Timeouts double when CI is set: CI machines are shared and slower.
inline int timeoutMs(int ms)
{
    return qEnvironmentVariableIsSet("CI") ? 2 * ms : ms;
}

} // namespace fs::test
