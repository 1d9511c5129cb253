import { useId } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A wide table on a narrow screen scrolls sideways inside its own region; the page itself never does.
 * The region can take focus and is named after the table's caption (or the heading `labelledBy` points
 * at), so keyboard users can scroll it too (WCAG 2.1.1). Shadows at its edges and a short hint above it
 * (layout.css shows the hint only while the table is wider than its region) say there is more to the side.
 */
export function ScrollableTable({
  caption,
  captionClassName,
  labelledBy,
  children,
}: { children: React.ReactNode; captionClassName?: string } & (
  { caption: string; labelledBy?: never } | { caption?: never; labelledBy: string }
)) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="zwin-table-scroll">
      {/* Screen readers reach the whole table through its region; the hint is for the eye only. */}
      <p className="zwin-table-scroll__hint" aria-hidden="true">
        {t('table.scrollHint')}
      </p>
      <div
        className="zwin-table-wrap"
        tabIndex={0}
        role="region"
        aria-labelledby={labelledBy ?? id}
      >
        <table className="zwin-table" aria-labelledby={labelledBy}>
          {caption ? (
            <caption id={id} className={captionClassName}>
              {caption}
            </caption>
          ) : null}
          {children}
        </table>
      </div>
    </div>
  )
}
