// Dashboard: the home screen, one tile per source and per sink, under one line that says whether
// everything works. Tap a tile for its page.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation
import FieldStation.Views
import "components"

Item {
    id: home
    objectName: "dashboard"

    required property DashboardModel dashboard
    required property AlarmModel alarms
    property bool compact: false

    signal openPage(string id)

    ColumnLayout {
        anchors.fill: parent
        spacing: home.compact ? 4 : 8

        // The five-second answer: does everything work, and if not, how many parts need a look.
        Rectangle {
            objectName: "stationSummary"
            Layout.fillWidth: true
            implicitHeight: home.compact ? 40 : 52
            radius: 6
            color: Theme.levelFill(home.dashboard.worstLevel)
            border.color: Theme.levelColor(home.dashboard.worstLevel)
            border.width: 2
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 12
                anchors.rightMargin: 12
                Label {
                    text: home.dashboard.worstLevel === "ok" ? "✓" : home.dashboard.worstLevel === "off" ? "–" : "!"
                    font.pixelSize: home.compact ? 24 : 30
                    font.bold: true
                    color: Theme.levelColor(home.dashboard.worstLevel)
                }
                Label {
                    objectName: "summaryText"
                    Layout.fillWidth: true
                    text: home.dashboard.summary
                    elide: Text.ElideRight
                    font.pixelSize: home.compact ? 20 : 26
                    font.bold: true
                    color: Theme.text
                }
            }
        }

        GridView {
            id: grid
            objectName: "tileGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: home.dashboard
            // 3 columns on the 7" screen, more on a wide window; rows fill the height when they fit.
            readonly property int columns: Math.max(1, Math.floor(width / (home.compact ? 250 : 300)))
            readonly property int rows: Math.max(1, Math.ceil(count / columns))
            cellWidth: Math.floor(width / columns)
            // Rows share the height, but a tile taller than this would be mostly empty.
            cellHeight: Math.max(home.compact ? 96 : 130, Math.min(Math.floor(height / rows), home.compact ? 160 : 200))
            boundsBehavior: Flickable.StopAtBounds
            ScrollIndicator.vertical: ScrollIndicator {}

            delegate: Item {
                id: cell
                required property string tileId
                required property string kind
                required property string title
                required property string level
                required property string reason
                required property var headline
                required property var sparkline
                required property string page

                width: grid.cellWidth
                height: grid.cellHeight

                // Both kinds exist, one shown: a Loader's inner Component cannot be bound to the
                // delegate's context in Qt 6.4, and a tile is a few items.
                SourceTile {
                    anchors.fill: parent
                    anchors.margins: home.compact ? 3 : 5
                    visible: cell.kind !== "sink"
                    objectName: cell.kind !== "sink" ? "tile:" + cell.tileId : ""
                    title: cell.title
                    level: cell.level
                    reason: cell.reason
                    headline: cell.kind !== "sink" ? cell.headline : []
                    sparkline: cell.kind !== "sink" ? cell.sparkline : []
                    page: cell.page
                    compact: home.compact
                    onOpenPage: id => home.openPage(id)
                }
                SinkTile {
                    anchors.fill: parent
                    anchors.margins: home.compact ? 3 : 5
                    visible: cell.kind === "sink"
                    objectName: cell.kind === "sink" ? "tile:" + cell.tileId : ""
                    title: cell.title
                    level: cell.level
                    reason: cell.reason
                    headline: cell.kind === "sink" ? cell.headline : []
                    page: cell.page
                    compact: home.compact
                    onOpenPage: id => home.openPage(id)
                }
            }
        }
    }
}
