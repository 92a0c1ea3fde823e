// PmChart: PM1, PM2.5 and PM10 of one source over a chosen range (live … 7 days), zoomable by pinch,
// wheel and buttons: the store's history joined to the live stream, series replaced whole from C++.
// qmllint disable import type property
import QtQuick
import QtCharts
import QtQuick.Layouts
import FieldStation.Views

ColumnLayout {
    id: root
    objectName: "pmChart"

    required property LiveStream stream
    required property string sourceId
    property bool compact: false
    readonly property alias plot: plot
    readonly property alias rangeBar: rangeBar

    spacing: 0

    ChannelPlot {
        id: plot
        stream: root.stream
        source: root.sourceId
        channels: ["pm1", "pm2_5", "pm10"]
        active: root.visible
        columns: Math.max(50, Math.round(chart.plotArea.width))
        onUpdated: {
            plot.fill(0, pm1)
            plot.fill(1, pm25)
            plot.fill(2, pm10)
        }
    }
    RangeBar {
        id: rangeBar
        objectName: "pmSpan"
        Layout.fillWidth: true
        plot: plot
        compact: root.compact
    }
    ChartView {
        id: chart
        Layout.fillWidth: true
        Layout.fillHeight: true
        title: qsTr("Particulate matter")
        titleFont: Qt.font({pixelSize: root.compact ? 11 : 14})
        antialiasing: true
        legend.alignment: Qt.AlignTop
        legend.font: Qt.font({pixelSize: root.compact ? 10 : 12})
        margins { top: 0; bottom: 0; left: 2; right: 2 }

        ChartZoom { plot: plot; plotArea: chart.plotArea }
        DateTimeAxis {
            id: timeAxis
            format: TimeText.axisFormat(plot.viewSpanMs)
            tickCount: root.compact ? 4 : 6
            labelsFont: Qt.font({pixelSize: root.compact ? 9 : 11})
            titleText: TimeText.axisTitle(plot.timeMax.getTime())
            titleFont: Qt.font({pixelSize: root.compact ? 9 : 11})
            min: plot.timeMin
            max: plot.timeMax
        }
        ValueAxis {
            id: pmAxis
            min: 0
            max: plot.valueMax
            labelFormat: "%.0f"
            labelsFont: Qt.font({pixelSize: root.compact ? 9 : 11})
            titleText: "µg/m³"
            titleFont: Qt.font({pixelSize: root.compact ? 9 : 11})
        }
        LineSeries { id: pm1; name: "PM1"; color: "#2e7d32"; axisX: timeAxis; axisY: pmAxis; width: 2 }
        LineSeries { id: pm25; name: "PM2.5"; color: "#1565c0"; axisX: timeAxis; axisY: pmAxis; width: 2 }
        LineSeries { id: pm10; name: "PM10"; color: "#c62828"; axisX: timeAxis; axisY: pmAxis; width: 2 }
    }
}
