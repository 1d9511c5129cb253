import { useId } from 'react'

/*
 * A line chart of measurements against the target line, drawn as plain SVG on the server: no chart
 * library, no JavaScript in the browser. Screen readers get the title and description (role="img"), and
 * the page puts a data table beside it. Colours come from the theme's custom properties through SVG
 * presentation attributes (our CSP forbids inline style attributes), with fallbacks for when the theme
 * is not loaded. Measured and target lines differ in dash as well as colour, and the legend names both.
 */

export type LineChartPoint = { date: string; value: number }

export type LineChartProps = {
  title: string
  description: string
  /** Measurements (for a goal: the network total), ISO dates; drawn in date order. */
  series: LineChartPoint[]
  /** The straight line from baseline to target. */
  target: { start: LineChartPoint; end: LineChartPoint }
  formatValue: (value: number) => string
  formatDate: (iso: string) => string
  labels: { measured: string; target: string }
  /**
   * Width of the picture in its own units (the height stays 320). It always fills its box; a narrow
   * picture for a phone keeps the text at a readable size when it shrinks.
   */
  width?: number
}

const HEIGHT = 320
const PLOT = { left: 104, right: 24, top: 44, bottom: 40 }
/** The plot starts lower when the legend takes two lines. */
const LEGEND_LINE = 22
const DATE_LINE = 18
const DAY = 24 * 60 * 60 * 1000
const FONT_SIZE = 14
// No text measuring on the server: a generous estimate of a character's width at FONT_SIZE.
const CHARACTER_WIDTH = 7.5

const colour = {
  measured: 'var(--zwin-color-sea, #0a4d68)',
  target: 'var(--zwin-color-muted, #4a5562)',
  text: 'var(--zwin-color-ink, #1b1f24)',
  axis: 'var(--zwin-color-muted, #4a5562)',
  grid: 'var(--zwin-color-line, #c9d2da)',
  paper: 'var(--zwin-color-paper, #ffffff)',
}

export function LineChart({
  title,
  description,
  series,
  target,
  formatValue,
  formatDate,
  labels,
  width = 640,
}: LineChartProps) {
  const id = useId()
  const titleId = `${id}-title`
  const descId = `${id}-desc`

  const measured = series
    .map((point) => ({ time: Date.parse(point.date), value: point.value }))
    .filter((point) => Number.isFinite(point.time) && Number.isFinite(point.value))
    .sort((a, b) => a.time - b.time)
  const targetLine = [target.start, target.end]
    .map((point) => ({ time: Date.parse(point.date), value: point.value }))
    .filter((point) => Number.isFinite(point.time) && Number.isFinite(point.value))

  const all = [...measured, ...targetLine]
  const [minTime, maxTime] = timeRange(all.map((point) => point.time))
  const yTicks = niceTicks(...valueRange(all.map((point) => point.value)))
  const minValue = yTicks[0] ?? 0
  const maxValue = yTicks.at(-1) ?? 1
  // The legend's second entry goes on a line of its own when it would not fit beside the first.
  const besideX = PLOT.left + 40 + labels.measured.length * CHARACTER_WIDTH + 32
  const legendFits = besideX + 40 + labels.target.length * CHARACTER_WIDTH <= width - PLOT.right
  const targetLegend = legendFits ? { x: besideX, y: 18 } : { x: PLOT.left, y: 18 + LEGEND_LINE }
  const plotTop = legendFits ? PLOT.top : PLOT.top + LEGEND_LINE
  const plotWidth = width - PLOT.left - PLOT.right
  const x = (time: number) =>
    round(PLOT.left + ((time - minTime) / (maxTime - minTime)) * plotWidth)
  const xTicks = dateTicks(minTime, maxTime, formatDate, x)
  // In a narrow picture even the first and last date may not fit side by side: the last goes a line lower.
  const staggered = !labelsFit(xTicks, x)
  const plotHeight = HEIGHT - plotTop - PLOT.bottom - (staggered ? DATE_LINE : 0)
  const y = (value: number) =>
    round(plotTop + plotHeight - ((value - minValue) / (maxValue - minValue)) * plotHeight)

  return (
    <svg
      className="zwin-line-chart"
      viewBox={`0 0 ${width} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      fontSize={FONT_SIZE}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>

      <g className="zwin-line-chart__legend">
        <line
          x1={PLOT.left}
          y1={18}
          x2={PLOT.left + 32}
          y2={18}
          stroke={colour.measured}
          strokeWidth="3"
        />
        <circle cx={PLOT.left + 16} cy={18} r="4" fill={colour.measured} />
        <text x={PLOT.left + 40} y={22} fill={colour.text}>
          {labels.measured}
        </text>
        <line
          x1={targetLegend.x}
          y1={targetLegend.y}
          x2={targetLegend.x + 32}
          y2={targetLegend.y}
          stroke={colour.target}
          strokeWidth="2"
          strokeDasharray="6 4"
        />
        <text x={targetLegend.x + 40} y={targetLegend.y + 4} fill={colour.text}>
          {labels.target}
        </text>
      </g>

      <g className="zwin-line-chart__y-axis">
        {yTicks.map((value) => (
          <g key={value}>
            <line
              x1={PLOT.left}
              y1={y(value)}
              x2={width - PLOT.right}
              y2={y(value)}
              stroke={colour.grid}
              strokeWidth="1"
            />
            <text x={PLOT.left - 8} y={y(value) + 4} textAnchor="end" fill={colour.text}>
              {formatValue(value)}
            </text>
          </g>
        ))}
      </g>

      <g className="zwin-line-chart__x-axis">
        <line
          x1={PLOT.left}
          y1={plotTop + plotHeight}
          x2={width - PLOT.right}
          y2={plotTop + plotHeight}
          stroke={colour.axis}
          strokeWidth="1"
        />
        {xTicks.map(({ time, label }, index) => (
          <g key={time}>
            <line
              x1={x(time)}
              y1={plotTop + plotHeight}
              x2={x(time)}
              y2={plotTop + plotHeight + 6}
              stroke={colour.axis}
              strokeWidth="1"
            />
            <text
              x={x(time)}
              y={
                plotTop +
                plotHeight +
                22 +
                (staggered && index === xTicks.length - 1 ? DATE_LINE : 0)
              }
              textAnchor={anchor(index, xTicks.length)}
              fill={colour.text}
            >
              {label}
            </text>
          </g>
        ))}
      </g>

      {targetLine.length === 2 ? (
        <path
          className="zwin-line-chart__target"
          d={linePath(targetLine, x, y)}
          fill="none"
          stroke={colour.target}
          strokeWidth="2"
          strokeDasharray="6 4"
        />
      ) : null}

      <g className="zwin-line-chart__measured">
        {measured.length > 1 ? (
          <path
            d={linePath(measured, x, y)}
            fill="none"
            stroke={colour.measured}
            strokeWidth="3"
            strokeLinejoin="round"
          />
        ) : null}
        {measured.map((point, index) => (
          <circle
            key={index}
            className="zwin-line-chart__point"
            cx={x(point.time)}
            cy={y(point.value)}
            r="4.5"
            fill={colour.measured}
            stroke={colour.paper}
            strokeWidth="1.5"
          >
            <title>{`${formatDate(new Date(point.time).toISOString())}: ${formatValue(point.value)}`}</title>
          </circle>
        ))}
      </g>
    </svg>
  )
}

function linePath(
  points: { time: number; value: number }[],
  x: (time: number) => number,
  y: (value: number) => number,
): string {
  return points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(point.time)} ${y(point.value)}`)
    .join(' ')
}

// Ranges that never collapse to a point, so the scales never divide by zero.
function timeRange(times: number[]): [number, number] {
  if (times.length === 0) return [0, DAY]
  const min = Math.min(...times)
  const max = Math.max(...times)
  return min === max ? [min - DAY, max + DAY] : [min, max]
}

function valueRange(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1]
  const min = Math.min(...values)
  const max = Math.max(...values)
  if (min !== max) return [min, max]
  const pad = Math.abs(min) * 0.1 || 1
  return [min - pad, max + pad]
}

/** About five round values (1, 2, 2.5 or 5 × a power of ten apart) covering min..max. */
function niceTicks(min: number, max: number): number[] {
  const rawStep = (max - min) / 5
  const magnitude = 10 ** Math.floor(Math.log10(rawStep))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rawStep * 0.999)!
  const first = Math.floor(min / step)
  const last = Math.ceil(max / step)
  const ticks: number[] = []
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)))
  return ticks
}

/**
 * Dates spread evenly over the range: the ends exactly, the ones between on midnight UTC (how days are
 * stored). As many as fit without their labels touching (four at most, always the two ends), and no label
 * twice (a range of a few days).
 */
function dateTicks(
  min: number,
  max: number,
  formatDate: (iso: string) => string,
  x: (time: number) => number,
): { time: number; label: string }[] {
  for (let count = 4; count > 2; count--) {
    const ticks = evenTicks(min, max, count, formatDate)
    if (labelsFit(ticks, x)) return ticks
  }
  return evenTicks(min, max, 2, formatDate)
}

function evenTicks(
  min: number,
  max: number,
  count: number,
  formatDate: (iso: string) => string,
): { time: number; label: string }[] {
  const ticks: { time: number; label: string }[] = []
  for (let i = 0; i < count; i++) {
    const end = i === 0 || i === count - 1
    const between = min + ((max - min) * i) / (count - 1)
    const time = end ? between : Math.round(between / DAY) * DAY
    const label = formatDate(new Date(time).toISOString())
    if (!ticks.some((tick) => tick.label === label)) ticks.push({ time, label })
  }
  return ticks
}

function labelsFit(ticks: { time: number; label: string }[], x: (time: number) => number): boolean {
  const extents = ticks.map(({ time, label }, index) => {
    const width = label.length * CHARACTER_WIDTH
    const at = x(time)
    const start = { start: at, middle: at - width / 2, end: at - width }[
      anchor(index, ticks.length)
    ]
    return { start, end: start + width }
  })
  return extents.every((extent, i) => i === 0 || extent.start >= extents[i - 1]!.end + 12)
}

function anchor(index: number, count: number): 'start' | 'middle' | 'end' {
  if (count > 1 && index === 0) return 'start'
  if (count > 1 && index === count - 1) return 'end'
  return 'middle'
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}
