// CogentPushFixture: a Cogent database per test function, row counts and times, for push test programs.
#pragma once

#include "MariadbServer.h"
#include "sources/opcn3/OpcN3Channels.h"
#include "store/Recorder.h"

#include <QDateTime>
#include <memory>

namespace fs::test {

/// A base for a push test class next to QObject. The class's initTestCase starts m_db, so that a
/// server that does not start fails the test there.
class CogentPushFixture
{
protected:
    std::unique_ptr<MariadbServer> m_db;
    int m_n = 0;

    /// A database of its own for each test function, so that no count sees another's rows.
    QString freshDatabase()
    {
        const QString name = QStringLiteral("cogent_%1").arg(++m_n);
        if (!m_db->createCogentDatabase(name))
            qFatal("cannot create %s", qPrintable(name));
        return name;
    }
    qint64 count(const QString& table, const QString& db, const QString& where = QString())
    {
        return m_db->value(QStringLiteral("SELECT COUNT(*) FROM %1 %2").arg(table, where), db).toLongLong();
    }

    /// The OPC-N3 node that recordOpcN3Readings records to, for tests that submit their own samples.
    static NodeChannels opcNode(Recorder& rec, const QString& serial = QStringLiteral("1"))
    {
        return rec
            .registerNode({QStringLiteral("opcn3:") + serial, QStringLiteral("opcn3"),
                           QStringLiteral("OPC-N3"), opcn3::channels(), QString()})
            .value();
    }

    /// A time an hour or more ago on a whole multiple of `unitMs`.
    static qint64 alignedPast(qint64 unitMs)
    {
        const qint64 t = QDateTime::currentMSecsSinceEpoch() - 7200'000;
        return t - t % unitMs;
    }

    /// `ms` as Cogent's Reading.time holds it: whole seconds, UTC.
    static QString sqlSecond(qint64 ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
};

} // namespace fs::test
