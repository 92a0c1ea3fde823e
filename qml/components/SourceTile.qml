// SourceTile: a sensor, meter or solar node on the home screen; the OPC-N3 adds its PM2.5 sparkline.
import QtQuick
import QtQuick.Controls

TileFrame {
    id: tile

    property var sparkline: []

    Sparkline {
        objectName: "sparkline"
        anchors.fill: parent
        anchors.topMargin: 4
        visible: tile.sparkline.length > 1
        values: tile.sparkline
    }
}
