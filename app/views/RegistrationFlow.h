// RegistrationFlow: the gascloud registration wizard's state: PIN entry kept in C++, the call on a worker,
// the result.
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fs {

class RegistrationFlow : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RegistrationFlow is provided by the application")

public:
    explicit RegistrationFlow(QObject* parent = nullptr);
};

} // namespace fs
