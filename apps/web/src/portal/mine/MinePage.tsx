/** 我的: signed out, the sign-in by SMS code; signed in, his number, 我的上报 and 退出登录. */
import { useState } from 'react';
import { Button, DotLoading } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { ApiFailure, call } from '../../shared/api.ts';
import { FormAlert } from '../../shared/FormAlert.tsx';
import { MyReports } from './MyReports.tsx';
import { PortalTabs } from '../PortalTabs.tsx';
import { SignInForm } from './SignInForm.tsx';
import { useCitizen, useCitizenChanged } from './use-citizen.ts';

/** 137****6001: the number as a screen others may see over the shoulder shows it. */
const maskedPhone = (phone: string) => phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2');

export function MinePage() {
  const { t } = useTranslation();
  const citizen = useCitizen();
  const changed = useCitizenChanged();
  const [error, setError] = useState<string | null>(null);
  const signOut = async () => {
    setError(null);
    try {
      await call('portal.signOut');
      changed(null);
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
    }
  };
  return (
    <div className="portal-tabbed">
      <header className="portal-head">
        <h1>{t('portal.mine.title')}</h1>
        <p>{t('portal.mine.subtitle')}</p>
      </header>
      {citizen.isPending && (
        <div className="portal-card" role="status">
          <DotLoading />
        </div>
      )}
      {citizen.data === null && <SignInForm />}
      {citizen.data && (
        <>
          <section className="portal-card portal-mine-head" aria-label={t('portal.mine.account')}>
            <div>
              <div className="portal-muted">{t('portal.mine.signedInAs')}</div>
              <div className="portal-mine-phone">{maskedPhone(citizen.data.phone)}</div>
            </div>
            <Button size="small" onClick={() => void signOut()}>
              {t('portal.mine.signOut')}
            </Button>
          </section>
          <FormAlert message={error} />
          <MyReports />
        </>
      )}
      <PortalTabs />
    </div>
  );
}
