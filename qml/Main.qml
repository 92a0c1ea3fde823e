// Main: the one window, full screen in kiosk mode (800×480), a normal window on a desktop. The home
// screen is the dashboard; every other page is created only while it is shown (a hidden chart does
// not exist, so it cannot redraw).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation.Views
import "components"

ApplicationWindow {
    id: window

    required property LiveStream stream
    required property SourceListModel sources
    required property StoreHealthView storeHealth
    required property UploadQueueModel queue
    required property DashboardModel dashboard
    required property AlarmModel alarms
    required property SinkStatusModel sinks
    required property SinkControl sinkControl
    required property RegistrationFlow registration
    required property SettingsEditor settingsEditor
    required property AdminLock adminLock
    required property bool kiosk
    required property string stationName
    required property bool demo

    /// The page shown: one of the ids in `pages` below.
    property string currentPage: "home"
    /// Laid out by width, not by mode: the 7" kiosk and a small desktop window look alike.
    readonly property bool compact: width < 1000

    // id → file and the services it is given (each page declares them as required properties).
    readonly property var pages: ({
        "home": {file: "Dashboard.qml", title: qsTr("Home"), props: {dashboard: window.dashboard, alarms: window.alarms}},
        "particles": {file: "OpcN3Page.qml", title: qsTr("Particles"), props: {stream: window.stream, sources: window.sources}},
        "energy": {file: "DevicePage.qml", title: qsTr("Energy"), props: {objectName: "energyPage", stream: window.stream, sources: window.sources, types: ["egauge", "modbus"],
                emptyText: qsTr("No energy meter is configured (an eGauge or Modbus entry under \"sources:\" in the settings).")}},
        "solar": {file: "DevicePage.qml", title: qsTr("Solar"), props: {objectName: "solarPage", stream: window.stream, sources: window.sources, types: ["isems"],
                emptyText: qsTr("No solar node network is configured (an ISEMS entry under \"sources:\" in the settings).")}},
        "uploads": {file: "UploadQueuePage.qml", title: qsTr("Uploads"), props: {objectName: "uploadQueuePage", queue: window.queue}},
        "push": {file: "PushStatusPage.qml", title: qsTr("Push"), props: {sinks: window.sinks, sinkControl: window.sinkControl}},
        "settings": {file: "SettingsPage.qml", title: qsTr("Settings"), props: {editor: window.settingsEditor, lock: window.adminLock, kiosk: window.kiosk}},
        "register": {file: "RegistrationWizard.qml", title: qsTr("Register"), props: {flow: window.registration}}
    })
    /// The pages on the navigation bar, in order (the wizard is opened from the uploads and settings pages).
    readonly property var navigation: ["home", "particles", "energy", "solar", "uploads", "push", "settings"]

    function openPage(id) {
        if (!(id in pages)) {
            console.warn("no page", id)
            return
        }
        currentPage = id
    }

    width: kiosk ? 800 : 1280
    height: kiosk ? 480 : 800
    minimumWidth: 640
    minimumHeight: 400
    visibility: kiosk ? Window.FullScreen : Window.Windowed
    visible: true
    title: qsTr("FieldStation — %1").arg(stationName)

    header: ColumnLayout {
        spacing: 0
        ToolBar {
            Layout.fillWidth: true
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
                    compact: window.compact
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
        AlarmBanner {
            Layout.fillWidth: true
            alarms: window.alarms
            onOpenPage: id => window.openPage(id)
        }
    }

    // Big enough to hit with a finger on the kiosk's touchscreen.
    footer: TabBar {
        id: nav
        objectName: "pageTabs"
        currentIndex: window.navigation.indexOf(window.currentPage)
        Repeater {
            model: window.navigation
            TabButton {
                required property string modelData
                objectName: modelData + "Tab"
                text: modelData === "uploads" && window.queue.pendingCount > 0
                      ? qsTr("Uploads (%1 waiting)").arg(window.queue.pendingCount)
                      : window.pages[modelData].title
                implicitHeight: window.compact ? 48 : 40
                onClicked: window.openPage(modelData)
            }
        }
    }

    Loader {
        id: page
        objectName: "pageLoader"
        anchors.fill: parent
        anchors.margins: window.compact ? 4 : 8
        asynchronous: false
        // Re-created whenever the page changes; `compact` goes to every page.
        function show() {
            const p = window.pages[window.currentPage]
            const props = Object.assign({compact: window.compact}, p.props)
            setSource(p.file, props)
        }
        Component.onCompleted: show()
        Connections {
            target: window
            function onCurrentPageChanged() { page.show() }
        }
        Connections {
            target: page.item
            ignoreUnknownSignals: true
            function onOpenPage(id) { window.openPage(id) }
        }
    }
}
