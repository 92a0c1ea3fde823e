// ChartZoom: pinch, drag and wheel over a chart's plot area turned into ChannelPlot window changes
// (the plot reads the store again for the new window; the chart itself never zooms its points).
import QtQuick
import FieldStation.Views

Item {
    id: zoom

    required property ChannelPlot plot
    /// The chart's plot area (ChartView.plotArea): the time axis spans its width.
    property rect plotArea
    property real lastScale: 1

    anchors.fill: parent

    function anchorAt(x) {
        const area = zoom.plotArea
        return area.width > 0 ? Math.max(0, Math.min(1, (x - area.x) / area.width)) : 1
    }

    PinchHandler {
        target: null
        onActiveChanged: zoom.lastScale = 1
        onActiveScaleChanged: {
            zoom.plot.zoomBy(activeScale / zoom.lastScale, zoom.anchorAt(centroid.position.x))
            zoom.lastScale = activeScale
        }
    }
    DragHandler {
        target: null
        maximumPointCount: 1
        property real lastX: 0
        onActiveChanged: lastX = 0
        onTranslationChanged: {
            const area = zoom.plotArea
            if (area.width > 0)
                zoom.plot.panBy(-(translation.x - lastX) / area.width)
            lastX = translation.x
        }
    }
    WheelHandler {
        target: null
        onWheel: (event) => zoom.plot.zoomBy(event.angleDelta.y > 0 ? 1.25 : 0.8, zoom.anchorAt(point.position.x))
    }
}
