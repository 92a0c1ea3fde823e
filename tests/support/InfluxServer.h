// InfluxServer: a real influxd started by tests/servers/influxd.sh for the lifetime of a test object,
// with authentication on and one admin user; queries go through curl, the way a person would check.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace fs::test {

class InfluxServer
{
public:
    static constexpr const char* kUser = "writer";
    static constexpr const char* kPassword = "writer-password";

    InfluxServer()
    {
        QProcess p;
        p.start(QStringLiteral(FS_TESTS_DIR "/servers/influxd.sh"),
                {QStringLiteral("start"), m_dir.path(), QLatin1String(kUser), QLatin1String(kPassword)});
        m_ok = p.waitForFinished(60000) && p.exitCode() == 0;
        m_error = QString::fromUtf8(p.readAllStandardError());
        m_port =
            QString::fromUtf8(p.readAllStandardOutput()).trimmed().section(QLatin1Char('\n'), -1).toInt();
    }
    ~InfluxServer()
    {
        QProcess p;
        p.start(QStringLiteral(FS_TESTS_DIR "/servers/influxd.sh"), {QStringLiteral("stop"), m_dir.path()});
        p.waitForFinished(30000);
    }
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    int port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    /// The server's own pid (from its pid file; never looked up by name), to freeze it.
    qint64 pid() const
    {
        QFile f(m_dir.filePath(QStringLiteral("influxd.pid")));
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
    }

    /// InfluxQL on `database` with times in ms; the answer's first result, or an empty object.
    QJsonObject query(const QString& q, const QString& database = QString()) const
    {
        QProcess p;
        QStringList args = {QStringLiteral("-s"),
                            QStringLiteral("-G"),
                            QStringLiteral("-m"),
                            QStringLiteral("20"),
                            QStringLiteral("-u"),
                            QStringLiteral("%1:%2").arg(QLatin1String(kUser), QLatin1String(kPassword)),
                            url() + QStringLiteral("/query"),
                            QStringLiteral("--data-urlencode"),
                            QStringLiteral("epoch=ms"),
                            QStringLiteral("--data-urlencode"),
                            QStringLiteral("q=") + q};
        if (!database.isEmpty())
            args << QStringLiteral("--data-urlencode") << QStringLiteral("db=") + database;
        p.start(QStringLiteral("curl"), args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0)
            return {};
        const QJsonDocument doc = QJsonDocument::fromJson(p.readAllStandardOutput());
        return doc.object().value(QLatin1String("results")).toArray().at(0).toObject();
    }
    /// Line protocol (ms times) into `database`, as another writer would; true on a 204.
    bool write(const QString& database, const QByteArray& lines) const
    {
        QProcess p;
        p.start(QStringLiteral("curl"),
                {QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                 QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("-u"),
                 QStringLiteral("%1:%2").arg(QLatin1String(kUser), QLatin1String(kPassword)),
                 url() + QStringLiteral("/write?precision=ms&db=") + database,
                 QStringLiteral("--data-binary"), QStringLiteral("@-")});
        p.write(lines);
        p.closeWriteChannel();
        return p.waitForFinished(30000) && p.readAllStandardOutput() == "204";
    }
    /// The rows of the first series of `q` ([] when none).
    QJsonArray rows(const QString& q, const QString& database) const
    {
        return query(q, database)
            .value(QLatin1String("series"))
            .toArray()
            .at(0)
            .toObject()
            .value(QLatin1String("values"))
            .toArray();
    }
    /// The single number `q` answers (e.g. SELECT COUNT(x)); -1 when there is none.
    qint64 number(const QString& q, const QString& database) const
    {
        const QJsonArray r = rows(q, database);
        return r.isEmpty() ? -1 : qint64(r.at(0).toArray().at(1).toDouble());
    }

private:
    QTemporaryDir m_dir{QStringLiteral("/tmp/fs-influxd-XXXXXX")};
    bool m_ok = false;
    QString m_error;
    int m_port = 0;
};

} // namespace fs::test
