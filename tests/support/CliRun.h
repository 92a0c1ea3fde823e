// CliRun: runs the fieldstation binary (FS_BINARY) and collects its exit code and output.
#pragma once

#include "TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace fs::test {

struct Run
{
    int code = -1; ///< -1: did not finish in time; -2: crashed
    QByteArray out, err;
};

/// Runs the binary with `env` and `input` on its standard input.
inline Run runWith(const QProcessEnvironment& env, const QStringList& args, const QByteArray& input = {},
                   int timeoutMs = 20000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(FS_BINARY), args);
    p.write(input);
    p.closeWriteChannel();
    Run r;
    if (!p.waitForFinished(test::timeoutMs(timeoutMs)))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline Run run(const QStringList& args, int timeoutMs = 20000)
{
    return runWith(QProcessEnvironment::systemEnvironment(), args, {}, timeoutMs);
}

/// Runs a command with the settings file `config` and the data dir `<dir>/data`, `input` on stdin.
inline Run runConfigured(const QTemporaryDir& dir, const QString& config, const QStringList& command,
                         const QByteArray& input = {})
{
    return runWith(QProcessEnvironment::systemEnvironment(),
                   QStringList{QStringLiteral("--config"), config, QStringLiteral("--data-dir"),
                               dir.filePath(QStringLiteral("data"))} +
                       command,
                   input);
}

} // namespace fs::test
