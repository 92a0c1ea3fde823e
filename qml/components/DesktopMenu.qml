// DesktopMenu: the menu bar of the desktop window (the kiosk has none): files, pages, station, help.
import QtQuick
import QtQuick.Controls

MenuBar {
    id: bar
    objectName: "menuBar"

    /// Main.qml's page table (id → title …) and the ids shown in its navigation bar, in order. Not
    /// `required`: Main.qml sets them from a Loader's inline component, where the 6.4 linter would
    /// then refuse every outer id.
    property var pages: ({})
    property var navigation: []
    property bool fullScreen: false

    signal openPage(string id)
    signal fullScreenToggled
    signal aboutRequested
    signal quitRequested

    Menu {
        title: qsTr("&File")
        MenuItem {
            text: qsTr("&Settings…")
            onTriggered: bar.openPage("settings")
        }
        MenuSeparator {}
        MenuItem {
            text: qsTr("&Quit")
            onTriggered: bar.quitRequested()
        }
    }
    Menu {
        id: viewMenu
        objectName: "viewMenu"
        title: qsTr("&View")
        Repeater {
            model: bar.navigation
            // The menu bar's id is in scope at run time (see the same note in Main.qml).
            // qmllint disable unqualified
            MenuItem {
                required property string modelData
                objectName: modelData + "MenuItem"
                text: bar.pages[modelData].title
                onTriggered: bar.openPage(modelData)
            }
            // qmllint enable unqualified
        }
        MenuSeparator {}
        MenuItem {
            text: qsTr("&Full screen")
            checkable: true
            checked: bar.fullScreen
            onTriggered: bar.fullScreenToggled()
        }
    }
    Menu {
        title: qsTr("S&tation")
        MenuItem {
            text: qsTr("&Register…")
            onTriggered: bar.openPage("register")
        }
    }
    Menu {
        title: qsTr("&Help")
        MenuItem {
            text: qsTr("&About")
            onTriggered: bar.aboutRequested()
        }
    }
}
