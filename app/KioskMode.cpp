// KioskMode: the environment and the override cursor of the kiosk.
#include "KioskMode.h"

#include <QCursor>
#include <QGuiApplication>

namespace fs::kiosk {

bool prepareEnvironment()
{
    if (!qEnvironmentVariableIsEmpty("QT_IM_MODULE"))
        return false;
    qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    return true;
}

void hidePointer()
{
    // xcb and wayland honour an override cursor; eglfs draws its own, hidden by
    // QT_QPA_EGLFS_HIDECURSOR=1 (packaging/kiosk/README.md).
    QGuiApplication::setOverrideCursor(QCursor(Qt::BlankCursor));
}

} // namespace fs::kiosk
