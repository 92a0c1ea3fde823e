// PmChart: PM1, PM2.5 and PM10 of one source over the last hour (or 6 h, a day, a week): the
// store's history joined to the live stream, the series replaced whole from C++.
import QtQuick
import QtCharts
import QtQuick.Controls
import FieldStation.Views

ChartView {
    id: chart
    objectName: "pmChart"

    required property LiveStream stream
    required property string sourceId
    property bool compact: false

    title: qsTr("Particulate matter (µg/m³)")
    titleFont.pixelSize: compact ? 11 : 14
    antialiasing: true
    legend.alignment: Qt.AlignTop
    legend.font.pixelSize: compact ? 10 : 12
    margins { top: 2; bottom: 2; left: 2; right: 2 }

    ChannelPlot {
        id: plot
        stream: chart.stream
        source: chart.sourceId
        channels: ["pm1", "pm2_5", "pm10"]
        spanMinutes: span.currentValue ?? 60
        columns: Math.max(50, Math.round(chart.plotArea.width))
        onUpdated: {
            plot.fill(0, pm1)
            plot.fill(1, pm25)
            plot.fill(2, pm10)
        }
    }
    ComboBox {
        id: span
        objectName: "pmSpan"
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: 4
        width: chart.compact ? 84 : 100
        font.pixelSize: chart.compact ? 11 : 13
        textRole: "text"
        valueRole: "minutes"
        model: [
            { text: qsTr("1 hour"), minutes: 60 },
            { text: qsTr("6 hours"), minutes: 360 },
            { text: qsTr("1 day"), minutes: 1440 },
            { text: qsTr("7 days"), minutes: 10080 }
        ]
    }
    DateTimeAxis {
        id: timeAxis
        // Seconds only when the span is short enough for them to tell the ticks apart.
        format: plot.timeMax - plot.timeMin < 15 * 60000 ? "HH:mm:ss" : plot.timeMax - plot.timeMin < 86400000 ? "HH:mm" : "dd.MM. HH:mm"
        tickCount: chart.compact ? 4 : 6
        labelsFont.pixelSize: chart.compact ? 9 : 11
        min: plot.timeMin
        max: plot.timeMax
    }
    ValueAxis {
        id: pmAxis
        min: 0
        max: plot.valueMax
        labelFormat: "%.0f"
        labelsFont.pixelSize: chart.compact ? 9 : 11
    }
    LineSeries { id: pm1; name: "PM1"; color: "#2e7d32"; axisX: timeAxis; axisY: pmAxis; width: 2; useOpenGL: true }
    LineSeries { id: pm25; name: "PM2.5"; color: "#1565c0"; axisX: timeAxis; axisY: pmAxis; width: 2; useOpenGL: true }
    LineSeries { id: pm10; name: "PM10"; color: "#c62828"; axisX: timeAxis; axisY: pmAxis; width: 2; useOpenGL: true }
}
