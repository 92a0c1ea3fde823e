// SinkStatusModel: one row per push server and InfluxDB sink: state, rows behind, throughput, last error.
#pragma once

#include "sim/DemoFarEnds.h"
#include "sinks/CursorSink.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace fs {

class SinkStatusModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SinkStatusModel is provided by the application")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    /// Demo far ends without a row: starting, or what keeps them from running ("demo push needs
    /// MariaDB: apt install mariadb-server"), one a line; empty outside the demo.
    Q_PROPERTY(QStringList notes READ notes NOTIFY farEndsChanged)

public:
    enum Roles {
        KindRole = Qt::UserRole + 1, ///< "push" | "influx"
        ServerRole,
        LevelRole,           ///< Theme level: "ok" | "warn" (not yet, or retrying) | "fail" (3 failures on)
        StateRole,           ///< the level in words
        BehindRole,          ///< readings not yet delivered; -1: not known yet
        LastSuccessRole,     ///< ms since the epoch; 0: never
        LastSuccessTextRole, ///< local time, or "never"
        RateRole,            ///< readings per second of the last good pass
        PushedRole,          ///< readings the far end confirmed in the last pass
        ErrorRole,           ///< empty after a good pass
        NextAttemptRole,     ///< ms since the epoch; 0: now
        NextAttemptTextRole,
        FarEndRole ///< the demo's own far end for this row (where it runs); empty outside the demo
    };
    Q_ENUM(Roles)

    explicit SinkStatusModel(QObject* parent = nullptr);

    /// Follows `sink`'s statuses (queued) as rows of `kind`; null does nothing.
    void attach(const QString& kind, CursorSink* sink);
    /// The demo far ends as the Station reports them.
    void setFarEnds(const QList<DemoFarEnd>& farEnds);
    /// Statuses of `kind` as a sink reports them; applied at most once per minUpdateMs.
    void setStatuses(const QString& kind, const QList<SinkStatus>& statuses);
    /// The coalescing interval (tests shorten it); 1000 by default.
    void setMinUpdateMs(int ms) { m_throttle.setInterval(ms); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList notes() const;

Q_SIGNALS:
    void countChanged();
    void farEndsChanged();

private:
    struct Row
    {
        QString kind;
        SinkStatus status;
    };
    void apply();
    QString farEndText(const Row& row) const;

    QList<Row> m_rows;                          // push rows first, then influx, each in the sink's order
    QMap<QString, QList<SinkStatus>> m_pending; // by kind, not yet shown
    QList<DemoFarEnd> m_farEnds;
    QTimer m_throttle;
};

} // namespace fs
