// Main: the one window, full screen in kiosk mode (800×480), a normal window on a desktop.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation.Views

ApplicationWindow {
    id: window

    required property LiveStream stream
    required property SourceListModel sources
    required property StoreHealthView storeHealth
    required property UploadQueueModel queue
    required property PushStatusModel push
    required property bool kiosk
    required property string stationName
    required property bool demo

    width: kiosk ? 800 : 1100
    height: kiosk ? 480 : 700
    minimumWidth: 640
    minimumHeight: 400
    visibility: kiosk ? Window.FullScreen : Window.Windowed
    visible: true
    title: qsTr("FieldStation — %1").arg(stationName)

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            spacing: 12

            Label {
                text: window.stationName
                font.bold: true
                font.pixelSize: 18
            }
            Label {
                visible: window.demo
                text: qsTr("DEMO — emulated devices")
                color: "#b35900"
                font.bold: true
            }
            Item { Layout.fillWidth: true }
            StoreHealthBadge {
                health: window.storeHealth
                compact: window.kiosk
            }
            Label {
                id: clock
                font.pixelSize: 16
                text: Qt.formatDateTime(new Date(), "yyyy-MM-dd HH:mm:ss")
                Timer {
                    interval: 1000
                    running: true
                    repeat: true
                    onTriggered: clock.text = Qt.formatDateTime(new Date(), "yyyy-MM-dd HH:mm:ss")
                }
            }
        }
    }

    // Big enough to hit with a finger on the kiosk's touchscreen.
    footer: TabBar {
        id: tabs
        objectName: "pageTabs"
        TabButton {
            text: qsTr("Particles")
            implicitHeight: window.kiosk ? 44 : 36
        }
        TabButton {
            text: qsTr("Energy")
            implicitHeight: window.kiosk ? 44 : 36
        }
        TabButton {
            text: qsTr("Solar")
            implicitHeight: window.kiosk ? 44 : 36
        }
        TabButton {
            objectName: "uploadsTab"
            text: window.queue.pendingCount > 0 ? qsTr("Uploads (%1 waiting)").arg(window.queue.pendingCount) : qsTr("Uploads")
            implicitHeight: window.kiosk ? 44 : 36
        }
        TabButton {
            text: qsTr("Central DB")
            implicitHeight: window.kiosk ? 44 : 36
        }
    }

    StackLayout {
        anchors.fill: parent
        anchors.margins: window.kiosk ? 4 : 8
        currentIndex: tabs.currentIndex

        OpcN3Page {
            stream: window.stream
            sources: window.sources
            compact: window.kiosk
        }
        DevicePage {
            objectName: "energyPage"
            stream: window.stream
            sources: window.sources
            types: ["egauge", "modbus"]
            emptyText: qsTr("No energy meter is configured (an eGauge or Modbus entry under \"sources:\" in the settings).")
            compact: window.kiosk
        }
        DevicePage {
            objectName: "solarPage"
            stream: window.stream
            sources: window.sources
            types: ["isems"]
            emptyText: qsTr("No solar node network is configured (an ISEMS entry under \"sources:\" in the settings).")
            compact: window.kiosk
        }
        UploadQueuePage {
            objectName: "uploadQueuePage"
            queue: window.queue
            compact: window.kiosk
        }
        PushStatusPage {
            push: window.push
            compact: window.kiosk
        }
    }
}
