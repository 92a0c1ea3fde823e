// AdminLock: the kiosk's admin PIN: set at first start, asked before settings, lockout after wrong tries.
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fs {

class AdminLock : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AdminLock is provided by the application")

public:
    explicit AdminLock(QObject* parent = nullptr);
};

} // namespace fs
