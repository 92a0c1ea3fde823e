// Dashboard: the home screen, one tile per source and per sink. SKELETON: task A fills it.
import QtQuick
import QtQuick.Controls
import FieldStation.Views

Item {
    id: home
    objectName: "dashboard"

    required property DashboardModel dashboard
    required property AlarmModel alarms
    property bool compact: false

    signal openPage(string id)

    Label {
        anchors.centerIn: parent
        text: qsTr("Home")
    }
}
