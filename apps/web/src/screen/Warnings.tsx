/**
 * 预警信息: the open warnings of the area, when the early-warning module feeds them (the snapshot's `warnings`).
 * Without it the panel is not drawn at all.
 */
import { useTranslation } from 'react-i18next';
import type { ScreenWarning } from '@liandong/contracts';

export function Warnings({ warnings }: { warnings: ScreenWarning[] | undefined }) {
  const { t } = useTranslation();
  if (warnings === undefined) return null;
  return (
    <section className="scr-panel scr-warnings" aria-labelledby="scr-warnings-title">
      <h2 id="scr-warnings-title" className="scr-panel-title">
        {t('screen.warnings.title')}
      </h2>
      <ul aria-label={t('screen.warnings.title')}>
        {warnings.slice(0, 3).map((w) => (
          <li key={w.id} className={`scr-warning scr-warning-${w.level}`}>
            <span className="scr-warning-dot" />
            <span className="scr-warning-title">{w.title}</span>
            <span className="scr-warning-area">{w.area ?? ''}</span>
          </li>
        ))}
        {warnings.length === 0 && <li className="scr-empty">{t('screen.warnings.empty')}</li>}
      </ul>
    </section>
  );
}
