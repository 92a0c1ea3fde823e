// Helpers shared by the test suites: fixture paths, temp stores, timeouts that stretch on CI.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
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

/// Writes a file in `dir` (a relative path whose folders exist); a test cannot go on without it.
inline QString writeFile(const QTemporaryDir& dir, const char* name, const QByteArray& content)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

/// Timeouts double when CI is set: CI machines are shared and slower.
inline int timeoutMs(int ms)
{
    return qEnvironmentVariableIsSet("CI") ? 2 * ms : ms;
}

} // namespace fs::test
