// AlarmBanner: the active health alarms, on every page while any is active. SKELETON: task A fills it.
import QtQuick
import QtQuick.Controls
import FieldStation.Views

Rectangle {
    id: banner
    objectName: "alarmBanner"

    required property AlarmModel alarms

    signal openPage(string id)

    visible: false
    implicitHeight: visible ? 36 : 0
    color: "#c94040"
}
