// RemoteConnection: one Qt SQL connection of its own to a MySQL/MariaDB server, removed when done.
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace fs {

class RemoteConnection
{
public:
    struct Options
    {
        QString host =
            QStringLiteral("127.0.0.1"); ///< the push reaches every server through a local relay or tunnel
        int port = 3306;
        QString database;
        QString user;
        QString password;
        int timeoutS = 30; ///< connect, read and write timeouts of the client library (a backstop)
    };

    /// Not yet open: call db().open() in the thread that will use it (Qt SQL's rule).
    explicit RemoteConnection(const Options& options);
    ~RemoteConnection();
    RemoteConnection(const RemoteConnection&) = delete;
    RemoteConnection& operator=(const RemoteConnection&) = delete;

    QSqlDatabase& db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace fs
