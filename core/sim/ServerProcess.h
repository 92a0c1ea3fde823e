// ServerProcess: what the demo needs to run someone else's server as a detached process of its own:
// a free loopback port, whether a pid still runs, stopping it by pid, and its log's last lines.
#pragma once

#include <QProcessEnvironment>

#include <QByteArray>
#include <QString>

namespace fs::serverprocess {

/// A port on 127.0.0.1 nothing listens on now (0 if none could be had).
int freeLoopbackPort();
/// The station's environment without systemd's notify and socket variables: a server we start
/// must not tell our service manager it is ready or stopping (mariadbd would).
QProcessEnvironment serverEnvironment();
/// Whether `pid` runs; a zombie (its parent has not reaped it yet) is as good as gone.
bool alive(qint64 pid);
/// SIGTERM, up to 15 s for it to end, then SIGKILL; `what` names it in the log.
void stopPid(qint64 pid, const char* what);
/// SIGKILL to every process of group `pgid`, then up to 5 s until none of them runs any more.
void killGroup(qint64 pgid);
/// A server left behind by a demo that crashed still holds its data dir: stops the pid in `pidFile`,
/// but only when its command line names `dir` (the pid may have been reused since).
void stopStale(const QString& pidFile, const QString& dir, const char* what);
/// The last `lines` lines of a log, on one line, for an error message.
QString tail(const QString& path, int lines = 4);
/// Writes `content` to `path` readable by its owner only, from its creation on (an init file holds
/// a password).
bool writePrivateFile(const QString& path, const QByteArray& content);

} // namespace fs::serverprocess
