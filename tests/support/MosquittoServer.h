// MosquittoServer: a real mosquitto started by tests/servers/mosquitto.sh for the lifetime of a test
// object, plus the mosquitto_pub client to publish the way a node does.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace fs::test {

class MosquittoServer
{
public:
    struct Options
    {
        QString user;     ///< non-empty: only this user may connect (password_file)
        QString password; ///< the user's password
        bool tls = false; ///< TLS listener; the CA is caFile()
    };

    MosquittoServer() : MosquittoServer(Options{}) {}
    explicit MosquittoServer(const Options& options) : m_options(options)
    {
        QStringList args = {QStringLiteral("start"), m_dir.path()};
        if (!options.user.isEmpty())
            args << QStringLiteral("--user") << options.user << options.password;
        if (options.tls)
            args << QStringLiteral("--tls");
        QString out;
        m_ok = script(args, &out);
        m_port = out.trimmed().section(QLatin1Char('\n'), -1).toInt();
    }
    ~MosquittoServer() { script({QStringLiteral("stop"), m_dir.path()}); }
    MosquittoServer(const MosquittoServer&) = delete;
    MosquittoServer& operator=(const MosquittoServer&) = delete;

    bool ok() const { return m_ok && m_port > 0; }
    QString error() const { return m_error; }
    int port() const { return m_port; }
    QString dir() const { return m_dir.path(); }
    QString caFile() const { return m_dir.path() + QStringLiteral("/ca.crt"); }

    bool stop() { return script({QStringLiteral("stop"), m_dir.path()}); }
    /// Stops and starts the broker on the same port: every client connection drops.
    bool restart() { return script({QStringLiteral("restart"), m_dir.path()}); }

    /// Publishes `payload` on `topic` with mosquitto_pub at QoS 1, as the nodes do; true when the
    /// broker acknowledged it.
    bool publish(const QString& topic, const QByteArray& payload) const
    {
        QStringList args = {
            QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
            QStringLiteral("-q"), QStringLiteral("1"),         QStringLiteral("-t"), topic,
            QStringLiteral("-s")};
        if (!m_options.user.isEmpty())
            args << QStringLiteral("-u") << m_options.user << QStringLiteral("-P") << m_options.password;
        if (m_options.tls)
            args << QStringLiteral("--cafile") << caFile();
        QProcess p;
        p.start(QStringLiteral("mosquitto_pub"), args);
        p.write(payload);
        p.closeWriteChannel();
        return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

private:
    bool script(const QStringList& args, QString* out = nullptr)
    {
        QProcess p;
        p.start(QStringLiteral(FS_TESTS_DIR "/servers/mosquitto.sh"), args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            m_error = QString::fromUtf8(p.readAllStandardError());
            return false;
        }
        if (out)
            *out = QString::fromUtf8(p.readAllStandardOutput());
        return true;
    }

    Options m_options;
    QTemporaryDir m_dir{QStringLiteral("/tmp/fs-mosquitto-XXXXXX")};
    bool m_ok = false;
    QString m_error;
    int m_port = 0;
};

} // namespace fs::test
