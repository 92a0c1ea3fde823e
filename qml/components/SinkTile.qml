// SinkTile: where the readings go (gascloud upload, a push server, InfluxDB), on the home screen.
import QtQuick
import QtQuick.Controls
import FieldStation

TileFrame {
    id: tile

    // An arrow up: "sends away", so the sinks read apart from the sensors at a glance.
    Label {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        text: "↑"
        font.pixelSize: tile.compact ? 24 : 32
        color: Theme.levelColor(tile.level)
        opacity: 0.5
    }
}
