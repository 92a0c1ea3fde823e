// MariadbServer: a real mariadbd started by tests/servers/mariadb.sh for the lifetime of a test object.
#pragma once

#include <QFile>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace fs::test {

class MariadbServer
{
public:
    static constexpr const char* kUser = "push";
    static constexpr const char* kPassword = "push-password";

    MariadbServer()
    {
        QProcess p;
        p.start(QStringLiteral(FS_TESTS_DIR "/servers/mariadb.sh"),
                {QStringLiteral("start"), m_dir.path(), QStringLiteral("cogent"), QLatin1String(kUser),
                 QLatin1String(kPassword)});
        m_ok = p.waitForFinished(120000) && p.exitCode() == 0;
        m_error = QString::fromUtf8(p.readAllStandardError());
        m_port =
            QString::fromUtf8(p.readAllStandardOutput()).trimmed().section(QLatin1Char('\n'), -1).toInt();
    }
    ~MariadbServer()
    {
        QProcess p;
        p.start(QStringLiteral(FS_TESTS_DIR "/servers/mariadb.sh"), {QStringLiteral("stop"), m_dir.path()});
        p.waitForFinished(60000);
    }
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    int port() const { return m_port; }

    /// Runs SQL as root on `database` (empty: none); the output, or a null array on failure.
    QByteArray sql(const QString& statements, const QString& database = QString()) const
    {
        QProcess p;
        QStringList args = {QStringLiteral("sql"), m_dir.path()};
        if (!database.isEmpty())
            args << database;
        p.start(QStringLiteral(FS_TESTS_DIR "/servers/mariadb.sh"), args);
        p.write(statements.toUtf8());
        p.closeWriteChannel();
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return QByteArray();
        return p.readAllStandardOutput() + QByteArray(" ");
    }
    /// A fresh database with the Cogent schema, usable by the push user.
    bool createCogentDatabase(const QString& name) const
    {
        QFile schema(QStringLiteral(FS_TESTS_DIR "/../resources/cogent_schema.sql"));
        schema.open(QIODevice::ReadOnly);
        return !sql(QStringLiteral(
                        "CREATE DATABASE `%1`; GRANT ALL PRIVILEGES ON `%1`.* TO '%2'@'127.0.0.1';")
                        .arg(name, QLatin1String(kUser)))
                    .isNull() &&
               !sql(QString::fromUtf8(schema.readAll()), name).isNull();
    }
    /// The first value of a one-row, one-column query.
    QString value(const QString& query, const QString& database) const
    {
        return QString::fromUtf8(sql(query, database)).split(QLatin1Char('\n')).value(1).trimmed();
    }

private:
    QTemporaryDir m_dir{QStringLiteral("/tmp/fs-mariadb-XXXXXX")};
    bool m_ok = false;
    QString m_error;
    int m_port = 0;
};

} // namespace fs::test
