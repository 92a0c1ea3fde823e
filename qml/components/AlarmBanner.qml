// AlarmBanner: the active health alarms, on every page while any is active: the most severe one in
// words, "+N more", and a tap opens the page of its subject.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation
import FieldStation.Views

Rectangle {
    id: banner
    objectName: "alarmBanner"

    required property AlarmModel alarms

    signal openPage(string id)

    visible: alarms.count > 0
    implicitHeight: visible ? Theme.touch : 0
    color: Theme.levelColor(alarms.worstLevel)

    // One row at a time: the book's first alarm is its most severe, oldest first.
    ListView {
        id: first
        anchors.fill: parent
        anchors.rightMargin: more.visible ? more.width + 12 : 0
        interactive: false
        clip: true
        model: banner.alarms
        delegate: Item {
            id: row
            required property int index
            required property string title
            required property string text
            required property string page
            width: first.width
            height: banner.height
            visible: index === 0
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 12
                spacing: 8
                Label {
                    text: "⚠"
                    color: "white"
                    font.pixelSize: 22
                }
                Label {
                    objectName: row.index === 0 ? "bannerText" : ""
                    Layout.fillWidth: true
                    text: qsTr("%1: %2").arg(row.title).arg(row.text)
                    elide: Text.ElideRight
                    color: "white"
                    font.pixelSize: 18
                    font.bold: true
                }
            }
            TapHandler {
                onTapped: banner.openPage(row.page)
            }
        }
    }

    Label {
        id: more
        objectName: "bannerMore"
        anchors.right: parent.right
        anchors.rightMargin: 12
        anchors.verticalCenter: parent.verticalCenter
        visible: banner.alarms.count > 1
        text: qsTr("+%1 more").arg(banner.alarms.count - 1)
        color: "white"
        font.pixelSize: 16
        font.bold: true
    }
}
