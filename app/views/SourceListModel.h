// SourceListModel: the running sources, one row each, with their health, for selectors and badges.
#pragma once

#include "Station.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace fs {

class SourceListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SourceListModel is provided by the application")

    Q_PROPERTY(int count READ count NOTIFY changed)
    /// Grows with every change; read it in a binding that calls get() to follow the changes.
    Q_PROPERTY(int revision READ revision NOTIFY changed)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        TypeRole,
        NameRole,
        HealthRole,
        DetailRole,
        HealthyRole,
        DeviceInfoRole,
    };
    Q_ENUM(Roles)

    /// What a row shows; set from a source's thread-safe getters or directly (tests).
    struct Row
    {
        QString id, type, name;
        QString health = QStringLiteral("Stopped");
        QString detail;
        QString deviceInfo;
    };

    explicit SourceListModel(QObject* parent = nullptr);

    /// One row per running source; follows their health (queued: sources run in their threads).
    void attach(const QList<RunningSource>& sources);
    /// Replaces the rows (what attach() does on every change).
    void setRows(const QList<Row>& rows);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }
    int revision() const { return m_revision; }

    /// The row of source `id` as a map of role names to values; empty when there is no such source.
    Q_INVOKABLE QVariantMap get(const QString& id) const;
    /// The ids of the running sources of `type`, in settings order.
    Q_INVOKABLE QStringList idsOfType(const QString& type) const;

Q_SIGNALS:
    void changed();

private:
    void refresh(int row);

    QList<Row> m_rows;
    QList<Source*> m_sources; // parallel to m_rows when attached
    int m_revision = 0;
};

} // namespace fs
