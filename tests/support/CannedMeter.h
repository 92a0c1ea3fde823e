// CannedMeter: a loopback HTTP server for eGauge poller tests that answers each request with the
// next of a list of answers (the last one repeats), or never answers at all; and showXml(), which
// composes an egauge-show answer from counters, for tests that need exact values.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

namespace fs::test {

struct ShowColumn
{
    QString name;
    QString type;
};

/// An egauge-show answer: one <data> block, `rows` newest first, 1 s apart from `timeStampS`.
inline QByteArray showXml(quint32 serial, const QList<ShowColumn>& columns, qint64 timeStampS,
                          const QList<QList<qint64>>& rows)
{
    QByteArray x = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<group serial=\"0x" +
                   QByteArray::number(serial, 16) + "\">\n<data columns=\"" +
                   QByteArray::number(columns.size()) + "\" time_stamp=\"0x" +
                   QByteArray::number(timeStampS, 16) + "\" time_delta=\"1\" epoch=\"0x5c2aad80\">\n";
    for (const ShowColumn& c : columns)
        x += " <cname t=\"" + c.type.toUtf8() + "\">" + c.name.toUtf8() + "</cname>\n";
    for (const QList<qint64>& r : rows) {
        x += " <r>";
        for (qint64 v : r)
            x += "<c>" + QByteArray::number(v) + "</c>";
        x += "</r>\n";
    }
    return x + "</data>\n</group>\n";
}

class CannedMeter : public QObject
{
public:
    /// `answers` are XML bodies served with 200; empty: the server accepts and never answers.
    explicit CannedMeter(QList<QByteArray> answers) : m_answers(std::move(answers))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                m_sockets << s;
                QObject::connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    /// The request lines received so far, e.g. "GET /cgi-bin/egauge-show?S&s=0&n=341 HTTP/1.1".
    QStringList requests() const { return m_requests; }

private:
    void onData(QTcpSocket* s)
    {
        QByteArray& buf = m_buffers[s];
        buf += s->readAll();
        while (true) {
            const qsizetype end = buf.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            m_requests << QString::fromLatin1(buf.left(buf.indexOf("\r\n")));
            buf.remove(0, end + 4);
            if (m_answers.isEmpty())
                continue; // a meter that never answers
            const QByteArray body = m_answers.size() > 1 ? m_answers.takeFirst() : m_answers.first();
            s->write("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        }
    }

    QTcpServer m_server;
    QList<QByteArray> m_answers;
    QStringList m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

} // namespace fs::test
