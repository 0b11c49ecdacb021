import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { PositionState } from './use-position.ts';

/** Where the phone is, in words, with a way to try again. */
export function PositionLine({ position }: { position: PositionState & { locate(): void } }) {
  const { t } = useTranslation();
  return (
    <div className="field-position" role="status">
      <span>
        {position.status === 'locating'
          ? t('fieldApp.report.locating')
          : position.status === 'ok'
            ? t('fieldApp.report.located', { m: position.fix.accuracy })
            : t('fieldApp.report.noFix')}
      </span>
      {position.status !== 'locating' && (
        <Button size="small" onClick={position.locate}>
          {t('fieldApp.report.relocate')}
        </Button>
      )}
    </div>
  );
}
