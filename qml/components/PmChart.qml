// PmChart: PM1, PM2.5 and PM10 over the recent past; the series are replaced whole from C++.
import QtQuick
import QtCharts
import FieldStation.Views

ChartView {
    id: chart
    objectName: "pmChart"

    required property OpcN3View opc
    property bool compact: false

    title: qsTr("Particulate matter (µg/m³)")
    titleFont.pixelSize: compact ? 11 : 14
    antialiasing: true
    legend.alignment: Qt.AlignTop
    legend.font.pixelSize: compact ? 10 : 12
    margins { top: 2; bottom: 2; left: 2; right: 2 }

    DateTimeAxis {
        id: timeAxis
        format: "HH:mm:ss"
        tickCount: chart.compact ? 4 : 6
        labelsFont.pixelSize: chart.compact ? 9 : 11
        min: chart.opc.timeMin
        max: chart.opc.timeMax
    }
    ValueAxis {
        id: pmAxis
        min: 0
        max: chart.opc.pmMax
        labelFormat: "%.0f"
        labelsFont.pixelSize: chart.compact ? 9 : 11
    }
    LineSeries { id: pm1; name: "PM1"; color: "#2e7d32"; axisX: timeAxis; axisY: pmAxis; width: 2; useOpenGL: true }
    LineSeries { id: pm25; name: "PM2.5"; color: "#1565c0"; axisX: timeAxis; axisY: pmAxis; width: 2; useOpenGL: true }
    LineSeries { id: pm10; name: "PM10"; color: "#c62828"; axisX: timeAxis; axisY: pmAxis; width: 2; useOpenGL: true }

    Connections {
        target: chart.opc
        function onUpdated() {
            chart.opc.fillPmSeries(pm1, pm25, pm10, Math.max(50, Math.round(chart.plotArea.width)))
        }
    }
}
