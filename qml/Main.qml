// Main: the one window, frameless full screen in kiosk mode (800×480, touch only), a resizable window
// with a menu on a desktop. The home screen is the dashboard; every other page is created only while
// it is shown (a hidden chart does not exist, so it cannot redraw).
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
    /// The page to open at start (--page ID); empty: the dashboard.
    property string startPage: ""
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
        "push": {file: "PushStatusPage.qml", title: qsTr("Push"), props: {sinks: window.sinks, sinkControl: window.sinkControl, lock: window.adminLock, kiosk: window.kiosk}},
        "settings": {file: "SettingsPage.qml", title: qsTr("Settings"), props: {editor: window.settingsEditor, lock: window.adminLock, kiosk: window.kiosk}},
        "register": {file: "RegistrationWizard.qml", title: qsTr("Register"), props: {flow: window.registration}}
    })
    /// The pages on the navigation bar, in order (the wizard is opened from the uploads and settings pages).
    readonly property var navigation: ["home", "particles", "energy", "solar", "uploads", "push", "settings"]

    /// Pages that show live values: while one is up, the kiosk's screen does not blank.
    readonly property var livePages: ["home", "particles", "energy", "solar"]

    function openPage(id) {
        if (!(id in pages)) {
            console.warn("no page", id)
            return
        }
        currentPage = id
    }
    /// The kiosk's first start: no admin PIN is stored yet, so it is chosen before anything else.
    /// Not in --demo, which is for trying the station out (there Settings asks for it when opened).
    property bool choosingPinAtStart: false
    Component.onCompleted: {
        if (startPage !== "")
            openPage(startPage)
        choosingPinAtStart = kiosk && !demo && adminLock.stage === AdminLock.Choose
    }
    function toggleFullScreen() {
        visibility = visibility === Window.FullScreen ? Window.Windowed : Window.FullScreen
    }

    width: kiosk ? 800 : 1280
    height: kiosk ? 480 : 800
    minimumWidth: 640
    minimumHeight: 400
    // Frameless too: a compositor must not put a title bar on the kiosk.
    flags: kiosk ? Qt.Window | Qt.FramelessWindowHint : Qt.Window
    visibility: kiosk ? Window.FullScreen : Window.Windowed
    visible: true
    title: qsTr("FieldStation — %1").arg(stationName)

    // The menu exists on a desktop only; the kiosk has the navigation bar.
    menuBar: Loader {
        objectName: "menuBarLoader"
        active: !window.kiosk
        // The window's ids are in scope in this inline component at run time (tst_qml uses the menu);
        // the 6.4 linter cannot see into it.
        // qmllint disable unqualified
        sourceComponent: DesktopMenu {
            pages: window.pages
            navigation: window.navigation
            fullScreen: window.visibility === Window.FullScreen
            onOpenPage: id => window.openPage(id)
            onFullScreenToggled: window.toggleFullScreen()
            onAboutRequested: about.open()
            onQuitRequested: Qt.quit()
        }
        // qmllint enable unqualified
    }

    header: ColumnLayout {
        spacing: 0
        ToolBar {
            Layout.fillWidth: true
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: window.compact ? 6 : 12
                anchors.rightMargin: window.compact ? 6 : 12
                spacing: window.compact ? 8 : 12

                Label {
                    Layout.maximumWidth: window.width / 3
                    text: window.stationName
                    elide: Text.ElideRight
                    font.bold: true
                    font.pixelSize: window.compact ? 16 : 18
                }
                Label {
                    visible: window.demo
                    text: window.compact ? qsTr("DEMO") : qsTr("DEMO — emulated devices")
                    color: Theme.warn
                    font.bold: true
                }
                Item { Layout.fillWidth: true }
                StoreHealthBadge {
                    health: window.storeHealth
                    compact: window.compact
                }
                Label {
                    id: clock
                    objectName: "clock"
                    property date now: new Date()
                    font.pixelSize: window.compact ? 14 : 16
                    text: Qt.formatDateTime(now, window.compact ? "HH:mm" : "yyyy-MM-dd HH:mm:ss")
                    Timer {
                        interval: 1000
                        running: true
                        repeat: true
                        onTriggered: clock.now = new Date()
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
            // A delegate with required properties may use the window's id at run time; the 6.4 linter
            // has no `pragma ComponentBehavior: Bound` to be told so.
            // qmllint disable unqualified
            TabButton {
                required property string modelData
                objectName: modelData + "Tab"
                text: modelData !== "uploads" || window.queue.pendingCount === 0
                      ? window.pages[modelData].title
                      : window.compact ? qsTr("Uploads (%1)").arg(window.queue.pendingCount)
                                       : qsTr("Uploads (%1 waiting)").arg(window.queue.pendingCount)
                implicitHeight: window.compact ? Theme.touch : 40
                onClicked: window.openPage(modelData)
            }
            // qmllint enable unqualified
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
        Binding {
            target: page.item
            property: "compact"
            value: window.compact
            when: page.status === Loader.Ready
        }
    }

    // Over the whole window, header and navigation bar included.
    Rectangle {
        objectName: "firstStartPin"
        parent: Overlay.overlay
        visible: window.choosingPinAtStart
        anchors.fill: parent
        color: Theme.offFill
        MouseArea { anchors.fill: parent } // nothing underneath takes a tap meanwhile
        AdminPinDialog {
            anchors.fill: parent
            lock: window.adminLock
            compact: window.compact
            // Only when the PIN cannot be stored (a full or read-only disk): the station must not be
            // locked out of its own dashboard; Settings asks for a PIN again when opened.
            cancellable: window.adminLock.storeFailed
            onCancelled: window.choosingPinAtStart = false
        }
    }
    Connections {
        target: window.adminLock
        // Chosen and confirmed: the lock opened; the settings stay locked until the PIN is typed.
        function onChanged() {
            const stage = window.adminLock.stage
            if (window.choosingPinAtStart && stage !== AdminLock.Choose && stage !== AdminLock.Confirm) {
                window.choosingPinAtStart = false
                window.adminLock.relock()
            }
        }
    }

    // The kiosk has no keyboard: Qt's virtual keyboard slides up for any text field.
    Loader {
        objectName: "keyboardLoader"
        active: window.kiosk
        z: 100
        anchors.fill: parent
        source: "components/KioskKeyboard.qml"
    }

    ScreenAwake {
        objectName: "screenAwake"
        active: window.kiosk && window.livePages.indexOf(window.currentPage) >= 0
    }

    Dialog {
        id: about
        objectName: "aboutDialog"
        anchors.centerIn: parent
        modal: true
        title: qsTr("About FieldStation")
        standardButtons: Dialog.Close
        Label {
            text: qsTr("FieldStation %1\nAcquires, keeps, shows and forwards a field station's readings.")
                .arg(Qt.application.version)
        }
    }
}
