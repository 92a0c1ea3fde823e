// Sparkline: a thumbnail line of recent values, drawn on a Canvas (a ChartView per tile is too heavy).
import QtQuick
import FieldStation

Canvas {
    id: spark

    property var values: []
    property color lineColor: Theme.accent

    onValuesChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        const n = values.length
        if (n < 2 || width <= 2 || height <= 2)
            return
        let lo = values[0], hi = values[0]
        for (let i = 1; i < n; ++i) {
            lo = Math.min(lo, values[i])
            hi = Math.max(hi, values[i])
        }
        const span = hi - lo > 0 ? hi - lo : 1
        ctx.strokeStyle = lineColor
        ctx.lineWidth = 2
        ctx.beginPath()
        for (let j = 0; j < n; ++j) {
            const x = 1 + j * (width - 2) / (n - 1)
            const y = height - 1 - (values[j] - lo) * (height - 2) / span
            if (j === 0)
                ctx.moveTo(x, y)
            else
                ctx.lineTo(x, y)
        }
        ctx.stroke()
    }
}
