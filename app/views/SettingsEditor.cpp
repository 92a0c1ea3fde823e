#include "SettingsEditor.h"

namespace fs {

SettingsEditor::SettingsEditor(QObject* parent) : QObject(parent) {}

} // namespace fs
