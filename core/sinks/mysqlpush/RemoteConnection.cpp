// RemoteConnection: a uniquely named QMYSQL connection with the client library's timeouts set.
#include "RemoteConnection.h"

#include <atomic>

namespace fs {

RemoteConnection::RemoteConnection(const Options& o)
{
    static std::atomic<int> n{0};
    m_name = QStringLiteral("fieldstation-mysql-%1").arg(n.fetch_add(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), m_name);
    m_db.setHostName(o.host);
    m_db.setPort(o.port);
    m_db.setDatabaseName(o.database);
    m_db.setUserName(o.user);
    m_db.setPassword(o.password);
    m_db.setConnectOptions(
        QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1;MYSQL_OPT_READ_TIMEOUT=%1;MYSQL_OPT_WRITE_TIMEOUT=%1")
            .arg(o.timeoutS));
}

RemoteConnection::~RemoteConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

} // namespace fs
