/** The wall's clock: the date, the weekday in Chinese and the time, China time, each second. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const TZ = 'Asia/Shanghai';

export function Clock() {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  const en = i18n.language === 'en';
  const date = new Intl.DateTimeFormat(en ? 'en-GB' : 'zh-CN', { timeZone: TZ, year: 'numeric', month: en ? 'short' : 'long', day: 'numeric' }).format(now);
  const weekday = new Intl.DateTimeFormat(en ? 'en-GB' : 'zh-CN', { timeZone: TZ, weekday: 'long' }).format(now);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now);
  return (
    <div className="scr-clock" role="timer" aria-label={t('screen.clock.label')}>
      <span className="scr-clock-time">{time}</span>
      <span className="scr-clock-date">
        <span>{date}</span>
        <span>{weekday}</span>
      </span>
    </div>
  );
}
