// SettingsEditor: the settings file by section: edit, validate with the command line's errors, save, apply.
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace fs {

class SettingsEditor : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SettingsEditor is provided by the application")

public:
    explicit SettingsEditor(QObject* parent = nullptr);
};

} // namespace fs
