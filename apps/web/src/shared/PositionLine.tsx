import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { PositionState } from './use-position.ts';

/** Where the phone is, in words (the app's own: `words` names its locale section), with a way to try again. */
export function PositionLine({ position, words }: { position: PositionState & { locate(): void }; words: 'fieldApp.report' | 'portal.report' }) {
  const { t } = useTranslation();
  return (
    <div className="position-line" role="status">
      <span>
        {position.status === 'locating'
          ? t(`${words}.locating`)
          : position.status === 'ok'
            ? t(`${words}.located`, { m: position.fix.accuracy })
            : t(`${words}.noFix`)}
      </span>
      {position.status !== 'locating' && (
        <Button size="small" onClick={position.locate}>
          {t(`${words}.relocate`)}
        </Button>
      )}
    </div>
  );
}
