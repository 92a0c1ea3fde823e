// SinkControl: what the screen may ask of the sinks: push now, store a server's password (off the GUI
// thread).
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fs {

class SinkControl : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SinkControl is provided by the application")

public:
    explicit SinkControl(QObject* parent = nullptr);
};

} // namespace fs
