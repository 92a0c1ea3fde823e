// AlarmModel: the station's active health alarms (from core/health), for the banner and the tiles.
#pragma once

#include "Station.h"
#include "health/Alarm.h"

#include <QAbstractListModel>
#include <QHash>
#include <QtQml/qqmlregistration.h>

namespace fs {

class AlarmBook;

class AlarmModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AlarmModel is provided by the application")

    Q_PROPERTY(int count READ count NOTIFY changed)
    /// "fail" when any alarm is a failure, else "warn" while any is active, else "ok".
    Q_PROPERTY(QString worstLevel READ worstLevel NOTIFY changed)

public:
    enum Roles {
        CodeRole = Qt::UserRole + 1,
        SeverityRole, ///< "warn" or "fail", the Theme's level names
        SubjectRole,
        TextRole,
        SinceRole, ///< QDateTime
        PageRole,  ///< the page that shows the subject
        TitleRole, ///< the subject as a person calls it: "OPC-N3 roof", "Push to central"
    };
    Q_ENUM(Roles)

    explicit AlarmModel(QObject* parent = nullptr);

    /// Mirrors `book` (queued: the monitor may update it from another thread). The sources' types
    /// and names give an alarm its page and title.
    void attach(const AlarmBook* book, const QList<RunningSource>& sources = {});
    /// Replaces the rows with `alarms` in the book's order; rows that stay change in place.
    void setAlarms(const QList<Alarm>& alarms);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }
    QString worstLevel() const;
    /// Row `row` as a map of role names to values; empty out of range.
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void changed();

private:
    QVariant value(const Alarm& a, int role) const;
    void reload();

    const AlarmBook* m_book = nullptr;
    QHash<QString, QString> m_sourceTypes, m_sourceNames;
    QList<Alarm> m_rows;
};

} // namespace fs
